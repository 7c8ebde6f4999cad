/**
 * A short name for a process in a tab: the program's file name, or for a JVM
 * (whose program is always `java`) the main class or the jar, as `jps` names
 * them. Read from the command line, arguments joined by spaces.
 */
import type { ProcessInfo } from '../../../shared/process-info';

/** java options whose value is the next argument (java -help). */
const JAVA_OPTIONS_WITH_VALUE = new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--add-modules', '--upgrade-module-path', '--enable-native-access']);

function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}

export function programName(command: string, runtime: ProcessInfo['runtime'] | null): string {
  const [program = '', ...args] = command.split(' ').filter((word) => word !== '');
  if (runtime !== 'jvm') return fileName(program);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-jar') return args[i + 1] ? fileName(args[i + 1]!) : fileName(program);
    // -m module/class: the class, or the module when it names none.
    if (arg === '-m' || arg === '--module') return args[i + 1]?.split('/').pop()?.split('.').pop() ?? fileName(program);
    if (JAVA_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg.split('.').pop()!;
  }
  return fileName(program);
}
