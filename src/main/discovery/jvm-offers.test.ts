import { describe, expect, it } from 'vitest';
import type { JvmOffers } from '../../shared/process-info';
import { FakeHost } from '../../../test/helpers/fake-host';
import { GclensError } from '../../shared/result';
import { explainUserSwitch, javaVersionFromVmVersion, jcmdRunner, nmtFromJcmd } from './jcmd';
import { addJcmdDetails, javaVersionFromRelease, jvmFlagsFromArgv, resolveLogFile } from './jvm-offers';
import type { ProcessBasics } from './process-basics';

function basics(over: Partial<ProcessBasics> = {}): ProcessBasics {
  return {
    pid: 4242,
    nsPid: 4242,
    uid: 1001,
    user: 'app',
    argv: ['/opt/jdk-17/bin/java', 'Main'],
    exe: '/opt/jdk-17/bin/java',
    startTicks: 1,
    rssBytes: null,
    container: false,
    root: '',
    notes: [],
    ...over,
  };
}

const cheapOffers: JvmOffers = { gcLogs: null, nmt: 'unknown', hsperfdata: true, stdout: { kind: 'file', path: '/var/log/app.out' }, stderr: { kind: 'pipe' } };

describe('the Java version', () => {
  it('comes from <java.home>/release, or from a JDK 8 jre/ one level up', async () => {
    const host = new FakeHost({ files: { '/opt/jdk-17/release': 'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="17.0.15"\n' } });
    expect(await javaVersionFromRelease(host, basics())).toBe('17.0.15');
    const jdk8 = new FakeHost({ files: { '/opt/jdk8/release': 'JAVA_VERSION="1.8.0_392"\n' } });
    expect(await javaVersionFromRelease(jdk8, basics({ exe: '/opt/jdk8/jre/bin/java' }))).toBe('1.8.0_392');
    const container = new FakeHost({ files: { '/proc/4242/root/opt/jdk-17/release': 'JAVA_VERSION="17.0.2"\n' } });
    expect(await javaVersionFromRelease(container, basics({ container: true, root: '/proc/4242/root' }))).toBe('17.0.2');
  });

  it('comes from jcmd VM.version when there is no release file', () => {
    expect(javaVersionFromVmVersion('4242:\nOpenJDK 64-Bit Server VM version 17.0.15+6-Debian-1deb12u1\nJDK 17.0.15\n')).toBe('17.0.15');
    expect(javaVersionFromVmVersion('4242:\nOpenJDK 64-Bit Server VM version 25.392-b08\nJDK 8.0_392\n')).toBe('8.0_392');
  });
});

describe('the command line', () => {
  it('says NMT (last flag wins) and a JDK 8 -Xloggc file', () => {
    expect(jvmFlagsFromArgv(['java', '-XX:NativeMemoryTracking=summary', 'Main'])).toEqual({ nmt: 'on', gcLogFile: null });
    expect(jvmFlagsFromArgv(['java', '-XX:NativeMemoryTracking=detail', '-XX:NativeMemoryTracking=off'])).toEqual({ nmt: 'off', gcLogFile: null });
    expect(jvmFlagsFromArgv(['java', '-Xloggc:logs/gc.log', 'Main'])).toEqual({ nmt: 'unknown', gcLogFile: 'logs/gc.log' });
  });
});

describe('resolveLogFile', () => {
  it('expands %p to the pid the JVM sees, and resolves a relative name against its working directory', async () => {
    const host = new FakeHost({ links: { '/proc/4242/cwd': '/srv/app' } });
    expect(await resolveLogFile(host, basics({ nsPid: 7 }), 'logs/gc-%p.log')).toBe('/srv/app/logs/gc-7.log');
  });

  it('finds the newest file matching %t, through /proc/PID/root in a container', async () => {
    const root = '/proc/4242/root';
    const host = new FakeHost({
      dirs: { [`${root}/logs`]: ['gc-2025-01-01_10-00-00.log', 'gc-2025-01-02_10-00-00.log', 'gc-other.log'] },
      files: { [`${root}/logs/gc-2025-01-01_10-00-00.log`]: '', [`${root}/logs/gc-2025-01-02_10-00-00.log`]: '' },
      stats: { [`${root}/logs/gc-2025-01-01_10-00-00.log`]: { mtimeMs: 2 }, [`${root}/logs/gc-2025-01-02_10-00-00.log`]: { mtimeMs: 1 } },
    });
    expect(await resolveLogFile(host, basics({ container: true, root }), '/logs/gc-%t.log')).toBe(`${root}/logs/gc-2025-01-01_10-00-00.log`);
  });
});

