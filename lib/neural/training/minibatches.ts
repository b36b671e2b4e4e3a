import type { Trajectory } from "./fitOptions";
import { mulberry32, sampleWithoutReplacement } from "../../random/index";

/** One minibatch: B initial states (B·dim), the window's relative times, targets per time, weights. */
export interface Minibatch {
  y0: Float64Array;
  t: readonly number[];
  targets: Float64Array[];
  timeWeights: number[];
}

/**
 * The minibatches of `fit`, drawn from a seeded source. Random windows (torchdiffeq's ode_demo
 * get_batch): starts 0 … T − L − 1 in each trajectory, distinct when there are enough of them
 * (numpy's choice(replace=False)), else drawn with replacement. Multiple shooting: every
 * iteration the same consecutive groups of L points overlapping by one, the group end weighted
 * 1 + continuityWeight. Windows never cross from one trajectory into the next. The returned
 * buffers are reused by the next call.
 */
export function minibatchSampler(
  trajectories: Trajectory[],
  L: number,
  batchSize: number,
  shooting: { continuityWeight: number } | null,
  seed: number,
): () => Minibatch {
  const dim = trajectories[0].y[0].length;
  const rows = trajectories.flatMap((tr) => tr.y.map((r) => Float64Array.from(r)));
  const offsets = trajectories.map((_, k) => trajectories.slice(0, k).reduce((s, tr) => s + tr.t.length, 0));
  const groupStarts = trajectories.flatMap((tr, k) =>
    Array.from({ length: Math.floor((tr.t.length - 1) / (L - 1)) }, (_, g) => offsets[k] + g * (L - 1)),
  );
  const windowStarts = trajectories.flatMap((tr, k) =>
    Array.from({ length: Math.max(tr.t.length - L, 1) }, (_, i) => offsets[k] + i),
  );
  const t0 = trajectories[0].t[0];
  const t = trajectories[0].t.slice(0, L).map((s) => s - t0);
  const timeWeights = t.map((_, k) => (shooting && k === L - 1 ? 1 + shooting.continuityWeight : 1));
  const B = shooting ? groupStarts.length : batchSize;
  const batch: Minibatch = {
    y0: new Float64Array(B * dim),
    t,
    targets: t.map(() => new Float64Array(B * dim)),
    timeWeights,
  };
  const rand = mulberry32(seed);
  const n = windowStarts.length;
  return () => {
    const starts = shooting
      ? groupStarts
      : (batchSize <= n
          ? sampleWithoutReplacement(n, batchSize, rand)
          : Array.from({ length: batchSize }, () => Math.floor(rand() * n))
        ).map((i) => windowStarts[i]);
    starts.forEach((st, b) => {
      batch.y0.set(rows[st], b * dim);
      batch.targets.forEach((x, k) => x.set(rows[st + k], b * dim));
    });
    return batch;
  };
}
