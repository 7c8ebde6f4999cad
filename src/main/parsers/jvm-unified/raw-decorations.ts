/**
 * The decorations of a unified-logging line read from its undecoded bytes,
 * just far enough to say what its tags make of it and its uptime. Most lines
 * of a gc* log are detail the parser only counts (gc,phases,ref, gc,age,
 * gc,stats…): settled here, they are never decoded, which is most of what a
 * line costs. Only the common decorators are read (time / utctime, uptime,
 * level, tags); any other shape, or anything unusual, declines and the line
 * takes the decoded path, where Decorations reads every shape. Where this
 * answers, it answers as Decorations and TagClassifier do on the same line.
 */
import { normaliseIso } from './decorators';
import { Tag, type TagClassifier } from './tags';

const OPEN = 91; // [
const CLOSE = 93; // ]
const SPACE = 32;
const ZERO = 48;
const NINE = 57;
const SLOTS = 64;
const MAX_TAG_SETS = 4096;
/** Decorators whose start is kept for the next line; more are read again. */
const MAX_MARKS = 8;

interface TagSet {
  /** The tag set's bytes. */
  key: number[];
  tag: Tag;
  detail: string;
}

export class RawDecorations {
  uptimeSec = Number.NaN;
  /** The tags' class, and for Tag.DETAIL its recognised-lines category. */
  tag: Tag = Tag.NONE;
  detail = '';
  /**
   * As in Decorations, but counted in bytes from the line's start. A line
   * whose text has as many chars as it has bytes decoded one char per byte
   * (any multi-byte sequence, valid or not, decodes to fewer chars), so on
   * it they are char offsets too: Decorations.adopt takes them.
   */
  count = 0;
  messageStart = 0;
  wallStart = -1;
  wallEnd = -1;
  levelStart = -1;
  levelEnd = -1;
  tagsStart = -1;
  tagsEnd = -1;
  /**
   * Tag sets by a few of their bytes: a log holds a dozen or two, and four
   * bytes pick a slot where hashing the whole set would cost more. A miss
   * (an empty slot, a set sharing it) falls back on the sets by a hash of
   * all their bytes.
   */
  private readonly slots: Array<TagSet | undefined> = Array.from({ length: SLOTS }, () => undefined);
  private readonly tagSets = new Map<number, TagSet>();
  /**
   * The last line read: its bytes, where it starts, and how many of them
   * read() looked at (0: none to reuse). Lines come in bursts logged in the
   * same millisecond with the same tags; a line that starts with those same
   * bytes has the same decorations, and comparing bytes costs less than
   * reading them.
   */
  private last: Uint8Array | null = null;
  private lastStart = 0;
  private lastLooked = 0;
  /**
   * Where each of the last line's decorators began (its `[`), and where they
   * ended at lastCount; and where its uptime was read (-1: none). A line
   * that shares the bytes up to a decorator takes what those before it set.
   */
  private readonly marks = new Int32Array(MAX_MARKS);
  private lastCount = 0;
  private uptimeAt = -1;
  /** The array being read, four bytes at a time. */
  private view: DataView | null = null;
  private viewOf: Uint8Array | null = null;

  constructor(private readonly classifier: TagClassifier) {}

