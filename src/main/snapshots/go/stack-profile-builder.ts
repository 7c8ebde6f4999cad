/**
 * Builds a StackProfile from text sources (goroutine dumps, legacy heap
 * profiles), where every frame is a name: one location per distinct name, so
 * the diff sees the same shape it gets from a protobuf profile.
 */
import type { SampleType, StackProfile } from './go-snapshot';
import { GrowableFloat64, GrowableUint32 } from './growable-array';

export interface ProfileHeader {
  profile: string;
  sampleTypes: SampleType[];
  defaultSampleType?: string | null;
  periodType?: SampleType | null;
  period?: number;
}

export class StackProfileBuilder {
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly sampleStart = new GrowableUint32();
  private readonly sampleLocations = new GrowableUint32();
  private readonly values = new GrowableFloat64();
  private readonly states: (string | null)[] = [];
  private sawState = false;

  constructor(private readonly header: ProfileHeader) {
    this.sampleStart.push(0);
  }

  /** The id of a frame name, which is also its location index: one location per name. */
  frame(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  /** One sample: frame names leaf first, one value per sample type. */
  add(frames: readonly string[], values: readonly number[], state: string | null = null): void {
    for (const name of frames) this.sampleLocations.push(this.frame(name));
    this.sampleStart.push(this.sampleLocations.length);
    for (let i = 0; i < this.header.sampleTypes.length; i++) this.values.push(values[i] ?? 0);
    this.states.push(state);
    if (state !== null) this.sawState = true;
  }

  get sampleCount(): number {
    return this.states.length;
  }

  build(): StackProfile {
    const locationStart = new Uint32Array(this.names.length + 1);
    for (let i = 0; i <= this.names.length; i++) locationStart[i] = i;
    return {
      profile: this.header.profile,
      sampleTypes: this.header.sampleTypes,
      defaultSampleType: this.header.defaultSampleType ?? null,
      periodType: this.header.periodType ?? null,
      period: this.header.period ?? 0,
      timeNanos: null,
      durationNanos: null,
      comments: [],
      names: this.names,
      locationStart,
      locationFrames: Uint32Array.from(this.names.keys()),
      sampleStart: this.sampleStart.toArray(),
      sampleLocations: this.sampleLocations.toArray(),
      values: this.values.toArray(),
      states: this.sawState ? this.states : null,
    };
  }
}
