/**
 * The decorations JDK 9+ unified logging (JEP 158) puts before each message,
 * one `[…]` per decorator chosen with `-Xlog:…:<output>:<decorators>`:
 *
 *   time / utctime   2022-01-29T16:34:51.642+0000   (wall clock)
 *   uptime           12.345s   (decimal comma under some locales: 1,474s)
 *   timemillis       1643470491642ms   (epoch)
 *   uptimemillis     12345ms
 *   timenanos        …ns   (the JVM's monotonic clock, not the epoch)
 *   uptimenanos      12345678900ns
 *   hostname, pid, tid
 *   level            info, padded to the longest level seen (`info `)
 *   tags             gc,heap, padded with spaces
 *
 * HotSpot prints the chosen ones in that order (logDecorators.hpp) and one
 * space before the message, but each is recognised here by its shape, so any
 * set in any order reads. Parsing fills a reused object with positions, not
 * substrings: this runs on every line.
 */
import type { RawDecorations } from './raw-decorations';

const OPEN = 91; // [
const CLOSE = 93; // ]
const SPACE = 32;
const ZERO = 48;
const NINE = 57;

/** Milliseconds past the epoch above which a `…ms` decorator is timemillis (1973), not an uptime. */
const EPOCH_MS_FLOOR = 1e11;

export class Decorations {
  /** How many decorators the line starts with. */
  count = 0;
  /** Where the message starts. */
  messageStart = 0;
  /** Seconds since JVM start from uptime, uptimemillis or uptimenanos; NaN when the line has none. */
  uptimeSec = Number.NaN;
  /**
   * Each decorator as [start, end) of the line, or -1. Ends are the closing
   * bracket: the padding HotSpot adds to levels and tags stays inside.
   */
  wallStart = -1;
  wallEnd = -1;
  /** timemillis: the epoch in milliseconds, or NaN. */
  epochMs = Number.NaN;
  levelStart = -1;
  levelEnd = -1;
  tagsStart = -1;
  tagsEnd = -1;
  hostStart = -1;
  hostEnd = -1;
  pid = Number.NaN;
  tid = Number.NaN;
  text = '';

  /** Reads the decorators `text` starts with; false when it has none (the whole line is the message). */
  parse(text: string): boolean {
    this.text = text;
    // Locals while scanning, fields once at the end. Per character loops cost
    // here: each decorator is found with indexOf, padding is left in place
    // (ends are the closing bracket; readers stop at the first space), and
    // only numbers are read character by character.
    let count = 0;
    let uptime = Number.NaN;
    let wallStart = -1;
    let wallEnd = -1;
    let levelStart = -1;
    let levelEnd = -1;
    let tagsStart = -1;
    let tagsEnd = -1;
    let hostStart = -1;
    let hostEnd = -1;
    let pid = -1;
    let tid = -1;
    let millis = -1;
    let millis2 = -1;
    let nanos = -1;
    let nanos2 = -1;
    let pos = 0;
    while (text.charCodeAt(pos) === OPEN) {
      const close = text.indexOf(']', pos + 1);
      if (close === -1) break;
      let s = pos + 1;
      while (text.charCodeAt(s) === SPACE && s < close) s++;
      let c = text.charCodeAt(s);
      if (c >= ZERO && c <= NINE) {
        let i = s;
        let mantissa = 0;
        for (; c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) mantissa = mantissa * 10 + (c - ZERO);
        if (i - s === 4 && c === 45 /* - */) {
          // time / utctime: 2022-01-29T16:34:51.642+0000
          wallStart = s;
          wallEnd = close;
        } else {
          let scale = 1;
          if ((c === 46 || c === 44) && i + 1 < close) {
            for (c = text.charCodeAt(++i); c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) {
              mantissa = mantissa * 10 + (c - ZERO);
              scale *= 10;
            }
          }
          const value = scale === 1 ? mantissa : mantissa / scale;
          if (c === 115 /* s */) {
            uptime = value;
            i++;
          } else if ((c === 109 /* m */ || c === 110 /* n */) && text.charCodeAt(i + 1) === 115) {
            if (c === 109) {
              if (millis === -1) millis = value;
              else millis2 = value;
            } else if (nanos === -1) nanos = value;
            else nanos2 = value;
            i += 2;
          } else if (pid === -1) pid = value;
          else tid = value;
          while (text.charCodeAt(i) === SPACE) i++;
          if (i !== close) break;
        }
      } else if (c >= 97 && c <= 122) {
        // A lower-case word: a level, else the tags (HotSpot prints them last; an earlier word is the hostname).
        if (isLevel(text, s, c)) {
          levelStart = s;
          levelEnd = close;
        } else {
          if (tagsStart !== -1) {
            hostStart = tagsStart;
            hostEnd = tagsEnd;
          }
          tagsStart = s;
          tagsEnd = close;
        }
      } else if (isHostname(text, s, close)) {
        hostStart = s;
        hostEnd = close;
      } else break;
      count++;
      pos = close + 1;
    }
    if (count > 0 && text.charCodeAt(pos) === SPACE) pos++;
    this.count = count;
    this.messageStart = count > 0 ? pos : 0;
    this.uptimeSec = uptime;
    this.wallStart = wallStart;
    this.wallEnd = wallEnd;
    this.levelStart = levelStart;
    this.levelEnd = levelEnd;
    this.tagsStart = tagsStart;
    this.tagsEnd = tagsEnd;
    this.hostStart = hostStart;
    this.hostEnd = hostEnd;
    this.pid = pid === -1 ? Number.NaN : pid;
    this.tid = tid === -1 ? Number.NaN : tid;
    this.epochMs = Number.NaN;
    if (millis !== -1 || nanos !== -1) this.resolveClocks(millis, millis2, nanos, nanos2);
    return count > 0;
  }

