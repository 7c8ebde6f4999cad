/**
 * `jcmd PID VM.log list`: the JVM's unified-logging outputs (JDK 9+). The
 * lines after "Log output configuration:" read, as JDK 17 and 25 print them,
 *
 *   #0: stdout all=warning uptime,level,tags
 *   #2: file=/var/log/app/gc.log all=off,gc*=info uptime,level,tags filecount=5,filesize=20480K,async=false
 *   #1: stderr all=off none foldmultilines=false
 *
 * The file name is printed unquoted and may hold spaces, so the line is read
 * from its right end: options, decorators, selections, and the rest is the name.
 * An output changed at run time (jcmd VM.log) ends in " (reconfigured)".
 */

export interface LogOutputConfig {
  index: number;
  /** `stdout`, `stderr`, or `file=<name>` as the JVM was given it (%p and %t not expanded). */
  name: string;
  selections: string;
  /** Empty for `none`. */
  decorators: string[];
  options: string;
}

const OPTION_KEYS = new Set(['filecount', 'filesize', 'async', 'foldmultilines']);
/** Levels that let GC's info messages (one per collection) through an `all=` selection. */
const GC_EVENT_LEVELS = new Set(['info', 'debug', 'trace']);

export function parseVmLogList(text: string): LogOutputConfig[] {
  const start = text.indexOf('Log output configuration:');
  if (start < 0) return [];
  const outputs: LogOutputConfig[] = [];
  for (const line of text.slice(start).split('\n').slice(1)) {
    const match = /^\s*#(\d+): (.+?)(?: \(reconfigured\))?\s*$/.exec(line);
    if (!match) continue;
    const tokens = match[2]!.split(' ');
    const last = () => tokens.at(-1) ?? '';
    const options = isOptions(last()) ? tokens.pop()! : '';
    const decorators = !last().includes('=') ? tokens.pop()! : '';
    const selections = last().includes('=') && tokens.length > 1 ? tokens.pop()! : '';
    outputs.push({
      index: Number(match[1]),
      name: tokens.join(' '),
      selections,
      decorators: decorators === 'none' || decorators === '' ? [] : decorators.split(','),
      options,
    });
  }
  return outputs;
}

function isOptions(token: string): boolean {
  return token.includes('=') && token.split(',').every((pair) => OPTION_KEYS.has(pair.split('=')[0] ?? ''));
}

/**
 * Whether a selection list (`all=off,gc*=info`, `gc+heap=debug`) lets GC
 * messages through: a tag set naming gc at any level but off, or `all` at
 * info or finer (the default `all=warning` on stdout carries no GC events).
 */
export function selectsGc(selections: string): boolean {
  return selections.split(',').some((selection) => {
    const [tagSet = '', level = 'info'] = selection.split('=');
    if (level === 'off') return false;
    const tags = tagSet.split('+').map((tag) => tag.replace(/\*$/, ''));
    if (tags.length === 1 && tags[0] === 'all') return GC_EVENT_LEVELS.has(level);
    return tags.includes('gc');
  });
}

/** The file name of a `file=` output, without quotes; null for stdout and stderr. */
export function outputFileName(name: string): string | null {
  if (!name.startsWith('file=')) return null;
  const file = name.slice('file='.length);
  return file.length >= 2 && file.startsWith('"') && file.endsWith('"') ? file.slice(1, -1) : file;
}
