import type { ExplicitTableau } from "../../ode/tableaus/tableau";
import type { LrpField } from "./field";
import type { DenseLrp } from "./denseKernel";
import { RunError } from "../../ode/errors";

/**
 * What the backward pass reads of a fixed-step solve: the states y_n, and per step and stage the
 * stage input Y_i, the derivative k_i and its two parts (network, known physics; known is 0 for a
 * plain network). Flat, [step][stage][component].
 */
export interface SolveRecord {
  times: readonly number[];
  /** (N + 1)·dim. */
  states: Float64Array;
  /** N·s·dim each. */
  stageInputs: Float64Array;
  derivatives: Float64Array;
  /** The network's and the known part's values at each stage (known: zeros for a plain network). */
  networkParts: Float64Array;
  knownParts: Float64Array;
}

/**
 * The solve, stage by stage, with the network evaluated by the LRP kernel (FusedMlp's sums, the
 * same bits) and the sums in the order the backward pass splits them:
 * Y_i = y_n + Σ_j (h a_ij) k_j, y_{n+1} = y_n + Σ_i (h b_i) k_i.
 */
export function recordSolve(
  field: LrpField,
  kernel: DenseLrp,
  tableau: ExplicitTableau,
  times: readonly number[],
  y0: ArrayLike<number>,
): SolveRecord {
  const d = field.dim;
  const s = tableau.stages;
  const N = times.length - 1;
  const states = new Float64Array((N + 1) * d);
  const stageInputs = new Float64Array(N * s * d);
  const derivatives = new Float64Array(N * s * d);
  const networkParts = new Float64Array(N * s * d);
  const knownParts = new Float64Array(N * s * d);
  const yStage = new Float64Array(d);
  const kKnown = new Float64Array(d);
  for (let i = 0; i < d; i++) states[i] = y0[i];
  for (let n = 0; n < N; n++) {
    const t = times[n];
    const h = times[n + 1] - t;
    const yo = n * d;
    for (let i = 0; i < s; i++) {
      const so = (n * s + i) * d;
      const row = tableau.a[i];
      for (let m = 0; m < d; m++) {
        let acc = states[yo + m];
        for (let j = 0; j < row.length; j++) acc += h * row[j] * derivatives[(n * s + j) * d + m];
        yStage[m] = acc;
        stageInputs[so + m] = acc;
      }
      const ts = t + tableau.c[i] * h;
      const f = kernel.forward(ts, yStage, 0);
      if (field.known !== null) field.known.rhs(ts, yStage, kKnown);
      for (let m = 0; m < d; m++) {
        const nn = f[m];
        const kn = field.known !== null ? kKnown[m] : 0;
        networkParts[so + m] = nn;
        knownParts[so + m] = kn;
        derivatives[so + m] = field.known !== null ? nn + kn : nn;
        if (!Number.isFinite(derivatives[so + m]))
          throw new RunError(
            `lrpSolve: non-finite stage derivative k_${i + 1}[${m}] in the step from t = ${t} (h = ${h})`,
          );
      }
    }
    const b = tableau.b;
    for (let m = 0; m < d; m++) {
      let acc = states[yo + m];
      for (let i = 0; i < s; i++) acc += h * b[i] * derivatives[(n * s + i) * d + m];
      states[yo + d + m] = acc;
    }
  }
  return { times, states, stageInputs, derivatives, networkParts, knownParts };
}
