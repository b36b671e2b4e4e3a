import type { ExplicitTableau } from "../../ode/tableaus/tableau";
import type { LrpField } from "./field";
import type { DenseLrp } from "./denseKernel";
import type { SolveRecord } from "./record";
import type { LrpAbsorbed } from "./absorbed";
import { stabilize } from "./rules";

/** Work arrays of the backward pass, allocated once per solve (dim d, s stages). */
export interface StepWork {
  /** In: relevance at y_{n+1} (d). */
  ry: Float64Array;
  /** Out: relevance at y_n (d). */
  rPrev: Float64Array;
  /** Relevance at the stage derivatives k_1 … k_s (s·d). */
  rk: Float64Array;
  /** Relevance at one stage input Y_i (d), and the network's and known part's shares of k_i (d). */
  rY: Float64Array;
  rNet: Float64Array;
  rKnown: Float64Array;
  /** ∂known/∂y (d·d) and a stage input copy (d) for the known part. */
  jac: Float64Array;
  yStage: Float64Array;
  /** Out: Σ_m R(k_i,m) per stage (s), and the step's network and known shares. */
  fieldStage: Float64Array;
  network: number;
  known: number;
}

/** The work arrays for dim d and s stages, zeroed. */
export function stepWork(d: number, s: number): StepWork {
  return {
    ry: new Float64Array(d),
    rPrev: new Float64Array(d),
    rk: new Float64Array(s * d),
    rY: new Float64Array(d),
    rNet: new Float64Array(d),
    rKnown: new Float64Array(d),
    jac: new Float64Array(d * d),
    yStage: new Float64Array(d),
    fieldStage: new Float64Array(s),
    network: 0,
    known: 0,
  };
}

/**
 * Relevance from y_{n+1} back to y_n through step n (solve.ts explains the rules): the update's
 * sum, then stages s … 1: split k_i (hybrid), LRP through the network, gradient × input through
 * the known part, then the stage input's sum. Adds the field's input relevance into `fieldInput`.
 */
export function propagateStep(
  field: LrpField,
  kernel: DenseLrp,
  tableau: ExplicitTableau,
  rec: SolveRecord,
  n: number,
  w: StepWork,
  fieldInput: Float64Array,
  absorbed: LrpAbsorbed,
  sumEpsilon: number,
  knownEpsilon: number,
): void {
  const d = field.dim;
  const s = tableau.stages;
  const t = rec.times[n];
  const h = rec.times[n + 1] - t;
  const yo = n * d;
  const y = rec.states;
  const K = rec.derivatives;
  const { ry, rPrev, rk, rY } = w;
  rPrev.fill(0);
  rk.fill(0);
  w.network = 0;
  w.known = 0;
  // y_{n+1,m} = y_{n,m} + Σ_i (h b_i) k_{i,m}: the same sum, in the same order, as recordSolve.
  for (let m = 0; m < d; m++) {
    let z = y[yo + m];
    for (let i = 0; i < s; i++) z += h * tableau.b[i] * K[(n * s + i) * d + m];
    const den = stabilize(z, sumEpsilon);
    if (den === 0) {
      absorbed.dropped += ry[m];
      continue;
    }
    const sc = ry[m] / den;
    rPrev[m] += y[yo + m] * sc;
    for (let i = 0; i < s; i++) rk[i * d + m] += h * tableau.b[i] * K[(n * s + i) * d + m] * sc;
    absorbed.sums += (den - z) * sc;
  }
  for (let i = s - 1; i >= 0; i--) {
    const so = (n * s + i) * d;
    const ts = t + tableau.c[i] * h;
    let rIn = 0;
    for (let m = 0; m < d; m++) rIn += rk[i * d + m];
    w.fieldStage[i] = rIn;
    rY.fill(0);
    if (field.known === null) {
      kernel.forward(ts, rec.stageInputs, so);
      kernel.backward(rk, i * d, absorbed);
      for (let m = 0; m < d; m++) rY[m] = kernel.rs[0][m];
      w.network += rIn;
    } else hybridStage(field, kernel, rec, so, ts, rk, i * d, w, absorbed, sumEpsilon, knownEpsilon);
    for (let m = 0; m < d; m++) fieldInput[m] += rY[m];
    // Y_{i,m} = y_{n,m} + Σ_{j<i} (h a_ij) k_{j,m}; a stage without a_ij ≠ 0 is y_n itself.
    const row = tableau.a[i];
    if (!row.some((a) => a !== 0)) {
      for (let m = 0; m < d; m++) rPrev[m] += rY[m];
      continue;
    }
    for (let m = 0; m < d; m++) {
      let z = y[yo + m];
      for (let j = 0; j < row.length; j++) z += h * row[j] * K[(n * s + j) * d + m];
      const den = stabilize(z, sumEpsilon);
      if (den === 0) {
        absorbed.dropped += rY[m];
        continue;
      }
      const sc = rY[m] / den;
      rPrev[m] += y[yo + m] * sc;
      for (let j = 0; j < row.length; j++) rk[j * d + m] += h * row[j] * K[(n * s + j) * d + m] * sc;
      absorbed.sums += (den - z) * sc;
    }
  }
}

/**
 * A hybrid stage k = nn(Y) + known(Y): relevance splits over the two terms (ε on the sum); the
 * network's share goes through the network by LRP, the known share to Y by the z-rule on the
 * known part's linearisation, R(Y_j) = Σ_m J_mj Y_j / (Σ_j' J_mj' Y_j' ± ε) · R_known,m
 * (gradient × input, normalised per output). Writes w.rY.
 */
function hybridStage(
  field: LrpField,
  kernel: DenseLrp,
  rec: SolveRecord,
  so: number,
  ts: number,
  rk: Float64Array,
  ro: number,
  w: StepWork,
  absorbed: LrpAbsorbed,
  sumEpsilon: number,
  knownEpsilon: number,
): void {
  const d = field.dim;
  const { rNet, rKnown, rY, jac, yStage } = w;
  let net = 0;
  let known = 0;
  for (let m = 0; m < d; m++) {
    const a = rec.networkParts[so + m];
    const b = rec.knownParts[so + m];
    const z = a + b;
    const den = stabilize(z, sumEpsilon);
    if (den === 0) {
      absorbed.dropped += rk[ro + m];
      rNet[m] = 0;
      rKnown[m] = 0;
      continue;
    }
    const sc = rk[ro + m] / den;
    rNet[m] = a * sc;
    rKnown[m] = b * sc;
    net += rNet[m];
    known += rKnown[m];
    absorbed.sums += (den - z) * sc;
  }
  w.network += net;
  w.known += known;
  kernel.forward(ts, rec.stageInputs, so);
  kernel.backward(rNet, 0, absorbed);
  for (let m = 0; m < d; m++) rY[m] = kernel.rs[0][m];
  for (let m = 0; m < d; m++) yStage[m] = rec.stageInputs[so + m];
  field.known!.jacobian(ts, yStage, jac);
  for (let m = 0; m < d; m++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += jac[m * d + j] * yStage[j];
    const den = stabilize(z, knownEpsilon);
    if (den === 0) {
      absorbed.dropped += rKnown[m];
      continue;
    }
    const sc = rKnown[m] / den;
    for (let j = 0; j < d; j++) rY[j] += jac[m * d + j] * yStage[j] * sc;
    absorbed.known += (den - z) * sc;
  }
}