describe('jcmd', () => {
  it('runs the jcmd beside the target’s java, as the target’s user unless gclens is root', async () => {
    const host = new FakeHost({ files: { '/opt/jdk-17/bin/jcmd': '' }, run: () => ({ stdout: Buffer.from('4242:\nJDK 17.0.15\n') }) });
    await jcmdRunner(host, false)(basics(), ['VM.version']);
    await jcmdRunner(host, true)(basics(), ['VM.version']);
    expect(host.runs.map((r) => [r.argv, r.options.asUser])).toEqual([
      [['/opt/jdk-17/bin/jcmd', '4242', 'VM.version'], 'app'],
      [['/opt/jdk-17/bin/jcmd', '4242', 'VM.version'], undefined],
    ]);
    const onPath = new FakeHost({});
    await jcmdRunner(onPath, true)(basics(), ['VM.version']);
    expect(onPath.runs[0]?.argv[0]).toBe('jcmd');
  });

  it('says what failed: the exception line, or the timeout', async () => {
    const refusing = new FakeHost({
      run: () => ({ code: 1, stdout: Buffer.from('4242:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket file /proc/4242/root/tmp/.java_pid4242\n\tat sun.tools...\n') }),
    });
    await expect(jcmdRunner(refusing, true)(basics(), ['VM.log', 'list'])).rejects.toThrow(/jcmd 4242 VM\.log list failed: com\.sun\.tools\.attach\.AttachNotSupportedException: Unable to open socket file/);
    const hanging = new FakeHost({ run: () => ({ code: null, signal: 'SIGTERM', timedOut: true }) });
    await expect(jcmdRunner(hanging, true)(basics(), ['VM.version'])).rejects.toThrow(/timed out after 15000 ms/);
  });

  it('says a refused switch to the JVM\u2019s user is why jcmd failed, in sudo\u2019s words too', async () => {
    const refusal = 'sudo refused to run /opt/jdk-17/bin/jcmd as app on ops@box:22 (sudo: a password is required). gclens runs sudo -n and never asks for a password.';
    const host = new FakeHost({
      files: { '/opt/jdk-17/bin/jcmd': '' },
      run: () => {
        throw new GclensError('io', refusal);
      },
    });
    const failure = await jcmdRunner(host, false)(basics(), ['VM.version']).catch((err: GclensError) => err);
    expect(failure).toMatchObject({ kind: 'io', message: `jcmd attaches only as the JVM's own user (app) or root, so gclens runs it through sudo -n -u app, which failed: ${refusal}` });
    const missing = 'cannot run jstat as app: sudo is not installed on ops@box:22';
    expect(explainUserSwitch(missing, 'jstat', 'app')).toBe(`jstat attaches only as the JVM's own user (app) or root, so gclens runs it through sudo -n -u app, which failed: ${missing}`);
    // Not a user switch (gclens is root, or the program itself failed): the words stay as they were.
    expect(explainUserSwitch(refusal, 'jcmd', undefined)).toBe(refusal);
    expect(explainUserSwitch('jcmd 4242 VM.version failed: AttachNotSupportedException', 'jcmd', 'app')).toBe('jcmd 4242 VM.version failed: AttachNotSupportedException');
    // Asked for details, it notes the refusal once rather than for every jcmd it would have run.
    const process = basics();
    const { offers } = await addJcmdDetails(jcmdRunner(host, false), host, process, cheapOffers, null);
    expect(offers).toEqual(cheapOffers);
    expect(process.notes).toEqual([(failure as GclensError).message]);
    expect(host.runs).toHaveLength(2);
  });

  it('reads NMT from VM.native_memory summary', () => {
    expect(nmtFromJcmd('4242:\nNative memory tracking is not enabled\n')).toBe('off');
    expect(nmtFromJcmd('4242:\n\nNative Memory Tracking:\n\nTotal: reserved=1GB\n')).toBe('on');
    expect(nmtFromJcmd('')).toBe('unknown');
  });
});

describe('addJcmdDetails', () => {
  const listing = ['4242:', 'Log output configuration:', ' #0: stdout all=off,gc=info uptime,level,tags', ' #1: stderr all=off uptime,level,tags', ' #2: file=/var/log/gc.log all=off,gc*=info uptime,tags filecount=5,filesize=20M', ''].join('\n');

  it('finds GC outputs (a file, and stdout going to a file) and NMT', async () => {
    const host = new FakeHost({
      run: (argv) => ({ stdout: Buffer.from(argv.includes('VM.log') ? listing : '4242:\nNative memory tracking is not enabled\n') }),
    });
    const process = basics();
    const { offers, version } = await addJcmdDetails(jcmdRunner(host, true), host, process, cheapOffers, '17.0.15');
    expect(offers.gcLogs).toEqual([
      { output: 'stdout', path: '/var/log/app.out', selections: 'all=off,gc=info', decorators: ['uptime', 'level', 'tags'], source: 'vm-log' },
      { output: 'file', path: '/var/log/gc.log', selections: 'all=off,gc*=info', decorators: ['uptime', 'tags'], source: 'vm-log' },
    ]);
    expect(offers.nmt).toBe('off');
    expect(version).toBe('17.0.15');
    // VM.version is not asked when the release file told the version.
    expect(host.runs.map((r) => r.argv.slice(2).join(' '))).toEqual(['VM.log list', 'VM.native_memory summary']);
  });

  it('keeps the cheap answers and notes why when jcmd is refused', async () => {
    const host = new FakeHost({ run: () => ({ code: 1, stdout: Buffer.from('4242:\nAttachNotSupportedException: no such process\n') }) });
    const process = basics();
    const { offers, version } = await addJcmdDetails(jcmdRunner(host, true), host, process, cheapOffers, null);
    expect(offers).toEqual(cheapOffers);
    expect(version).toBeNull();
    expect(process.notes).toHaveLength(3);
    expect(process.notes[0]).toMatch(/jcmd 4242 VM\.log list failed: AttachNotSupportedException/);
  });
});
