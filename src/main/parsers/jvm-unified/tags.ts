/**
 * The tag set of a unified-logging line (`gc`, `gc,heap`, `gc,phases,start`,
 * `safepoint`…), sorted into what the parser does with it. Many tag sets carry
 * only detail we count and move past (worker counts, CPU times, reference
 * processing, tenuring ages, ergonomics): knowing that from the tags spares
 * reading their messages at all.
 */

/** What a line's tags say about it. */
export const Tag = {
  /** The log has no tags decorator: the message alone decides. */
  NONE: 0,
  /** `gc`: summaries, concurrent phases, headers. */
  GC: 1,
  /** `gc,start`: a collection or phase begins. */
  START: 2,
  /** `gc,heap`: spaces before and after, ZGC heap tables. */
  HEAP: 3,
  /** `gc,metaspace`. */
  METASPACE: 4,
  /** `gc,phases`: sub-phase timings, and ZGC's pause and concurrent phases. */
  PHASES: 5,
  /** `gc,marking`: G1's concurrent mark phases. */
  MARKING: 6,
  /** `safepoint`. */
  SAFEPOINT: 7,
  /** Detail only: counted under `DETAIL_CATEGORY`, never parsed. */
  DETAIL: 8,
  /** Any other `gc,…` set: read, and counted when not understood. */
  GC_OTHER: 9,
  /** Not GC output (`class,load`, `os`…). */
  NOT_GC: 10,
} as const;
export type Tag = (typeof Tag)[keyof typeof Tag];

/** Classifies tag sets; after a Tag.DETAIL answer, `detail` names its recognised-lines category. */
export class TagClassifier {
  detail = '';
  /** The tag set starting at `s` (ended by padding or `]`); `s` is -1 when the line has none. */
  classify(text: string, s: number): Tag {
    if (s === -1) return Tag.NONE;
    if (text.charCodeAt(s) !== 103 /* g */ || text.charCodeAt(s + 1) !== 99 /* c */) {
      if (text.startsWith('safepoint', s)) {
        if (ends(text, s + 9)) return Tag.SAFEPOINT;
        return this.detailed('safepoint-detail');
      }
      return Tag.NOT_GC;
    }
    const third = text.charCodeAt(s + 2);
    if (third === 32 || third === 93) return Tag.GC;
    if (third !== 44 /* , */) return Tag.NOT_GC;
    const r = s + 3;
    switch (text.charCodeAt(r)) {
      case 115: // s
        if (is(text, r, 'start')) return Tag.START;
        if (text.startsWith('stats', r)) return this.detailed('statistics');
        if (text.startsWith('string', r)) return this.detailed('string-table');
        break;
      case 104: // h
        if (is(text, r, 'heap')) return Tag.HEAP;
        if (text.startsWith('heap,exit', r)) return this.detailed('heap-at-exit');
        if (text.startsWith('heap,coops', r) || text.startsWith('heap,region', r)) return this.detailed('header');
        if (text.startsWith('heap,ergo', r)) return this.detailed('ergonomics');
        if (text.startsWith('humongous', r)) return this.detailed('humongous-detail');
        break;
      case 109: // m
        if (is(text, r, 'metaspace')) return Tag.METASPACE;
        if (is(text, r, 'marking')) return Tag.MARKING;
        if (text.startsWith('mmu', r)) return this.detailed('collector-detail');
        break;
      case 112: // p
        if (is(text, r, 'phases')) return Tag.PHASES;
        if (text.startsWith('phases,start', r)) return this.detailed('phase-start');
        if (text.startsWith('phases,ref', r)) return this.detailed('reference-processing');
        if (text.startsWith('phases', r)) return this.detailed('phase-detail');
        if (text.startsWith('promotion', r)) return this.detailed('collector-detail');
        break;
      case 99: // c
        if (text.startsWith('cpu', r)) return this.detailed('cpu-time');
        if (text.startsWith('cds', r)) return this.detailed('header');
        break;
      case 116: // t
        if (text.startsWith('task', r)) return this.detailed('workers');
        if (text.startsWith('tlab', r)) return this.detailed('tlab');
        break;
      case 97: // a
        if (text.startsWith('age', r)) return this.detailed('tenuring');
        if (text.startsWith('alloc', r)) return this.detailed('collector-detail');
        break;
      case 114: // r
        if (text.startsWith('ref', r)) return this.detailed('reference-processing');
        if (text.startsWith('reloc', r) || text.startsWith('region', r) || text.startsWith('remset', r)) return this.detailed('collector-detail');
        break;
      case 101: // e
        if (text.startsWith('ergo', r)) return this.detailed('ergonomics');
        break;
      case 105: // i
        if (text.startsWith('init', r)) return this.detailed('header');
        if (text.startsWith('ihop', r)) return this.detailed('ergonomics');
        break;
      case 110: // n
        if (text.startsWith('nmethod', r)) return this.detailed('collector-detail');
        break;
      case 108: // l
        if (text.startsWith('load', r)) return this.detailed('collector-detail');
        break;
    }
    return Tag.GC_OTHER;
  }

  private detailed(category: string): Tag {
    this.detail = category;
    return Tag.DETAIL;
  }
}

/** True when the tag set is exactly `tag` from `s` on. */
function is(text: string, s: number, tag: string): boolean {
  return text.startsWith(tag, s) && ends(text, s + tag.length);
}

/** True when the tag set ends at `at`: padding or the closing bracket. */
function ends(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 32 || c === 93;
}

/** How lines no reader took are counted by their tags, when they show no pause or heap transition. */
export const TAG_CATEGORY: Partial<Record<Tag, string>> = {
  [Tag.HEAP]: 'heap-detail',
  [Tag.METASPACE]: 'metaspace',
  [Tag.PHASES]: 'phase-detail',
  [Tag.MARKING]: 'collector-detail',
  [Tag.START]: 'phase-start',
  [Tag.GC_OTHER]: 'collector-detail',
};
