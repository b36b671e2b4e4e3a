import type { MethodName } from "../../ode/types";
import type { FusedMlp } from "../../neural/fields/fusedMlp";
import type { FusedHybrid } from "../../neural/fields/hybrid64";
import type { LrpField } from "./field";
import type { LrpAbsorbed } from "./absorbed";
import type { LrpTarget } from "./target";
import type { LrpSolveSettings } from "./prepare";
import { targetRelevance } from "./target";
import { gridIndex } from "./grid";
import { prepareSolve } from "./prepare";
import { relevanceBack, relativeOf, sum } from "./backward";

export interface LrpSolveOptions extends LrpSolveSettings {
  /** Starting relevance on y(outputTime): { component } (one-hot × value), "output", or a vector. */
  target: LrpTarget;
  /** A time of the grid (t0 + k·step, or t1, the default): relevance starts there. */
  outputTime?: number;
}

/** LRP through a solve, plain arrays (steps = outputIndex: only steps before the output carry relevance). */
export interface LrpSolveResult {
  method: MethodName;
  /** t_0 … t_N of the whole solve. */
  times: number[];
  /** y_0 … y_N. */
  states: number[][];
  /** Index of the output time in `times`. */
  outputIndex: number;
  /** Relevance put on y(outputTime). */
  outputRelevance: number[];
  /** (N + 1) × dim: the relevance held by y_n (rows after the output are zero; row outputIndex = outputRelevance). */
  stateRelevance: number[][];
  /** Relevance arriving at y0: the attribution to the initial state (= stateRelevance[0]). */
  initialRelevance: number[];
  /** outputIndex × stages (the steps before the output): the relevance entering the field's output k_i at stage i of step n. */
  fieldRelevance: number[][];
  /** Σ over the stages of fieldRelevance, per step. */
  fieldRelevancePerStep: number[];
  /** Σ over every use of the field. */
  fieldRelevanceTotal: number;
  /** Per state component: the relevance the field hands to its input Y_i, summed over every use. */
  fieldInputRelevance: number[];
  /** Per step before the output: the share routed through the learned network, and through the known physics (0 for a plain network). */
  networkRelevancePerStep: number[];
  knownRelevancePerStep: number[];
  networkRelevanceTotal: number;
  knownRelevanceTotal: number;
  /** Field evaluations explained (steps to the output × stages). */
  evaluations: number;
  absorbed: LrpAbsorbed;
  /** Σ outputRelevance, Σ initialRelevance. */
  outputTotal: number;
  initialTotal: number;
  /** outputTotal − initialTotal − absorbed.total: rounding only. */
  conservationGap: number;
  /** |conservationGap| / max(|outputTotal|, the smallest normal). */
  relativeGap: number;
}

/**
 * Layer-wise relevance propagation through a fixed-step explicit Runge–Kutta solve of y' = f(t, y).
 * Each step y_{n+1} = y_n + h Σ b_i k_i and each stage input Y_i = y_n + h Σ_j a_ij k_j is a sum,
 * so relevance splits over its terms in proportion to their values (the ε rule on a sum, zennit's
 * `Norm`; Montavon et al. 2019, doi:10.1007/978-3-030-28954-6_10, eq. 10.3); relevance at a stage
 * derivative k_i goes through the network by LRP (lrpDense's rules) into Y_i. For a hybrid field
 * k_i = known + nn splits the same way; the network's share goes through the network, the known
 * share to Y_i by gradient × input (known.jacobian), normalised per output component (ε-stabilised),
 * so the known part conserves what it receives. Stages are visited last to first, so every k_j has
 * all its relevance (from the update and from the later stages' inputs) before it is propagated.
 * Every share is a ratio of forward values, so for a bias-free linear field with ε = 0 the result is
 * exactly y0 ⊙ ∂y_c(T)/∂y0 (gradient × input of the whole solve; tested against RK4's stability
 * polynomial). A time-dependent network's t input absorbs relevance at every use (absorbed.time).
 */
export function lrpSolve(
  field: FusedMlp | FusedHybrid | LrpField,
  y0: ArrayLike<number>,
  options: LrpSolveOptions,
): LrpSolveResult {
  const setup = prepareSolve(field, y0, options);
  const { record, tableau } = setup;
  const times = record.times;
  const dim = setup.field.dim;
  const outputIndex =
    options.outputTime === undefined
      ? times.length - 1
      : gridIndex(times, options.outputTime, options.step, "options.outputTime");
  const yOut = record.states.subarray(outputIndex * dim, (outputIndex + 1) * dim);
  const rOut = targetRelevance(options.target, yOut, new Float64Array(dim), "options.target");
  const back = relevanceBack(setup, outputIndex, rOut);
  const fieldRelevancePerStep = back.fieldRelevance.map(sum);
  const outputTotal = sum(rOut);
  const initialTotal = sum(back.stateRelevance[0]);
  const conservationGap = outputTotal - initialTotal - back.absorbed.total;
  return {
    method: setup.method,
    times: times.slice(),
    states: times.map((_, k) => Array.from(record.states.subarray(k * dim, (k + 1) * dim))),
    outputIndex,
    outputRelevance: Array.from(rOut),
    stateRelevance: back.stateRelevance,
    initialRelevance: back.stateRelevance[0].slice(),
    fieldRelevance: back.fieldRelevance,
    fieldRelevancePerStep,
    fieldRelevanceTotal: sum(fieldRelevancePerStep),
    fieldInputRelevance: back.fieldInputRelevance,
    networkRelevancePerStep: back.networkRelevancePerStep,
    knownRelevancePerStep: back.knownRelevancePerStep,
    networkRelevanceTotal: sum(back.networkRelevancePerStep),
    knownRelevanceTotal: sum(back.knownRelevancePerStep),
    evaluations: outputIndex * tableau.stages,
    absorbed: back.absorbed,
    outputTotal,
    initialTotal,
    conservationGap,
    relativeGap: relativeOf(conservationGap, outputTotal),
  };
}
