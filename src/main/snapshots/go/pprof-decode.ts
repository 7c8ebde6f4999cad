/**
 * pprof protobuf profiles (profile.proto, gzipped or raw) into a
 * StackProfile. pprof-format does the protobuf decoding; this file checks
 * what it got (pprof's own CheckValid rules: string table, ids, value
 * counts) and names frames the way `go tool pprof` does at its default
 * function granularity, so a diff of ours equals a diff of its.
 */
import { gunzipSync } from 'node:zlib';
import { Profile, Sample } from 'pprof-format';
import { GclensError } from '../../../shared/result';
import { planPrune, prunedLeaf } from './frame-prune';
import type { SampleType, StackProfile } from './go-snapshot';
import { GrowableUint32 } from './growable-array';
import { splitField } from './protobuf-framing';

type Numeric = number | bigint;

/** Unsigned ids and indices. */
function id(v: Numeric): number {
  return typeof v === 'bigint' ? Number(v) : v;
}

/** int64 sample values: pprof-format hands varints above 28 bits back as unsigned bigints. */
function int64(v: Numeric): number {
  return typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : v;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes of a gzipped file, with an error that says what is wrong with it. */
export function gunzipFile(bytes: Uint8Array, file: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') {
      throw new GclensError('unsupported-format', `${file}: the gzip stream ends early, at byte ${bytes.length}: the file is truncated`);
    }
    throw new GclensError('unsupported-format', `${file}: corrupt gzip data (${(err as Error).message})`);
  }
}

/** pprof's name for a frame it has no function name for: the binary's base name, or `<unknown>`. */
function objfileName(file: string): string {
  // fetch.go's unsourceMappings drops a mapping file that is an absolute URL.
  if (!file || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(file)) return '<unknown>';
  const base = file.slice(file.lastIndexOf('/') + 1);
  return `[${base || file}]`;
}

function profileName(types: SampleType[], defaultType: string | null, periodType: SampleType | null): string {
  const names = types.map((t) => t.type);
  if (names.includes('inuse_space')) return defaultType === 'alloc_space' ? 'allocs' : 'heap';
  if (names.includes('alloc_space') || names.includes('space')) return 'heap';
  for (const known of ['goroutine', 'cpu', 'threadcreate']) if (names.includes(known)) return known;
  if (names.includes('contentions')) return 'contention';
  return periodType?.type || names[names.length - 1] || 'profile';
}

function decodeSample(bytes: Uint8Array, file: string, index: number): Sample {
  try {
    return Sample.decode(bytes);
  } catch (err) {
    throw new GclensError('unsupported-format', `${file}: sample ${index} is not readable (${(err as Error).message})`);
  }
}