  /**
   * Reads the line's decorators and classifies its tags; false when this
   * shape is left to the decoded path. Each byte is read once: a decorator
   * ends at the first `]` (as in Decorations), and where the shape read so
   * far holds none, the bracket found right after it is that first one.
   */
  read(b: Uint8Array, start: number, end: number): boolean {
    const looked = this.lastLooked;
    // The decorators the line shares with the last one (often the same time, other tags) are taken, not read.
    const same = looked > 0 && this.last === b ? this.sameLength(b, start, Math.min(looked, end - start)) : 0;
    if (same === looked && looked > 0 && end - start > looked) return true;
    this.lastLooked = 0;
    let count = 0;
    while (count < this.lastCount && this.marks[count + 1]! <= same) count++;
    // What the decorators before `count` set: this line has those same bytes.
    const keep = this.marks[count]!;
    let pos = start + keep;
    let uptime = this.uptimeAt !== -1 && this.uptimeAt < keep ? this.uptimeSec : Number.NaN;
    let uptimeAt = Number.isNaN(uptime) ? -1 : this.uptimeAt;
    let wallStart = this.wallStart !== -1 && this.wallStart < keep ? this.wallStart + start : -1;
    let wallEnd = wallStart === -1 ? -1 : this.wallEnd + start;
    let levelStart = this.levelStart !== -1 && this.levelStart < keep ? this.levelStart + start : -1;
    let levelEnd = levelStart === -1 ? -1 : this.levelEnd + start;
    let tagsStart = this.tagsStart !== -1 && this.tagsStart < keep ? this.tagsStart + start : -1;
    let tagsEnd = tagsStart === -1 ? -1 : this.tagsEnd + start;
    while (pos < end && b[pos] === OPEN) {
      if (count < MAX_MARKS) this.marks[count] = pos - start;
      const s = pos + 1;
      let i = s;
      let c = b[i]!;
      if (c >= ZERO && c <= NINE) {
        let mantissa = 0;
        for (; c >= ZERO && c <= NINE; c = b[++i]!) mantissa = mantissa * 10 + (c - ZERO);
        if (i - s === 4 && c === 45 /* - */) {
          // time / utctime, whatever follows up to the bracket. A loop: Buffer.indexOf's call costs more than ~25 bytes of scanning.
          i = closeOf(b, i, end);
          wallStart = s;
          wallEnd = i;
        } else {
          // An uptime `12.345s` / `1,474s`, read as Decorations reads it.
          let scale = 1;
          if ((c === 46 || c === 44) && i + 1 < end && b[i + 1] !== CLOSE) {
            for (c = b[++i]!; c >= ZERO && c <= NINE; c = b[++i]!) {
              mantissa = mantissa * 10 + (c - ZERO);
              scale *= 10;
            }
          }
          if (c !== 115 /* s */) return false;
          uptime = scale === 1 ? mantissa : mantissa / scale;
          uptimeAt = s - start;
          i++;
          while (b[i] === SPACE) i++;
          if (b[i] !== CLOSE || i >= end) return false;
        }
      } else if (c >= 97 && c <= 122) {
        const level = levelLength(b, s);
        if (level > 0) {
          i = closeOf(b, s + level, end);
          levelStart = s;
          levelEnd = i;
        } else {
          // A second word would make the first a hostname: left to Decorations.
          if (tagsStart !== -1) return false;
          i = this.classify(b, s, end);
          if (i === -1) return false;
          i = closeOf(b, i, end);
          tagsStart = s;
          tagsEnd = i;
        }
      } else return false;
      if (i === end) return false;
      count++;
      pos = i + 1;
    }
    if (count === 0 || tagsStart === -1) return false;
    this.count = count;
    this.lastCount = Math.min(count, MAX_MARKS - 1);
    this.marks[this.lastCount] = pos - start;
    this.uptimeAt = uptimeAt;
    this.messageStart = (pos < end && b[pos] === SPACE ? pos + 1 : pos) - start;
    this.uptimeSec = uptime;
    this.wallStart = wallStart === -1 ? -1 : wallStart - start;
    this.wallEnd = wallEnd === -1 ? -1 : wallEnd - start;
    this.levelStart = levelStart === -1 ? -1 : levelStart - start;
    this.levelEnd = levelEnd === -1 ? -1 : levelEnd - start;
    this.tagsStart = tagsStart - start;
    this.tagsEnd = tagsEnd - start;
    // Looked at: the decorators and the byte after them (a space, or what ended them).
    if (pos < end) {
      this.last = b;
      this.lastStart = start;
      this.lastLooked = pos + 1 - start;
    }
    return true;
  }

