import type { DenseSegment } from "../ode/types";

/**
 * The forward solution as the accepted steps' interpolants, for a backward pass that reads z(s)
 * many times at times that move monotonically: `at(s, out)` writes z(s) into `out` without
 * allocating, starting its search at the segment of the previous call. The segment chosen is
 * the one `solveIVP`'s `sol(s)` chooses (at a step boundary the earlier step; outside the solved
 * interval the nearest step's interpolant, extrapolated), so values are the same bits.
 */
export class DenseTrajectory {
  private readonly segments: DenseSegment[] = [];
  private ascending = true;
  private hint = 0;
  /** Bytes the segments keep. */
  bytes = 0;

  push(segment: DenseSegment): void {
    if (this.segments.length === 0) this.ascending = segment.t >= segment.tOld;
    this.segments.push(segment);
    this.bytes += segment.bytes;
  }

  get length(): number {
    return this.segments.length;
  }

  at(s: number, out: Float64Array): Float64Array {
    const seg = this.segments;
    const last = seg.length - 1;
    // Smallest index i with s at or before the end of segment i, in the direction of the solve.
    const dir = this.ascending ? 1 : -1;
    let i = Math.min(this.hint, last);
    while (i > 0 && (s - seg[i - 1].t) * dir <= 0) i--;
    while (i < last && (s - seg[i].t) * dir > 0) i++;
    this.hint = i;
    return seg[i].evaluate(s, out);
  }
}
