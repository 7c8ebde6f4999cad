/**
 * The target machine's clock, for turning /proc/PID/stat's start time (clock
 * ticks after boot) into a date and an uptime. Read on the host itself, never
 * from this machine: over SSH the box's tick rate and boot time are its own.
 */
import type { Host } from '../host/host';
import { parseBootTimeSec, parseUptimeSec } from './proc-files';

/** USER_HZ on every mainstream Linux build; used only when getconf cannot answer. */
const DEFAULT_TICKS_PER_SEC = 100;

export interface HostClock {
  ticksPerSec: number;
  bootTimeSec: number;
  /** Seconds since boot when this clock was read (/proc/uptime). */
  uptimeSec: number;
}

export async function readTicksPerSec(host: Host): Promise<number> {
  try {
    const result = await host.run(['getconf', 'CLK_TCK'], { timeoutMs: 5000, maxOutputBytes: 1024 });
    const ticks = Number(result.stdout.toString().trim());
    return result.code === 0 && Number.isInteger(ticks) && ticks > 0 ? ticks : DEFAULT_TICKS_PER_SEC;
  } catch {
    return DEFAULT_TICKS_PER_SEC;
  }
}

export async function readBootTimeSec(host: Host): Promise<number> {
  const bootTime = parseBootTimeSec((await host.readFile('/proc/stat')).toString());
  if (bootTime === null) throw new Error('/proc/stat has no btime line');
  return bootTime;
}

export async function readUptimeSec(host: Host): Promise<number> {
  const uptime = parseUptimeSec((await host.readFile('/proc/uptime')).toString());
  if (uptime === null) throw new Error('/proc/uptime is not a number');
  return uptime;
}

/** When a process started and how long it has run, from its start time in ticks. */
export function processTimes(clock: HostClock, startTicks: number): { startedAt: string; uptimeSec: number } {
  const sinceBootSec = startTicks / clock.ticksPerSec;
  return {
    startedAt: new Date(Math.round((clock.bootTimeSec + sinceBootSec) * 1000)).toISOString(),
    uptimeSec: Math.max(0, Math.round((clock.uptimeSec - sinceBootSec) * 100) / 100),
  };
}
