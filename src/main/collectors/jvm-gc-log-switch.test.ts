import { describe, expect, it } from 'vitest';
import { attachLogPath, listsOutput, rotatedNames } from './jvm-gc-log-switch';

// `jcmd PID VM.log list` of JDK 17.0.15 after `VM.log output=… what=gc*,safepoint decorators=uptime,time,level,tags`.
const LISTED = `Log output configuration:
 #0: stdout all=warning uptime,level,tags
 #1: stderr all=off uptime,level,tags
 #2: file=/tmp/gclens-4242-a1b2c3d4e5f6.log all=off,gc*=info,safepoint=info time,uptime,level,tags filecount=5,filesize=20480K,async=false (reconfigured)
`;
// The same after `VM.log output=… what=all=off`: the output is gone.
const REMOVED = `Log output configuration:
 #0: stdout all=warning uptime,level,tags
 #1: stderr all=off uptime,level,tags
`;

describe('the GC log switched on for an attach', () => {
  it('is named in /tmp as the JVM sees it, and read through /proc/PID/root for a container', () => {
    const local = attachLogPath(4242, '');
    expect(local.jvmPath).toMatch(/^\/tmp\/gclens-4242-[0-9a-f]{12}\.log$/);
    expect(local.hostPath).toBe(local.jvmPath);
    const contained = attachLogPath(4242, '/proc/4242/root');
    expect(contained.hostPath).toBe(`/proc/4242/root${contained.jvmPath}`);
  });

  it('is found in VM.log list while on, and not after it is switched off', () => {
    expect(listsOutput(LISTED, '/tmp/gclens-4242-a1b2c3d4e5f6.log')).toBe(true);
    expect(listsOutput(LISTED, '/tmp/gclens-4242-000000000000.log')).toBe(false);
    expect(listsOutput(REMOVED, '/tmp/gclens-4242-a1b2c3d4e5f6.log')).toBe(false);
  });

  it('has its rotated copies found by name, and nothing else', () => {
    const names = ['gclens-1-ab.log', 'gclens-1-ab.log.0', 'gclens-1-ab.log.12', 'gclens-1-ab.log.old', 'gclens-1-abc.log', 'other'];
    expect(rotatedNames(names, '/tmp/gclens-1-ab.log')).toEqual(['gclens-1-ab.log', 'gclens-1-ab.log.0', 'gclens-1-ab.log.12']);
  });
});
