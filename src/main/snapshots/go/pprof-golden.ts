/**
 * Reads pprof's own text rendering of a profile (profile.Profile.String(),
 * as in the corpus' `*.string` and `go tool pprof -raw` `*.pprof.txt`
 * goldens) far enough to check a decoder against it: each sample's values
 * and its frames, leaf first, named by function or, unsymbolized, by
 * address. Tests use it; nothing in the app does.
 */
import type { StackProfile } from './go-snapshot';

export interface GoldenSample {
  values: number[];
  frames: string[];
}

export interface GoldenProfile {
  sampleTypes: string[];
  samples: GoldenSample[];
}

export function parseProfileString(text: string): GoldenProfile {
  const lines = text.split('\n');
  const samplesAt = lines.indexOf('Samples:');
  const locationsAt = lines.indexOf('Locations');
  if (samplesAt < 0 || locationsAt < 0) throw new Error('not a profile.String() rendering');
  const sampleTypes = (lines[samplesAt + 1] ?? '').trim().split(/\s+/);

  // Location id → frames innermost first; a continuation line (deeper indent, no id) is a frame it inlines into.
  const locations = new Map<number, string[]>();
  let current: string[] | null = null;
  for (const line of lines.slice(locationsAt + 1)) {
    if (line === 'Mappings' || line.trim() === '') break;
    const head = /^\s*(\d+): (0x[0-9a-f]+)(?: M=\d+)?\s*(.*)$/.exec(line);
    if (head) {
      const fn = (head[3] as string).trim().split(/\s+/)[0];
      current = [fn || (head[2] as string)];
      locations.set(Number(head[1]), current);
    } else if (current) {
      current.push(line.trim().split(/\s+/)[0] as string);
    }
  }

  const samples: GoldenSample[] = [];
  for (const line of lines.slice(samplesAt + 2, locationsAt)) {
    const m = /^\s*(-?\d+(?:\s+-?\d+)*):((?:\s+\d+)*)\s*$/.exec(line);
    if (!m) continue; // label lines such as `bytes:[524288]`
    const values = (m[1] as string).trim().split(/\s+/).map(Number);
    const ids = (m[2] as string).trim().split(/\s+/).filter(Boolean).map(Number);
    samples.push({ values, frames: ids.flatMap((id) => locations.get(id) ?? [`?${id}`]) });
  }
  return { sampleTypes, samples };
}

/** The same view of a decoded StackProfile, for comparison. */
export function goldenView(profile: StackProfile): GoldenProfile {
  const width = profile.sampleTypes.length;
  const samples: GoldenSample[] = [];
  for (let s = 0; s + 1 < profile.sampleStart.length; s++) {
    const frames: string[] = [];
    for (let k = profile.sampleStart[s] as number; k < (profile.sampleStart[s + 1] as number); k++) {
      const loc = profile.sampleLocations[k] as number;
      for (let f = profile.locationStart[loc] as number; f < (profile.locationStart[loc + 1] as number); f++) {
        frames.push(profile.names[profile.locationFrames[f] as number] as string);
      }
    }
    samples.push({ values: Array.from(profile.values.subarray(s * width, (s + 1) * width)), frames });
  }
  return { sampleTypes: profile.sampleTypes.map((t) => `${t.type}/${t.unit}`), samples };
}
