import type { FusedMlp } from "../../neural/fields/fusedMlp";
import type { FusedHybrid } from "../../neural/fields/hybrid64";
import type { LrpField } from "./field";
import type { LrpSolveSettings } from "./prepare";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { prepareSolve } from "./prepare";
import { gridIndex } from "./grid";
import { relevanceBack, relativeOf, sum } from "./backward";

export interface LrpOverTimeOptions extends LrpSolveSettings {
  /** The state component y_c explained at every output time (relevance: one-hot on c times y_c(t_k)). */
  component: number;
  /** Times of the step grid to explain; default every grid time, t0 included. */
  outputTimes?: readonly number[];
}

/** The per-time-step view of LRP: the attribution of y_c(t_k) to y0, for every output time t_k. */
export interface LrpOverTime {
  t: number[];
  component: number;
  /** y_c(t_k). */
  values: number[];
  /** [k][i]: relevance at y0_i of y_c(t_k) (T × dim, a heatmap's rows). */
  attributions: number[][];
  /** Per output time: relevance absorbed (biases, ε, t), and through the network and the known physics. */
  absorbed: number[];
  networkRelevance: number[];
  knownRelevance: number[];
  /** Per output time: |Σ R_out − Σ R(y0) − absorbed| / |Σ R_out|. */
  relativeGap: number[];
}

/**
 * lrpSolve's relevance at y0 for y_c at every output time, from one recorded solve (one backward
 * pass per output time).
 */
export function lrpOverTime(
  field: FusedMlp | FusedHybrid | LrpField,
  y0: ArrayLike<number>,
  options: LrpOverTimeOptions,
): LrpOverTime {
  const setup = prepareSolve(field, y0, options);
  const { record } = setup;
  const dim = setup.field.dim;
  const c = options.component;
  if (typeof c !== "number")
    throw new OdeTypeError("options.component", `expected an integer, got ${describeValue(c)}`);
  if (!Number.isInteger(c) || c < 0 || c >= dim)
    throw new OdeArgumentError("options.component", `must be an integer in [0, ${dim}), got ${c}`);
  let indices: number[];
  if (options.outputTimes === undefined) indices = record.times.map((_, k) => k);
  else {
    if (!Array.isArray(options.outputTimes))
      throw new OdeTypeError(
        "options.outputTimes",
        `expected an array of grid times, got ${describeValue(options.outputTimes)}`,
      );
    indices = options.outputTimes.map((t, i) => gridIndex(record.times, t, setup.step, `options.outputTimes[${i}]`));
  }
  const out: LrpOverTime = {
    t: [],
    component: c,
    values: [],
    attributions: [],
    absorbed: [],
    networkRelevance: [],
    knownRelevance: [],
    relativeGap: [],
  };
  const rOut = new Float64Array(dim);
  for (const k of indices) {
    const v = record.states[k * dim + c];
    rOut.fill(0);
    rOut[c] = v;
    const back = relevanceBack(setup, k, rOut);
    const r0 = back.stateRelevance[0];
    out.t.push(record.times[k]);
    out.values.push(v);
    out.attributions.push(r0);
    out.absorbed.push(back.absorbed.total);
    out.networkRelevance.push(sum(back.networkRelevancePerStep));
    out.knownRelevance.push(sum(back.knownRelevancePerStep));
    out.relativeGap.push(k === 0 && v === 0 ? 0 : relativeOf(v - sum(r0) - back.absorbed.total, v));
  }
  return out;
}

/** The global view: lrpOverTime over a data set of initial states, averaged. */
export interface LrpGlobal {
  t: number[];
  component: number;
  samples: number;
  /** [k][i]: mean over the initial states of |relevance at y0_i of y_c(t_k)|. */
  meanAbs: number[][];
  /** [k][i]: the signed mean. */
  mean: number[][];
  /** Per output time: the mean share of the known physics in what entered the field (0 for a plain network). */
  knownShare: number[];
  /** The largest relative conservation gap met. */
  maxRelativeGap: number;
}

export function lrpGlobal(
  field: FusedMlp | FusedHybrid | LrpField,
  y0s: readonly ArrayLike<number>[],
  options: LrpOverTimeOptions,
): LrpGlobal {
  if (!Array.isArray(y0s) || y0s.length === 0)
    throw new OdeArgumentError("y0s", `must be a non-empty array of initial states, got ${describeValue(y0s)}`);
  let meanAbs: number[][] = [];
  let mean: number[][] = [];
  let knownShare: number[] = [];
  let t: number[] = [];
  let maxRelativeGap = 0;
  y0s.forEach((y0, s) => {
    let r: LrpOverTime;
    try {
      r = lrpOverTime(field, y0, options);
    } catch (e) {
      if (e instanceof OdeArgumentError && e.argument === "y0")
        throw new OdeArgumentError(`y0s[${s}]`, e.message.replace(/^invalid argument y0: /, ""));
      throw e;
    }
    if (s === 0) {
      t = r.t;
      meanAbs = r.attributions.map((row) => row.map(() => 0));
      mean = r.attributions.map((row) => row.map(() => 0));
      knownShare = r.t.map(() => 0);
    }
    r.attributions.forEach((row, k) =>
      row.forEach((v, i) => {
        meanAbs[k][i] += Math.abs(v) / y0s.length;
        mean[k][i] += v / y0s.length;
      }),
    );
    r.knownRelevance.forEach((kn, k) => {
      const total = Math.abs(kn) + Math.abs(r.networkRelevance[k]);
      knownShare[k] += (total > 0 ? Math.abs(kn) / total : 0) / y0s.length;
    });
    for (const g of r.relativeGap) if (g > maxRelativeGap) maxRelativeGap = g;
  });
  return { t, component: options.component, samples: y0s.length, meanAbs, mean, knownShare, maxRelativeGap };
}
