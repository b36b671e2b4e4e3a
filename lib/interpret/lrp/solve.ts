import type { MethodName } from "../../ode/types";
import type { FusedMlp } from "../../neural/fields/fusedMlp";
import type { FusedHybrid } from "../../neural/fields/hybrid64";
import type { LrpField } from "./field";
import type { LrpRule } from "./rules";
import type { LrpAbsorbed } from "./absorbed";
import type { LrpTarget } from "./target";
import { methodInfo } from "../../ode/methods";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { lrpFieldOf } from "./field";
import { rulesPerLayer } from "./rules";
import { emptyAbsorbed, totalAbsorbed } from "./absorbed";
import { checkVector, targetRelevance } from "./target";
import { fixedGrid, gridIndex } from "./grid";
import { DenseLrp } from "./denseKernel";
import { recordSolve } from "./record";
import { propagateStep } from "./stepRelevance";

export interface LrpSolveOptions {
  /** A fixed-step explicit Runge–Kutta method of the registry: "Euler", "Midpoint", "RK4" (default). */
  method?: MethodName;
  step: number;
  /** Default 0. */
  t0?: number;
  t1: number;
  /** The network's rule(s), as lrpDense. */
  rule: LrpRule | readonly LrpRule[];
  /** Starting relevance on y(outputTime): { component } (one-hot × value), "output", or a vector. */
  target: LrpTarget;
  /** A time of the grid (t0 + k·step, or t1, the default): relevance starts there. */
  outputTime?: number;
  /** ε of the solver's sums (step updates, stage inputs, known + network split); default 0. */
  sumEpsilon?: number;
  /** ε of the known part's linearisation (hybrid fields); default 0. */
  knownEpsilon?: number;
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
  /** N × stages: the relevance entering the field's output k_i at stage i of step n. */
  fieldRelevance: number[][];
  /** Σ over the stages of fieldRelevance, per step. */
  fieldRelevancePerStep: number[];
  /** Σ over every use of the field. */
  fieldRelevanceTotal: number;
  /** Per state component: the relevance the field hands to its input Y_i, summed over every use. */
  fieldInputRelevance: number[];
  /** Per step: the share routed through the learned network, and through the known physics (0 for a plain network). */
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
 */
export function lrpSolve(
  field: FusedMlp | FusedHybrid | LrpField,
  y0: ArrayLike<number>,
  options: LrpSolveOptions,
): LrpSolveResult {
  const lf = lrpFieldOf(field);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected { method?, step, t1, rule, target, … }, got ${describeValue(options)}`);
  const methodName = options.method ?? "RK4";
  const info = methodInfo(methodName, "options.method");
  if (info.kind !== "explicitRungeKutta" || info.tableau === null)
    throw new OdeArgumentError(
      "options.method",
      `"${methodName}" is not an explicit Runge–Kutta method; LRP through the solver needs Euler, Midpoint or RK4`,
    );
  if (!info.fixedStep)
    throw new OdeArgumentError(
      "options.method",
      `"${methodName}" is adaptive (its steps depend on the error estimate); LRP through the solver needs a fixed-step method: Euler, Midpoint or RK4`,
    );
  const dim = lf.dim;
  checkVector("y0", y0, dim, `the field's state (dim ${dim})`);
  const rules = rulesPerLayer(options.rule, lf.network.sizes.length - 1, "options.rule");
  const sumEpsilon = epsilonOption("options.sumEpsilon", options.sumEpsilon);
  const knownEpsilon = epsilonOption("options.knownEpsilon", options.knownEpsilon);
  const times = fixedGrid(options.t0 ?? 0, options.t1, options.step);
  const outputIndex =
    options.outputTime === undefined
      ? times.length - 1
      : gridIndex(times, options.outputTime, options.step, "options.outputTime");

  const kernel = new DenseLrp(lf.network, rules);
  const rec = recordSolve(lf, kernel, info.tableau, times, y0);
  const s = info.tableau.stages;
  const yOut = rec.states.subarray(outputIndex * dim, (outputIndex + 1) * dim);
  const rOut = targetRelevance(options.target, yOut, new Float64Array(dim), "options.target");

  const absorbed = emptyAbsorbed();
  const stateRelevance = times.map(() => new Array<number>(dim).fill(0));
  stateRelevance[outputIndex] = Array.from(rOut);
  const fieldRelevance: number[][] = [];
  const networkPerStep: number[] = [];
  const knownPerStep: number[] = [];
  const fieldInput = new Float64Array(dim);
  const work = {
    ry: Float64Array.from(rOut),
    rPrev: new Float64Array(dim),
    rk: new Float64Array(s * dim),
    rY: new Float64Array(dim),
    rNet: new Float64Array(dim),
    rKnown: new Float64Array(dim),
    jac: new Float64Array(dim * dim),
    yStage: new Float64Array(dim),
    fieldStage: new Float64Array(s),
    network: 0,
    known: 0,
  };
  for (let n = outputIndex - 1; n >= 0; n--) {
    propagateStep(lf, kernel, info.tableau, rec, n, work, fieldInput, absorbed, sumEpsilon, knownEpsilon);
    work.ry.set(work.rPrev);
    stateRelevance[n] = Array.from(work.rPrev);
    fieldRelevance[n] = Array.from(work.fieldStage);
    networkPerStep[n] = work.network;
    knownPerStep[n] = work.known;
  }
  totalAbsorbed(absorbed);
  const fieldRelevancePerStep = fieldRelevance.map(sum);
  const outputTotal = sum(rOut);
  const initialTotal = sum(stateRelevance[0]);
  const conservationGap = outputTotal - initialTotal - absorbed.total;
  return {
    method: methodName,
    times,
    states: times.map((_, k) => Array.from(rec.states.subarray(k * dim, (k + 1) * dim))),
    outputIndex,
    outputRelevance: Array.from(rOut),
    stateRelevance,
    initialRelevance: stateRelevance[0].slice(),
    fieldRelevance,
    fieldRelevancePerStep,
    fieldRelevanceTotal: sum(fieldRelevancePerStep),
    fieldInputRelevance: Array.from(fieldInput),
    networkRelevancePerStep: networkPerStep,
    knownRelevancePerStep: knownPerStep,
    networkRelevanceTotal: sum(networkPerStep),
    knownRelevanceTotal: sum(knownPerStep),
    evaluations: outputIndex * s,
    absorbed,
    outputTotal,
    initialTotal,
    conservationGap,
    relativeGap: Math.abs(conservationGap) / Math.max(Math.abs(outputTotal), Number.MIN_VALUE * 2 ** 52),
  };
}

function epsilonOption(argument: string, v: number | undefined): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))
    throw new OdeArgumentError(argument, `must be a finite number ≥ 0, got ${describeValue(v)}`);
  return v;
}

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}
