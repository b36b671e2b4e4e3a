import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { checkPositive, checkState } from "./checks";

export interface CoverageOptions {
  /** A point is outside when its distance to the nearest data point exceeds this. Default factor·spacing. */
  radius?: number;
  /** The data's spacing is the median over data points of the distance to their k-th nearest other point. Default 1. */
  k?: number;
  /** radius = factor·spacing when no radius is given. Default 3. */
  factor?: number;
  /** Times of the trajectory points, to report when it first leaves. */
  t?: ArrayLike<number>;
}

export interface Coverage {
  /** Per trajectory point: distance to the nearest data point, and that over the data's spacing. */
  distance: number[];
  relative: number[];
  outside: boolean[];
  /** Median k-th-nearest-neighbour distance within the data. */
  spacing: number;
  radius: number;
  fractionOutside: number;
  /** Index (and time, when t is given) of the first point outside; null when it never leaves. */
  firstExit: { index: number; t: number | null } | null;
}

function statesOf(name: string, v: unknown): ArrayLike<number>[] {
  if (!Array.isArray(v) || v.length === 0)
    throw new OdeTypeError(name, `expected a non-empty array of states, got ${describeValue(v)}`);
  const n = (v[0] as ArrayLike<number>)?.length;
  v.forEach((y, i) => checkState(`${name}[${i}]`, y, n));
  return v;
}

const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
};

/**
 * Whether a trajectory stays where the training data are: for each of its points the Euclidean
 * distance to the nearest data point, relative to the data's own typical spacing (the median
 * distance of a data point to its k-th nearest other one), and outside when beyond `radius`. A
 * learned field is only constrained near its data, so a trajectory that leaves is extrapolating.
 * Brute force, O((M + N)·N·dim).
 */
export function dataCoverage(
  trajectory: ArrayLike<number>[],
  data: ArrayLike<number>[],
  options: CoverageOptions = {},
): Coverage {
  const D = statesOf("data", data);
  const dim = D[0].length;
  const Y = statesOf("trajectory", trajectory);
  Y.forEach((y, i) => {
    if (y.length !== dim)
      throw new OdeArgumentError(`trajectory[${i}]`, `has dimension ${y.length}, the data have ${dim}`);
  });
  const k = options.k ?? 1;
  checkPositive("options.k", k, true);
  if (k > D.length - 1) throw new OdeArgumentError("options.k", `is ${k}, but the data have only ${D.length} points`);
  const factor = options.factor ?? 3;
  checkPositive("options.factor", factor);
  if (options.t !== undefined) {
    if (options.t === null || typeof options.t !== "object" || options.t.length !== Y.length)
      throw new OdeArgumentError(
        "options.t",
        `needs one time per trajectory point (${Y.length}), got ${describeValue(options.t)}`,
      );
  }
  // k-th nearest other data point of each data point (partial sort of the row).
  const kth = D.map((a, i) => {
    const row: number[] = [];
    D.forEach((b, j) => {
      if (j !== i) row.push(dist(a, b));
    });
    row.sort((x, y) => x - y);
    return row[k - 1];
  });
  kth.sort((x, y) => x - y);
  const m = kth.length;
  const spacing = m % 2 === 1 ? kth[(m - 1) / 2] : 0.5 * (kth[m / 2 - 1] + kth[m / 2]);
  const radius = options.radius ?? factor * spacing;
  checkPositive("options.radius", radius);
  const distance = Y.map((y) => D.reduce((best, d) => Math.min(best, dist(y, d)), Infinity));
  const outside = distance.map((d) => d > radius);
  const first = outside.indexOf(true);
  return {
    distance,
    relative: distance.map((d) => (spacing > 0 ? d / spacing : Infinity)),
    outside,
    spacing,
    radius,
    fractionOutside: outside.filter(Boolean).length / Y.length,
    firstExit: first < 0 ? null : { index: first, t: options.t === undefined ? null : options.t[first] },
  };
}