  /** Decorations.wallTime for the line read at `start` of `b`; undefined when its bytes are not ASCII (left to decoding). */
  wallText(b: Uint8Array, start: number): string | null | undefined {
    if (this.wallStart === -1) return null;
    const from = start + this.wallStart;
    const to = start + this.wallEnd;
    for (let i = from; i < to; i++) if (b[i]! > 127) return undefined;
    // apply() reads the bytes as an array-like: spreading them would go through an iterator, several times slower.
    return normaliseIso(String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]).trimEnd());
  }

  /** How many of the `n` bytes at `start` are those the last line read started with (same array), counted four at a time. */
  private sameLength(b: Uint8Array, start: number, n: number): number {
    let view = this.view;
    if (view === null || this.viewOf !== b) {
      view = this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      this.viewOf = b;
    }
    const from = this.lastStart;
    let i = 0;
    for (; i + 4 <= n; i += 4) if (view.getInt32(from + i) !== view.getInt32(start + i)) return i;
    for (; i < n; i++) if (b[from + i] !== b[start + i]) return i;
    return n;
  }

  /** Classifies the tag set at `s` (once per distinct set); answers where it ends (padding or the bracket), or -1 to decline. */
  private classify(b: Uint8Array, s: number, end: number): number {
    // Bytes past the line may be read here (then NaN picks slot 0): the slot is only a guess, checked below.
    const slot = (b[s + 3]! * 7 + b[s + 5]! * 13 + b[s + 9]! * 17 + b[s + 10]! * 19) & (SLOTS - 1);
    let set = this.slots[slot];
    if (set === undefined || tagSetEnd(b, s, set.key) === -1) {
      set = this.lookUp(b, s, end);
      if (set === undefined) return -1;
      this.slots[slot] = set;
    }
    this.tag = set.tag;
    this.detail = set.detail;
    return s + set.key.length;
  }

  private lookUp(b: Uint8Array, s: number, end: number): TagSet | undefined {
    let hash = 0;
    let e = s;
    for (let c = b[e]!; c !== SPACE && c !== CLOSE; c = b[++e]!) {
      if (c > 127 || e >= end) return undefined;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const known = this.tagSets.get(hash);
    if (known !== undefined) return tagSetEnd(b, s, known.key) === -1 ? undefined : known;
    const key = Array.from(b.subarray(s, e));
    // The classifier reads a tag set up to padding or the bracket, and nothing past it.
    const tag = this.classifier.classify(`${String.fromCharCode(...key)}]`, 0);
    const set = { key, tag, detail: tag === Tag.DETAIL ? this.classifier.detail : '' };
    // Memory stays bounded on input that is not a GC log: past MAX_TAG_SETS, sets are classified afresh each time.
    if (this.tagSets.size < MAX_TAG_SETS) this.tagSets.set(hash, set);
    return set;
  }
}

/** The first `]` from `i` on, or `end`. */
function closeOf(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] !== CLOSE) i++;
  return i;
}

/** The level words (`info`, `debug`…) by their first byte: none shares one. */
const LEVELS: Array<number[] | undefined> = Array.from({ length: 256 }, (_, first) =>
  ['info', 'debug', 'trace', 'warning', 'error'].map((word) => Array.from(word, (c) => c.charCodeAt(0))).find((word) => word[0] === first),
);

/** The length of the level word at `s` ended by padding or the bracket (as Decorations' isLevel), or 0. */
function levelLength(b: Uint8Array, s: number): number {
  const word = LEVELS[b[s]!];
  if (word === undefined) return 0;
  const n = word.length;
  for (let i = 1; i < n; i++) if (b[s + i] !== word[i]) return 0;
  const after = b[s + n];
  return after === SPACE || after === CLOSE ? n : 0;
}

/** Where the tag set at `s` ends when it is `key` (padding or the bracket follows), else -1. */
function tagSetEnd(b: Uint8Array, s: number, key: number[]): number {
  const n = key.length;
  for (let i = 0; i < n; i++) if (b[s + i] !== key[i]) return -1;
  const after = b[s + n];
  return after === SPACE || after === CLOSE ? s + n : -1;
}
