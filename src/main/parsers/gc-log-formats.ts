/**
 * The formats the engine reads: how each is recognised from a sample line and
 * which parser reads it. Adding a format means adding it here.
 */
import type { LogFormat } from '../../shared/gc-event';
import type { GcLogParser, RecordHandler } from './gc-log-parser';
import { GctraceParser } from './gctrace-parser';

interface FormatEntry {
  /** Shown to users when a file matches no format. */
  example: string;
  looksLike: (line: string) => boolean;
  create: (file: string, onRecord: RecordHandler) => GcLogParser;
}

const formats = {
  'go-gctrace': {
    example: 'Go gctrace lines like "gc 1 @0.012s 2%: 0.01+1.2+0.02 ms clock, …"',
    looksLike: (line) => /(?:^|[^\w])gc \d+ @[\d.]+s \d+%: /.test(line) || /(?:^|[^\w])gc\d+\(\d+\): [\d+]+ (?:ms|us)/.test(line),
    create: (file, onRecord) => new GctraceParser(file, onRecord),
  },
} satisfies Partial<Record<LogFormat, FormatEntry>>;

/** The formats this build can read. */
export type KnownFormat = keyof typeof formats;

export const knownFormats = Object.keys(formats) as KnownFormat[];

export function isKnownFormat(name: string): name is KnownFormat {
  return name in formats;
}

export function detectFormat(line: string): KnownFormat | null {
  for (const name of knownFormats) if ((formats[name] as FormatEntry).looksLike(line)) return name;
  return null;
}

export function createParser(format: KnownFormat, file: string, onRecord: RecordHandler): GcLogParser {
  return formats[format].create(file, onRecord);
}

export function describeExpectedFormats(): string {
  return knownFormats.map((name) => formats[name].example).join('; or ');
}
