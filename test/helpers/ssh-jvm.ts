/**
 * For the JVM-over-SSH tests: where the JDK on PATH really lives, and a PATH
 * for the sshd session with every tool of this machine except the JDK's,
 * so gclens must find jcmd and jstat beside the target's own java.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The bin directory of the JDK whose java is on PATH (what /proc/PID/exe of its JVMs points into). */
export function javaBinDir(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'java')).find((file) => existsSync(file));
  if (!onPath) throw new Error('A JDK is required by the tests but `java` is not on PATH. Install a JDK 11 or later (see .ci/run).');
  return dirname(realpathSync(onPath));
}

/**
 * A folder of links to each program in the system bin folders whose real
 * file is not inside a JDK (/usr/bin/jcmd is a link into /usr/lib/jvm); its
 * path, to use as the whole PATH.
 */
export function pathWithoutJdk(folder: string): string {
  mkdirSync(folder, { recursive: true });
  const jdkRoot = dirname(dirname(javaBinDir()));
  for (const bin of ['/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    if (!existsSync(bin)) continue;
    for (const name of readdirSync(bin)) {
      const link = join(folder, name);
      if (existsSync(link)) continue;
      let real: string;
      try {
        real = realpathSync(join(bin, name));
      } catch {
        continue; // a dangling link
      }
      if (real.startsWith(`${jdkRoot}/`) || real.includes('/jvm/')) continue;
      symlinkSync(real, link);
    }
  }
  // The proof that it worked: no jcmd is left to find.
  const found = spawnCommandV(folder, 'jcmd');
  if (found) throw new Error(`the PATH without a JDK still finds jcmd at ${found}`);
  return folder;
}

function spawnCommandV(path: string, name: string): string {
  try {
    return execFileSync('/bin/sh', ['-c', `command -v ${name}`], { env: { PATH: path }, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
