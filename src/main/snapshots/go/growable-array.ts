/**
 * Append-only typed arrays that double as they fill: the flat stack and
 * value tables of a StackProfile are built without knowing their size.
 */
export class GrowableUint32 {
  private data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  /** A right-sized copy of what was pushed. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  /** Adds to an element already pushed. */
  add(index: number, value: number): void {
    this.data[index] = (this.data[index] as number) + value;
  }

  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
