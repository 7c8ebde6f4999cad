/**
 * The formats the engine reads: how each is recognised from a sample line and
 * which parser reads it. Adding a format means adding it here.
 */
import type { LogFormat } from '../../shared/gc-event';
import type { GcLogParser, RecordHandler } from './gc-log-parser';
import { GctraceParser } from './gctrace-parser';
import { JvmUnifiedParser, looksLikeJvmUnified } from './jvm-unified/jvm-unified-parser';
import { JvmLegacyParser, looksLikeJvmLegacy } from './jvm-legacy';

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
  'jvm-unified': {
    example: 'JDK 9+ unified GC log lines (-Xlog:gc*) like "[0.354s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->26M(100M) 20.955ms"',
    looksLike: looksLikeJvmUnified,
    create: (file, onRecord) => new JvmUnifiedParser(file, onRecord),
  },
  'jvm-legacy': {
    example: 'JDK 8 and older GC log lines (-XX:+PrintGCDetails) like "2.345: [GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)] 4096K->3584K(8192K), 0.0012345 secs]"',
    looksLike: looksLikeJvmLegacy,
    create: (file, onRecord) => new JvmLegacyParser(file, onRecord),
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