export function decodePprof(bytes: Uint8Array, file: string): StackProfile {
  const raw = isGzip(bytes) ? gunzipFile(bytes, file) : bytes;
  if (raw.length === 0) throw new GclensError('unsupported-format', `${file}: the profile is empty`);
  // Samples (field 2) are set apart and decoded one by one below; the rest is small.
  const split = splitField(raw, file, 2);
  if (!split.fieldCounts.get(6)) throw new GclensError('unsupported-format', `${file}: the profile has an empty string table`);
  let p: Profile;
  try {
    p = Profile.decode(split.rest);
  } catch (err) {
    throw new GclensError('unsupported-format', `${file}: not a readable pprof profile (${(err as Error).message})`);
  }
  const strings = p.stringTable.strings;
  if (strings[0] !== '') throw new GclensError('unsupported-format', `${file}: malformed profile: the string table must start with ""`);
  const str = (i: Numeric, what: string): string => {
    const s = strings[id(i)];
    if (s === undefined) throw new GclensError('unsupported-format', `${file}: ${what} refers to string ${id(i)}, past the ${strings.length}-entry string table`);
    return s;
  };
  const valueType = (v: { type: Numeric; unit: Numeric }, what: string): SampleType => ({ type: str(v.type, what), unit: str(v.unit, what) });
  const sampleTypes = p.sampleType.map((t, i) => valueType(t, `sample type ${i}`));
  const width = sampleTypes.length;

  const mappingFile = new Map<number, string>();
  for (const m of p.mapping) mappingFile.set(id(m.id), str(m.filename, `mapping ${id(m.id)}`));
  const functionName = new Map<number, string>();
  for (const f of p.function) functionName.set(id(f.id), str(f.name, `function ${id(f.id)}`));

  // Frames per location, innermost first; null names are frames without a function name.
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const intern = (name: string): number => {
    let n = nameIds.get(name);
    if (n === undefined) {
      n = names.length;
      names.push(name);
      nameIds.set(name, n);
    }
    return n;
  };
  // Location id → dense index. Go numbers locations 1..n, so an array usually serves; a Map covers sparse ids.
  const maxLocationId = p.location.reduce((max, loc) => Math.max(max, id(loc.id)), 0);
  const dense = maxLocationId <= 4 * p.location.length + 1024 ? new Int32Array(maxLocationId + 1).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const indexOf = (locId: number): number => (dense ? (dense[locId] ?? -1) : (sparse?.get(locId) ?? -1));
  const lines: (string | null)[][] = [];
  const frameIds: number[][] = [];
  for (const loc of p.location) {
    const locId = id(loc.id);
    if (locId === 0) throw new GclensError('unsupported-format', `${file}: malformed profile: a location with the reserved id 0`);
    if (indexOf(locId) >= 0) throw new GclensError('unsupported-format', `${file}: malformed profile: two locations with id ${locId}`);
    if (dense) dense[locId] = lines.length;
    else sparse?.set(locId, lines.length);
    const fallback = objfileName(mappingFile.get(id(loc.mappingId)) ?? '');
    const locLines = loc.line.map((l) => functionName.get(id(l.functionId)) || null);
    if (locLines.length === 0) locLines.push(null);
    lines.push(locLines);
    frameIds.push(locLines.map((name) => intern(name ?? fallback)));
  }

  const plan = planPrune({ lines }, str(p.dropFrames, 'drop_frames'), str(p.keepFrames, 'keep_frames'));
  const locationStart = new Uint32Array(lines.length + 1);
  const locationFrames = new GrowableUint32(lines.length * 2 + 16);
  for (let l = 0; l < frameIds.length; l++) {
    const ids = frameIds[l] as number[];
    for (let i = plan ? (plan.cutLines[l] as number) : 0; i < ids.length; i++) locationFrames.push(ids[i] as number);
    locationStart[l + 1] = locationFrames.length;
  }

  const count = split.starts.length;
  if (width === 0 && count > 0) throw new GclensError('unsupported-format', `${file}: malformed profile: samples but no sample types`);
  const sampleStart = new Uint32Array(count + 1);
  const sampleLocations = new GrowableUint32(count * 16 + 16);
  const values = new Float64Array(count * width);
  const stack: number[] = [];
  for (let s = 0; s < count; s++) {
    const sample = decodeSample(raw.subarray(split.starts[s], split.ends[s]), file, s);
    if (sample.value.length !== width) {
      throw new GclensError('unsupported-format', `${file}: malformed profile: sample ${s} has ${sample.value.length} values for ${width} sample types`);
    }
    for (let i = 0; i < width; i++) values[s * width + i] = int64(sample.value[i] as Numeric);
    const at = sampleLocations.length;
    for (const locId of sample.locationId) {
      const index = indexOf(id(locId));
      if (index < 0) throw new GclensError('unsupported-format', `${file}: sample ${s} refers to location ${id(locId)}, which the profile does not define`);
      sampleLocations.push(index);
    }
    if (plan) {
      // Cut the pruned leaf frames: shift the kept part of this sample's stack down over them.
      stack.length = 0;
      for (let i = at; i < sampleLocations.length; i++) stack.push(sampleLocations.get(i));
      sampleLocations.length = at;
      for (let i = prunedLeaf(stack, 0, stack.length, plan); i < stack.length; i++) sampleLocations.push(stack[i] as number);
    }
    sampleStart[s + 1] = sampleLocations.length;
  }

  const defaultSampleType = id(p.defaultSampleType) ? str(p.defaultSampleType, 'default_sample_type') : null;
  const periodType = p.periodType ? valueType(p.periodType, 'period_type') : null;
  const timeNanos = int64(p.timeNanos);
  const durationNanos = int64(p.durationNanos);
  return {
    profile: profileName(sampleTypes, defaultSampleType, periodType),
    sampleTypes,
    defaultSampleType,
    periodType: periodType && (periodType.type || periodType.unit) ? periodType : null,
    period: int64(p.period),
    timeNanos: timeNanos || null,
    durationNanos: durationNanos || null,
    comments: p.comment.map((c) => str(c, 'a comment')),
    names,
    locationStart,
    locationFrames: locationFrames.toArray(),
    sampleStart,
    sampleLocations: sampleLocations.toArray(),
    values,
    states: null,
  };
}