  /** What parse(text) would find, from a RawDecorations that read the line's bytes (see there when offsets agree). */
  adopt(text: string, raw: RawDecorations): void {
    this.text = text;
    this.count = raw.count;
    this.messageStart = raw.messageStart;
    this.uptimeSec = raw.uptimeSec;
    this.wallStart = raw.wallStart;
    this.wallEnd = raw.wallEnd;
    this.levelStart = raw.levelStart;
    this.levelEnd = raw.levelEnd;
    this.tagsStart = raw.tagsStart;
    this.tagsEnd = raw.tagsEnd;
    // The shapes RawDecorations reads have none of these.
    this.hostStart = -1;
    this.hostEnd = -1;
    this.pid = Number.NaN;
    this.tid = Number.NaN;
    this.epochMs = Number.NaN;
  }

  /** Which of the `…ms` / `…ns` decorators is the uptime and which the epoch. */
  private resolveClocks(m1: number, m2: number, n1: number, n2: number): void {
    const millis = m1 === -1 ? Number.NaN : m1;
    const millis2 = m2 === -1 ? Number.NaN : m2;
    const nanos = n1 === -1 ? Number.NaN : n1;
    const nanos2 = n2 === -1 ? Number.NaN : n2;
    if (Number.isNaN(this.uptimeSec)) {
      // With two of a kind the smaller is the uptime: the JVM started after the epoch, and after the machine booted.
      if (!Number.isNaN(millis)) {
        const up = Number.isNaN(millis2) ? (millis < EPOCH_MS_FLOOR ? millis : Number.NaN) : Math.min(millis, millis2);
        if (!Number.isNaN(up)) this.uptimeSec = up / 1000;
      }
      // A lone …ns is read as uptimenanos: timenanos has no fixed origin to tell them apart by.
      if (Number.isNaN(this.uptimeSec) && !Number.isNaN(nanos)) this.uptimeSec = (Number.isNaN(nanos2) ? nanos : Math.min(nanos, nanos2)) / 1e9;
    }
    if (!Number.isNaN(millis)) this.epochMs = Number.isNaN(millis2) ? (millis >= EPOCH_MS_FLOOR ? millis : Number.NaN) : Math.max(millis, millis2);
  }

  /** The message: everything after the decorators. */
  message(): string {
    return this.text.slice(this.messageStart);
  }

  /** The tags decorator (`gc,heap`), or null. */
  tags(): string | null {
    return this.tagsStart === -1 ? null : this.text.slice(this.tagsStart, this.tagsEnd).trimEnd();
  }

  /** The level decorator (`info`), or null. */
  level(): string | null {
    return this.levelStart === -1 ? null : this.text.slice(this.levelStart, this.levelEnd).trimEnd();
  }

  /** Uptime in seconds, or null. */
  startSec(): number | null {
    return Number.isNaN(this.uptimeSec) ? null : this.uptimeSec;
  }

  /** The wall-clock time as ISO-8601 with a `+hh:mm` offset, or null. Built on demand: it allocates. */
  wallTime(): string | null {
    if (this.wallStart !== -1) return normaliseIso(this.text.slice(this.wallStart, this.wallEnd).trimEnd());
    if (!Number.isNaN(this.epochMs)) return new Date(this.epochMs).toISOString();
    return null;
  }
}

/** A level word (`info`, `debug`, `trace`, `warning`, `error`) at `s`, ended by padding or the bracket. */
function isLevel(text: string, s: number, first: number): boolean {
  let n: number;
  if (first === 105) n = text.startsWith('info', s) ? 4 : 0;
  else if (first === 100) n = text.startsWith('debug', s) ? 5 : 0;
  else if (first === 116) n = text.startsWith('trace', s) ? 5 : 0;
  else if (first === 119) n = text.startsWith('warning', s) ? 7 : 0;
  else if (first === 101) n = text.startsWith('error', s) ? 5 : 0;
  else return false;
  const after = text.charCodeAt(s + n);
  return n > 0 && (after === SPACE || after === CLOSE);
}

/** A hostname: letters, digits, dots, dashes and underscores up to the bracket (padding allowed). */
function isHostname(text: string, s: number, close: number): boolean {
  let i = s;
  for (; i < close; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= ZERO && c <= NINE) || c === 45 || c === 46 || c === 95)) break;
  }
  if (i === s) return false;
  while (i < close && text.charCodeAt(i) === SPACE) i++;
  return i === close;
}

/** `2022-01-29T16:34:51.642+0000` → `2022-01-29T16:34:51.642+00:00`, which Date.parse and ISO-8601 readers accept. */
export function normaliseIso(wall: string): string {
  const n = wall.length;
  const sign = wall.charCodeAt(n - 5);
  if ((sign === 43 || sign === 45) && isDigits(wall, n - 4, n)) return `${wall.slice(0, n - 2)}:${wall.slice(n - 2)}`;
  return wall;
}

function isDigits(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return s < e;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?$/;

/**
 * An ISO time moved by `deltaMs`, written in the same UTC offset it came
 * with (a log written in +08:00 stays in +08:00). Null when it does not parse.
 */
export function shiftIso(iso: string, deltaMs: number): string | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const zone = m[8] ?? 'Z';
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  // Shifted as local time: the offset stays as it was.
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + fraction;
  const shifted = new Date(Math.round(local + deltaMs));
  if (Number.isNaN(shifted.getTime())) return null;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return `${shifted.toISOString().slice(0, 23)}${offset}`;
}
