/**
 * Collects output states into one growing Float64Array (doubling), so storing every step
 * costs a copy of n numbers instead of a typed-array allocation per step (about 15% of a
 * DOPRI5 solve of a 3-component problem, measured). `rows()` hands back one subarray view per
 * output time; the views share one buffer but never overlap.
 */
export class OutputBuffer {
  readonly t: number[] = [];
  private data: Float64Array;
  private count = 0;
  private readonly n: number;

  constructor(n: number, capacity = 64) {
    this.n = n;
    this.data = new Float64Array(n * capacity);
  }

  /** Appends (t, y), copying y. */
  push(t: number, y: Float64Array): void {
    const n = this.n;
    let off = this.reserve(t);
    const data = this.data;
    for (let m = 0; m < n; m++) data[off++] = y[m];
  }

  /** A writable slot for the next row (for interpolating straight into the buffer). */
  pushSlot(t: number): Float64Array {
    const off = this.reserve(t);
    return this.data.subarray(off, off + this.n);
  }

  /** Appends t and makes room for its row (doubling the buffer when full); returns the row's offset. */
  private reserve(t: number): number {
    const off = this.count * this.n;
    if (off + this.n > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.t.push(t);
    this.count++;
    return off;
  }

  rows(): Float64Array[] {
    const out: Float64Array[] = new Array(this.count);
    const n = this.n;
    for (let i = 0; i < this.count; i++) out[i] = this.data.subarray(i * n, (i + 1) * n);
    return out;
  }
}
