/**
 * A walk over the top-level fields of a protobuf message, checking only that
 * each tag and length fits in the bytes. pprof-format decodes the profile;
 * it reads past a cut length without complaint and throws bare errors on
 * wire types it does not know, so this pass finds the byte offset where a
 * file stops making sense and says so, before the decoder sees it.
 *
 * The same walk can set one repeated field apart (a profile's samples): the
 * decoder then reads the rest of the message in one call and each sample on
 * its own, so a million samples are converted as they are read instead of
 * first living together as a million objects.
 */
import { GclensError } from '../../../shared/result';
import { GrowableUint32 } from './growable-array';

export interface Framing {
  /** How many times each top-level field number occurs. */
  fieldCounts: Map<number, number>;
}

export interface SplitMessage extends Framing {
  /** Payload ranges [start, end) of every occurrence of the field set apart. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** The message without that field: every other field's bytes, in order. */
  rest: Uint8Array;
}

type FieldVisitor = (field: number, fieldStart: number, payloadStart: number, end: number) => void;

/** A varint at `pos`: its value (exact below 2^53) and where it ends; null when cut short. */
function readVarint(bytes: Uint8Array, pos: number): { value: number; end: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = pos; i < bytes.length && i < pos + 10; i++) {
    const b = bytes[i] as number;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return { value, end: i + 1 };
  }
  return null;
}

type Walk = { ok: true; fieldCounts: Map<number, number> } | { ok: false; cut: boolean; message: string };

function walk(bytes: Uint8Array, visit?: FieldVisitor): Walk {
  const fieldCounts = new Map<number, number>();
  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const tag = readVarint(bytes, pos);
    if (!tag) return { ok: false, cut: true, message: `the protobuf profile is cut short inside a field tag at byte ${start}` };
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (field === 0) return { ok: false, cut: false, message: `not a protobuf profile: field number 0 at byte ${start}` };
    pos = tag.end;
    let payloadStart = pos;
    if (wire === 0) {
      const v = readVarint(bytes, pos);
      if (!v) return { ok: false, cut: true, message: `the protobuf profile is cut short inside field ${field} at byte ${start}` };
      pos = v.end;
    } else if (wire === 2) {
      const len = readVarint(bytes, pos);
      if (!len) return { ok: false, cut: true, message: `the protobuf profile is cut short inside the length of field ${field} at byte ${start}` };
      if (len.end + len.value > bytes.length) {
        const remain = bytes.length - len.end;
        return { ok: false, cut: true, message: `the protobuf profile is truncated: field ${field} at byte ${start} claims ${len.value} bytes but only ${remain} remain` };
      }
      payloadStart = len.end;
      pos = len.end + len.value;
    } else {
      // profile.proto has only varint and length-delimited fields; pprof-format reads nothing else.
      return { ok: false, cut: false, message: `not a pprof profile: field ${field} at byte ${start} has wire type ${wire}` };
    }
    fieldCounts.set(field, (fieldCounts.get(field) ?? 0) + 1);
    visit?.(field, start, payloadStart, pos);
  }
  return { ok: true, fieldCounts };
}

/** Checks the framing and sets the occurrences of `field` apart from the rest of the message. */
export function splitField(bytes: Uint8Array, file: string, field: number): SplitMessage {
  const starts = new GrowableUint32();
  const ends = new GrowableUint32();
  const restRanges = new GrowableUint32();
  let restBytes = 0;
  const result = walk(bytes, (f, fieldStart, payloadStart, end) => {
    if (f === field) {
      starts.push(payloadStart);
      ends.push(end);
    } else {
      restRanges.push(fieldStart);
      restRanges.push(end);
      restBytes += end - fieldStart;
    }
  });
  if (!result.ok) throw new GclensError('unsupported-format', `${file}: ${result.message}`);
  const rest = new Uint8Array(restBytes);
  let at = 0;
  for (let i = 0; i < restRanges.length; i += 2) {
    const chunk = bytes.subarray(restRanges.get(i), restRanges.get(i + 1));
    rest.set(chunk, at);
    at += chunk.length;
  }
  return { fieldCounts: result.fieldCounts, starts: starts.toArray(), ends: ends.toArray(), rest };
}

/**
 * Whether the head of a file could be a pprof profile: its first byte is the
 * tag of a Profile field (1–15) with the wire type profile.proto gives it,
 * and the fields that follow are well framed as far as the head goes.
 */
export function looksLikeProfileMessage(head: Uint8Array): boolean {
  if (head.length < 2) return false;
  const tag = head[0] as number;
  const field = tag >> 3;
  const wire = tag & 7;
  if (field < 1 || field > 15) return false;
  // Fields 1–6 and 11 are messages or strings, 13 is packed or plain; the rest are varints.
  const expected = [1, 2, 3, 4, 5, 6, 11].includes(field) ? [2] : field === 13 ? [0, 2] : [0];
  if (!expected.includes(wire)) return false;
  // A prefix is enough to tell, and the caller may hand over a whole file.
  const result = walk(head.subarray(0, 1 << 16));
  // The head is a prefix: a field running past its end is expected.
  return result.ok || result.cut;
}
