import type { Field64 } from "../sensitivity/field64";
import type { ResolvedTarget } from "./target";
import type { CheckedOptions } from "./options";
import { forwardPass } from "../sensitivity/forwardPass";

/** Work of an attribution: solves run and right-hand-side evaluations forward and backward. */
export interface AttributionStats {
  solves: number;
  nfeForward: number;
  nfeBackward: number;
}

/** Values and gradients of several targets at several input points. */
export interface PointGradients {
  /** values[target][point]. */
  values: Float64Array[];
  /** grads[target][point], each of the input's length (dim or θ's); empty when not asked for. */
  grads: Float64Array[][];
  stats: AttributionStats;
}

/**
 * States per batched solve: discrete()'s tape grows with the batch (every stage's activations of
 * every state), so many points (SmoothGrad's samples, LIME's, a data set's path nodes) are
 * solved in chunks of this many.
 */
export const MAX_BATCH = 256;

/**
 * The engine under every method here: F_j(x_p) and ∇F_j(x_p) for targets j at input points p
 * (initial states, or parameter vectors with y0 fixed). Initial states go through one batched
 * solve (B = points, in chunks of MAX_BATCH) when `o.batch`: the samples of a batch are independent, so one pullback per
 * target returns every point's ∂F/∂y0 at once. Parameter vectors are written into
 * field.parameters one at a time (a batch shares θ) and restored afterwards, also on a throw.
 * Without gradients only the forward solve runs (no tape).
 */
export function pointGradients(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  points: readonly Float64Array[],
  targets: readonly ResolvedTarget[],
  o: CheckedOptions,
  withGradients = true,
): PointGradients {
  const d = field.dim;
  const T = t.length;
  const values = targets.map(() => new Float64Array(points.length));
  const grads: Float64Array[][] = targets.map(() => []);
  const stats: AttributionStats = { solves: 0, nfeForward: 0, nfeBackward: 0 };
  /** One solve of the initial states Y (B·dim) for points [first, first + B). */
  const run = (Y: Float64Array, first: number): void => {
    const B = Y.length / d;
    stats.solves++;
    if (!withGradients) {
      const fwd = forwardPass(field, Y, t, o.checked, false);
      stats.nfeForward += fwd.stats.nfev;
      targets.forEach((target, j) => {
        for (let b = 0; b < B; b++) values[j][first + b] = target.evaluate(fwd.y, b, null);
      });
      return;
    }
    const sol = o.gradient.solve(field, Y, t, o.solver);
    targets.forEach((target, j) => {
      const yBar = Array.from({ length: T }, () => new Float64Array(Y.length));
      for (let b = 0; b < B; b++) values[j][first + b] = target.evaluate(sol.y, b, yBar);
      const g = sol.pullback(yBar.map((x) => (x.some((v) => v !== 0) ? x : null)));
      if (o.wrt === "y0") for (let b = 0; b < B; b++) grads[j][first + b] = g.y0.slice(b * d, (b + 1) * d);
      else grads[j][first] = g.theta;
    });
    stats.nfeForward += sol.stats.nfeForward;
    stats.nfeBackward += sol.stats.nfeBackward;
  };
  if (o.wrt === "y0") {
    const size = o.batch ? MAX_BATCH : 1;
    for (let first = 0; first < points.length; first += size) {
      const chunk = points.slice(first, first + size);
      const Y = new Float64Array(chunk.length * d);
      chunk.forEach((p, i) => Y.set(p, i * d));
      run(Y, first);
    }
    return { values, grads, stats };
  }
  const theta = field.parameters;
  const keep = Float64Array.from(theta);
  try {
    points.forEach((p, i) => {
      theta.set(p);
      run(Float64Array.from(y0), i);
    });
  } finally {
    theta.set(keep);
  }
  return { values, grads, stats };
}
