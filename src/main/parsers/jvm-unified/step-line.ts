/**
 * The two message shapes nearly every collector's events are made of:
 *
 *   Pause <name> (<group>)… [<before>-><after>(<committed>)] [<n>ms]
 *   Concurrent <name> (<group>)… [<before>-><after>(<committed>)] [<n>ms]
 *
 * e.g. `Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms`,
 * `Pause Init Mark (unload classes) 1.313ms`, `Concurrent Mark From Roots
 * 14.489ms`, `Concurrent cleanup 60M->20M(128M) 0.199ms`. Without a duration
 * the line opens the step (gc,start); with one it closes it. Groups nest
 * (`(System.gc())`) and hold causes, variants or, in JDK 11's G1, the
 * times of a phase (`Concurrent Mark (2.391s, 2.394s) 3.251ms`).
 *
 * One reused reader: groups are kept as positions and cut out only when
 * asked for, since most lines need none of them.
 */
import { TextScanner } from '../text-scanner';
import { readTransition, trailingDuration, trimEnd, type Transition } from './sizes';

const MAX_GROUPS = 8;

export class StepLine {
  /** The name after `Pause ` / `Concurrent `, as [start, end) of the line. */
  nameStart = 0;
  nameEnd = 0;
  /** How many parenthesised groups follow the name. */
  groupCount = 0;
  /** The duration that ends the line, or NaN when it opens a step. */
  durationMs = Number.NaN;
  hasTransition = false;
  readonly transition: Transition = { before: 0, after: 0, committed: null };
  /** False when text is left between the groups and the numbers. */
  clean = true;
  text = '';

  /** [start, end) of each group's content. */
  private readonly bounds = new Int32Array(MAX_GROUPS * 2);
  private readonly scan = new TextScanner();

  /** Reads the step whose name starts at `from` (just after `Pause ` or `Concurrent `). */
  read(text: string, from: number): this {
    this.text = text;
    this.groupCount = 0;
    this.hasTransition = false;
    this.clean = true;
    this.durationMs = Number.NaN;
    let end = trimEnd(text, from);
    // A step that opens ends with its name or a group; one that closes, with a unit.
    if (text.charCodeAt(end - 1) !== 41 /* ) */) {
      const scan = this.scan.reset(text);
      this.durationMs = trailingDuration(scan, from, end);
      if (!Number.isNaN(this.durationMs)) end = scan.pos;
      const space = text.lastIndexOf(' ', end - 1);
      if (space >= from && text.charCodeAt(end - 1) === 41 && text.indexOf('->', space) !== -1) {
        const s = scan.reset(text, space + 1);
        if (readTransition(s, this.transition) && s.pos === end) {
          this.hasTransition = true;
          end = space;
        }
      }
    }
    let nameEnd = text.indexOf(' (', from);
    if (nameEnd === -1 || nameEnd > end) nameEnd = end;
    this.nameStart = from;
    this.nameEnd = nameEnd;
    let i = nameEnd;
    const bounds = this.bounds;
    while (i < end && text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) === 40) {
      const close = matchingParen(text, i + 1, end);
      if (close === -1) break;
      if (this.groupCount < MAX_GROUPS) {
        bounds[this.groupCount * 2] = i + 2;
        bounds[this.groupCount * 2 + 1] = close;
        this.groupCount++;
      }
      i = close + 1;
    }
    if (i !== end) this.clean = false;
    return this;
  }

  /** Group `i`'s content, or undefined. */
  group(i: number): string | undefined {
    return i < this.groupCount ? this.text.slice(this.bounds[i * 2], this.bounds[i * 2 + 1]) : undefined;
  }

  /** True when group `i` is exactly `content`. */
  groupIs(i: number, content: string): boolean {
    if (i >= this.groupCount) return false;
    const s = this.bounds[i * 2]!;
    return this.bounds[i * 2 + 1]! - s === content.length && this.text.startsWith(content, s);
  }

  /** True when group `i` starts with `prefix`. */
  groupStartsWith(i: number, prefix: string): boolean {
    return i < this.groupCount && this.text.startsWith(prefix, this.bounds[i * 2]!);
  }

  /** Groups `from` onwards joined with `; `, or null when there are none. */
  joinGroups(from: number): string | null {
    if (from >= this.groupCount) return null;
    let joined = this.group(from)!;
    for (let i = from + 1; i < this.groupCount; i++) joined += `; ${this.group(i)!}`;
    return joined;
  }

  /** The name as a string. */
  name(): string {
    return this.text.slice(this.nameStart, this.nameEnd);
  }

  /** True when the name is exactly `name`. */
  nameIs(name: string): boolean {
    return this.nameEnd - this.nameStart === name.length && this.text.startsWith(name, this.nameStart);
  }
}

/** Index of the `)` closing the `(` at `open`, before `end`; -1 when unbalanced. */
function matchingParen(text: string, open: number, end: number): number {
  // Most groups hold no parentheses of their own: two indexOf calls settle them.
  const close = text.indexOf(')', open + 1);
  if (close === -1 || close >= end) return -1;
  const inner = text.indexOf('(', open + 1);
  if (inner === -1 || inner > close) return close;
  let depth = 0;
  for (let i = open; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return -1;
}
