import type { FusedMlp } from "../../neural/fields/fusedMlp";
import type { FusedHybrid } from "../../neural/fields/hybrid64";
import type { LrpField } from "./field";
import type { LrpSolveSettings } from "./prepare";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { prepareSolve } from "./prepare";
import { gridIndex } from "./grid";
import { relativeOf, sum } from "./backward";
import { identity, matMul, rowTimes, stepMatrix } from "./stepMatrix";

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
 * lrpSolve's relevance at y0 for y_c at every output time, from one recorded solve. With the
 * forward values fixed, every rule is linear in the relevance it is given, so step n is a d × d
 * matrix L_n (R(y_n) = L_n R(y_{n+1}); column j from a unit relevance on component j) and its
 * absorbed, network and known shares are row vectors u_n. Then R(y0) of an output at t_k is
 * L_0 ⋯ L_{k−1} e_c y_c(t_k), and its shares S_k e_c y_c(t_k) with S_{k+1} = S_k L_k + u_k: d backward
 * passes per step in all, instead of one per step per output time.
 */
export function lrpOverTime(
  field: FusedMlp | FusedHybrid | LrpField,
  y0: ArrayLike<number>,
  options: LrpOverTimeOptions,
): LrpOverTime {
  const setup = prepareSolve(field, y0, options);
  const { record } = setup;
  const d = setup.field.dim;
  const c = options.component;
  if (typeof c !== "number")
    throw new OdeTypeError("options.component", `expected an integer, got ${describeValue(c)}`);
  if (!Number.isInteger(c) || c < 0 || c >= d)
    throw new OdeArgumentError("options.component", `must be an integer in [0, ${d}), got ${c}`);
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
  const last = Math.max(...indices);
  const wanted = new Set(indices);
  // Per output index k: column c of Q_k = L_0 ⋯ L_{k−1}, and entry c of the three share rows.
  const found = new Map<number, { r0: number[]; absorbed: number; network: number; known: number }>();
  let Q = identity(d);
  let sAbs = new Float64Array(d);
  let sNet = new Float64Array(d);
  let sKnown = new Float64Array(d);
  const keep = (k: number) =>
    found.set(k, {
      r0: Array.from({ length: d }, (_, i) => Q[i * d + c]),
      absorbed: sAbs[c],
      network: sNet[c],
      known: sKnown[c],
    });
  if (wanted.has(0)) keep(0);
  const step = stepMatrix(setup);
  for (let n = 0; n < last; n++) {
    const { L, uAbs, uNet, uKnown } = step(n);
    Q = matMul(Q, L, d);
    sAbs = rowTimes(sAbs, L, uAbs, d);
    sNet = rowTimes(sNet, L, uNet, d);
    sKnown = rowTimes(sKnown, L, uKnown, d);
    if (wanted.has(n + 1)) keep(n + 1);
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
  for (const k of indices) {
    const v = record.states[k * d + c];
    const f = found.get(k)!;
    const r0 = f.r0.map((q) => q * v);
    const absorbed = f.absorbed * v;
    out.t.push(record.times[k]);
    out.values.push(v);
    out.attributions.push(r0);
    out.absorbed.push(absorbed);
    out.networkRelevance.push(f.network * v);
    out.knownRelevance.push(f.known * v);
    out.relativeGap.push(v === 0 ? 0 : relativeOf(v - sum(r0) - absorbed, v));
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
