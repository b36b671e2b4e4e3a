import type { LrpSetup } from "./prepare";
import type { LrpAbsorbed } from "./absorbed";
import { emptyAbsorbed, totalAbsorbed } from "./absorbed";
import { propagateStep, stepWork } from "./stepRelevance";

/** One backward pass: from relevance on y(t_outputIndex) to y0, step by step; plain arrays. */
export interface LrpBackward {
  /** (N + 1) × dim: the relevance held by y_n (zero after the output). */
  stateRelevance: number[][];
  /** outputIndex × stages: relevance entering k_i at stage i of step n. */
  fieldRelevance: number[][];
  /** Per state component: relevance the field hands to its inputs, summed over every use. */
  fieldInputRelevance: number[];
  networkRelevancePerStep: number[];
  knownRelevancePerStep: number[];
  absorbed: LrpAbsorbed;
}

export function relevanceBack(setup: LrpSetup, outputIndex: number, rOut: Float64Array): LrpBackward {
  const { field, kernel, tableau, record } = setup;
  const dim = field.dim;
  const s = tableau.stages;
  const absorbed = emptyAbsorbed();
  const stateRelevance = record.times.map(() => new Array<number>(dim).fill(0));
  stateRelevance[outputIndex] = Array.from(rOut);
  const fieldRelevance: number[][] = [];
  const networkRelevancePerStep: number[] = [];
  const knownRelevancePerStep: number[] = [];
  const fieldInput = new Float64Array(dim);
  const work = stepWork(dim, s);
  work.ry.set(rOut);
  for (let n = outputIndex - 1; n >= 0; n--) {
    propagateStep(field, kernel, tableau, record, n, work, fieldInput, absorbed, setup.sumEpsilon, setup.knownEpsilon);
    work.ry.set(work.rPrev);
    stateRelevance[n] = Array.from(work.rPrev);
    fieldRelevance[n] = Array.from(work.fieldStage);
    networkRelevancePerStep[n] = work.network;
    knownRelevancePerStep[n] = work.known;
  }
  totalAbsorbed(absorbed);
  return {
    stateRelevance,
    fieldRelevance,
    fieldInputRelevance: Array.from(fieldInput),
    networkRelevancePerStep,
    knownRelevancePerStep,
    absorbed,
  };
}

export function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

/** |gap| / max(|total|, the smallest normal float64). */
export function relativeOf(gap: number, total: number): number {
  return Math.abs(gap) / Math.max(Math.abs(total), 2.2250738585072014e-308);
}
