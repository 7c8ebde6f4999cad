/**
 * Separates GNU tail's notices from the file's bytes when both come down one
 * pipe (`tail … 2>&1`). One pipe keeps their order exact: on two pipes sshd
 * may forward a "file truncated" notice after bytes tail wrote later, and the
 * offsets of those bytes would be wrong.
 *
 * A notice is a line `tail: … \n` that holds the marker: the file name is
 * passed to tail with a random run of `./` and `/` segments in it (the same
 * file for the kernel), so the file's own content cannot pass for a notice
 * without knowing that marker. tail prints its notices with LC_ALL=C:
 *   tail: NAME: file truncated
 *   tail: 'NAME' has been replaced;  following new file
 *   tail: 'NAME' has appeared;  following new file
 *   tail: 'NAME' has become inaccessible: No such file or directory
 * (coreutils src/tail.c; NAME is quoted only when it needs to be).
 */
import { randomBytes } from 'node:crypto';

export type TailPiece = { kind: 'data'; bytes: Buffer } | { kind: 'notice'; text: string };

export type NoticeKind = 'truncated' | 'rotated' | 'appeared' | 'gone' | 'giving-up' | 'other';

const PREFIX = Buffer.from('tail: ');
/** Longer than any notice tail prints for a name of PATH_MAX bytes, quoted. */
const MAX_NOTICE_BYTES = 20_000;

/** The path with a random marker spliced in before its last component; the marker is what notices are known by. */
export function markPath(path: string, bits = 32): { markedPath: string; marker: string } {
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '.' : path.slice(0, slash);
  const name = path.slice(slash + 1);
  const random = randomBytes(Math.ceil(bits / 8));
  let segments = '';
  for (let i = 0; i < bits; i++) segments += (random[i >> 3]! >> (i & 7)) & 1 ? './' : '/';
  // The marker starts with the directory's own slash so it cannot begin mid-name.
  const marker = `/${segments}`;
  return { markedPath: `${dir}${marker}${name}`, marker };
}

export function classifyNotice(text: string): NoticeKind {
  if (text.endsWith(': file truncated')) return 'truncated';
  if (text.includes(' has been replaced;')) return 'rotated';
  if (text.includes(' has appeared;')) return 'appeared';
  if (text.includes(' has become inaccessible')) return 'gone';
  if (text.includes('giving up on this name')) return 'giving-up';
  return 'other';
}

export class TailNoticeSplitter {
  private held = Buffer.alloc(0);
  private readonly marker: Buffer;

  constructor(marker: string) {
    this.marker = Buffer.from(marker);
  }

  /** Bytes held back because they may be the start of a notice. */
  get holding(): boolean {
    return this.held.length > 0;
  }

  push(chunk: Buffer): TailPiece[] {
    const buffer = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    const pieces: TailPiece[] = [];
    let dataStart = 0;
    let searchFrom = 0;
    const emitData = (end: number) => {
      if (end > dataStart) pieces.push({ kind: 'data', bytes: buffer.subarray(dataStart, end) });
    };
    for (;;) {
      const at = buffer.indexOf(PREFIX, searchFrom);
      if (at < 0) {
        // The chunk may end with the first bytes of "tail: ".
        const keep = partialPrefixLength(buffer);
        emitData(buffer.length - keep);
        this.held = Buffer.from(buffer.subarray(buffer.length - keep));
        return pieces;
      }
      const newline = buffer.indexOf(0x0a, at);
      if (newline < 0) {
        if (buffer.length - at <= MAX_NOTICE_BYTES) {
          emitData(at);
          this.held = Buffer.from(buffer.subarray(at));
          return pieces;
        }
        searchFrom = at + 1;
        continue;
      }
      const line = buffer.subarray(at, newline);
      if (line.includes(this.marker)) {
        emitData(at);
        pieces.push({ kind: 'notice', text: line.toString('utf8') });
        dataStart = newline + 1;
        searchFrom = newline + 1;
      } else {
        searchFrom = at + 1;
      }
    }
  }

  /** After a quiet spell: what was held was not a notice after all. */
  flush(): TailPiece[] {
    if (this.held.length === 0) return [];
    const bytes = this.held;
    this.held = Buffer.alloc(0);
    return [{ kind: 'data', bytes }];
  }
}

/** How many bytes at the end of `buffer` are a proper prefix of "tail: ". */
function partialPrefixLength(buffer: Buffer): number {
  for (let length = Math.min(PREFIX.length - 1, buffer.length); length > 0; length--) {
    if (buffer.subarray(buffer.length - length).equals(PREFIX.subarray(0, length))) return length;
  }
  return 0;
}
