import type { Field64 } from "../sensitivity/field64";
import type { FusedGradient } from "./fusedAdjoint";
import type { NeuralMethod } from "./integrate";
import { neuralTableaus, newStepState } from "./integrate";
import { trajectoryLoss } from "../sensitivity/trajectoryLoss";
import { OdeArgumentError } from "../ode/errors";
import { NeuralSolveError } from "./errors";
import { checkFusedLossArgs, type FusedLossArgs } from "./fusedLossArgs";
import { selectInitialStep } from "../ode/initialStep";
import type { CountedRhs } from "../ode/types";

/** The shared loss arguments (FusedLossArgs: tolerances, `step` of the fixed-step methods — default one step per output interval —, maxSteps, loss, time weights) and the method. */
export interface FusedBackpropOptions extends FusedLossArgs {
  method?: NeuralMethod;
}

/** Stage inputs of the accepted steps, kept between calls so a training loop allocates once. */
interface Tape {
  stages: Float64Array[];
  /** The field's recorded activations at each stage input, when it supports recording. */
  records: Float64Array[];
  t: number[];
  h: number[];
}
const tapes = new WeakMap<Field64, Tape>();

/**
 * Loss and exact gradient of the *discretised* solve ("discretise-then-optimise", what
 * torchdiffeq's `odeint` + backprop computes), in float64 without tfjs: the same explicit
 * Runge–Kutta tableaus and float64 step control as `odeint` (steps land on every output time),
 * the stage inputs Y_i of each accepted step kept, then reverse mode through the steps with
 * the step sizes held constant (as diffrax's RecursiveCheckpointAdjoint does):
 *   k̄_i = h b_i ȳ_{n+1},  Ȳ_i = k̄_iᵀ ∂f/∂y(Y_i),  θ̄ += k̄_iᵀ ∂f/∂θ(Y_i),
 *   k̄_j += h a_ij Ȳ_i (j < i),  ȳ_n = ȳ_{n+1} + Σ_i Ȳ_i,
 * stages taken in reverse order. One vector–Jacobian product per stage that the solution uses
 * (6 for DOPRI5: its 7th, FSAL stage only estimates the error). Memory grows with the number
 * of steps (s·n floats per step), unlike the continuous adjoint of `fusedAdjointLoss`.
 */
export function fusedBackpropLoss(
  field: Field64,
  y0: Float64Array,
  t: number[],
  targets: Float64Array[],
  o: FusedBackpropOptions = {},
): FusedGradient {
  const method = o.method ?? "dopri5";
  const tab = Object.prototype.hasOwnProperty.call(neuralTableaus, method) ? neuralTableaus[method] : undefined;
  if (!tab)
    throw new OdeArgumentError(
      "method",
      `"${method}" has no discrete gradient here; use one of ${Object.keys(neuralTableaus).join(", ")}`,
    );
  const { rtol, atol, maxSteps } = checkFusedLossArgs(field, y0, t, targets, o);
  const n = y0.length;
  const s = tab.stages;
  const T = t.length;
  const fixed = tab.errorOrder === 0;
  let tape = tapes.get(field);
  if (tape === undefined || tape.stages[0]?.length !== n) {
    tape = { stages: [], records: [], t: [], h: [] };
    tapes.set(field, tape);
  }
  const slot = (m: number, i: number): Float64Array => {
    const idx = m * s + i;
    while (tape!.stages.length <= idx) tape!.stages.push(new Float64Array(n));
    return tape!.stages[idx];
  };
  const recordLength = field.forwardRecord && field.vjpRecorded ? (n / field.dim) * field.recordWidth! : 0;
  const recorded = recordLength > 0;
  const record = (m: number, i: number): Float64Array => {
    const idx = m * s + i;
    while (tape!.records.length <= idx) tape!.records.push(new Float64Array(recordLength));
    if (tape!.records[idx].length !== recordLength) tape!.records[idx] = new Float64Array(recordLength);
    return tape!.records[idx];
  };
  const evaluate = (tc: number, Y: Float64Array, out: Float64Array, m: number, i: number) => {
    if (recorded) field.forwardRecord!(tc, Y, out, record(m, i));
    else field.forward(tc, Y, out);
  };
  const k = Array.from({ length: s }, () => new Float64Array(n));
  let yNew = new Float64Array(n);
  let y = Float64Array.from(y0);
  const preds: Float64Array[] = [Float64Array.from(y0)];
  // Where each output came from: the accepted step and θ ∈ (0, 1] inside it (θ = 1: its end).
  const outStep: number[] = [-1];
  const outTheta: number[] = [0];
  // Adaptive methods with a continuous extension of their own stages (DOPRI5, Tsit5, BS3) step
  // freely and interpolate the outputs, as torchdiffeq does; the others land on every output.
  const P = tab.P;
  const interpolate = !fixed && tab.fsal && P !== undefined;
  let m = 0;
  let nfeForward = 0;
  let nreject = 0;
  let minStep = Infinity;
  let k0Valid = false;
  const hState = newStepState(tab, t);
  const controller = hState.controller;

  /** One attempt from (tc, y) with step h: stage inputs into the tape slot m, yNew, error norm. */
  const attempt = (tc: number, h: number): number => {
    const Y0 = slot(m, 0);
    Y0.set(y);
    if (!k0Valid) {
      evaluate(tc, Y0, k[0], m, 0);
      nfeForward++;
      k0Valid = tab.fsal;
    }
    for (let i = 1; i < s; i++) {
      const Yi = slot(m, i);
      const ai = tab.a[i];
      for (let c = 0; c < n; c++) {
        let acc = 0;
        for (let j = 0; j < i; j++) if (ai[j] !== 0) acc += ai[j] * k[j][c];
        Yi[c] = y[c] + h * acc;
      }
      evaluate(tc + tab.c[i] * h, Yi, k[i], m, i);
      nfeForward++;
    }
    let sum = 0;
    for (let c = 0; c < n; c++) {
      let acc = 0;
      for (let j = 0; j < s; j++) if (tab.b[j] !== 0) acc += tab.b[j] * k[j][c];
      yNew[c] = y[c] + h * acc;
      if (!fixed) {
        let e = 0;
        for (let j = 0; j < s && j < tab.e.length; j++) if (tab.e[j] !== 0) e += tab.e[j] * k[j][c];
        const r = (h * e) / (atol + rtol * Math.max(Math.abs(y[c]), Math.abs(yNew[c])));
        sum += r * r;
      }
    }
    return fixed ? 0 : Math.sqrt(sum / n);
  };
  let next = 1; // next output index
  const acceptStep = (tc: number, h: number, tEnd: number) => {
    tape!.t[m] = tc;
    tape!.h[m] = h;
    minStep = Math.min(minStep, Math.abs(h));
    if (interpolate) {
      for (; next < T && (t[next] - tEnd) * h <= 0; next++) {
        const atEnd = t[next] === tEnd;
        preds.push(atEnd ? Float64Array.from(yNew) : interpolateStages(P!, k, y, h, (t[next] - tc) / h, s, n));
        outStep.push(m);
        outTheta.push(atEnd ? 1 : (t[next] - tc) / h);
      }
    } else if (next < T && Math.abs(t[next] - tEnd) <= 1e-12 * Math.max(1, Math.abs(tEnd))) {
      preds.push(Float64Array.from(yNew));
      outStep.push(m);
      outTheta.push(1);
      next++;
    }
    m++;
    const previous = y;
    y = yNew;
    yNew = previous;
    if (tab.fsal) {
      k[0].set(k[s - 1]);
      if (recorded) record(m, 0).set(record(m - 1, s - 1));
    }
  };

  const t0 = t[0];
  const tLast = t[T - 1];
  const dir = Math.sign(tLast - t0);
  if (!fixed) {
    // First step by Hairer–Nørsett–Wanner's rule (one extra evaluation) rather than a fixed
    // fraction of the span: the tiny first steps otherwise cost several stages per window.
    evaluate(t0, y, k[0], 0, 0);
    nfeForward++;
    k0Valid = tab.fsal;
    const counted: CountedRhs = (tt, yy, out) => {
      field.forward(tt, yy, out);
      nfeForward++;
    };
    const span0 = Math.abs((interpolate ? tLast : t[1]) - t0);
    hState.h = selectInitialStep(
      counted,
      t0,
      y,
      k[0],
      dir,
      tab.errorOrder,
      rtol,
      new Float64Array(n).fill(atol),
      span0,
      span0,
      new Float64Array(n),
      new Float64Array(n),
    );
  }
  for (let iv = 1; iv < T && next < T; iv++) {
    // Interpolating methods run one solve to t_last; the others one per output interval.
    const a0 = interpolate ? t0 : t[iv - 1];
    const a1 = interpolate ? tLast : t[iv];
    const span = Math.abs(a1 - a0);
    if (fixed) {
      const steps = Math.max(1, Math.ceil(span / (o.step && o.step > 0 ? o.step : span) - 1e-9));
      const h = (a1 - a0) / steps;
      for (let q = 0; q < steps; q++) {
        k0Valid = false;
        attempt(a0 + q * h, h);
        acceptStep(a0 + q * h, h, q + 1 === steps ? a1 : a0 + (q + 1) * h);
      }
      continue;
    }
    let tc = a0;
    let tries = 0;
    for (;;) {
      if (++tries > maxSteps)
        throw new NeuralSolveError(
          "maxSteps",
          tc,
          `fused backprop: maximum number of steps (${maxSteps}) reached at t=${tc}`,
        );
      let h = Math.min(hState.h, span) * dir;
      if ((tc + h - a1) * dir > 0) h = a1 - tc;
      const err = attempt(tc, h);
      if (!Number.isFinite(err))
        throw new NeuralSolveError(
          "nonFinite",
          tc,
          `fused backprop: non-finite state or field output in the step from t=${tc} (h=${h})`,
        );
      const hAbs = Math.abs(h);
      if (err > 1) {
        nreject++;
        hState.h = hAbs * controller!.reject(err);
        if (hState.h < 10 * Number.EPSILON * Math.max(1, Math.abs(tc)))
          throw new NeuralSolveError(
            "stepSizeUnderflow",
            tc,
            `fused backprop: step size underflow at t=${tc}; the field may be stiff`,
          );
        continue;
      }
      const landed = (tc + h - a1) * dir >= 0 || Math.abs(tc + h - a1) <= 1e-12 * Math.max(1, Math.abs(a1));
      const tEnd = landed ? a1 : tc + h;
      acceptStep(tc, h, tEnd);
      tc = tEnd;
      hState.h = hAbs * controller!.accept(err);
      if (landed) break;
    }
  }
  // An internal consistency check (every output time is passed exactly once), not an input error.
  if (preds.length !== T)
    throw new NeuralSolveError("outputs", t[T - 1], `fused backprop: produced ${preds.length} of ${T} outputs`);

  const { loss, dLdy } = trajectoryLoss(preds, targets, o.timeWeights ?? t.map(() => 1), o.loss ?? "mae");

  // Reverse sweep. A stage is needed if the solution (or, in steps with interpolated outputs,
  // the continuous extension) or a needed later stage uses it.
  const neededFor = (dense: boolean): boolean[] => {
    const need = new Array<boolean>(s).fill(false);
    for (let i = s - 1; i >= 0; i--) {
      need[i] =
        tab.b[i] !== 0 ||
        (dense && P!.some((row, r) => row.some((v) => v !== 0) && (r === i || (r === s && i === s - 1))));
      for (let j = i + 1; j < s; j++) if (need[j] && tab.a[j][i] !== 0) need[i] = true;
    }
    return need;
  };
  const needed = neededFor(false);
  const neededDense = interpolate ? neededFor(true) : needed;
  const nP = field.parameters.length;
  const grads = new Float64Array(nP);
  const yBar = new Float64Array(n);
  const kBar = k; // forward stage values are no longer needed
  const gY = new Float64Array(n);
  const fScratch = new Float64Array(n);
  const wDense = new Float64Array(s);
  let nfeBackward = 0;
  let oi = T - 1;
  for (let q = m - 1; q >= 0; q--) {
    const h = tape.h[q];
    const tc = tape.t[q];
    // Outputs at the end of step q belong to ȳ_{n+1}.
    for (; oi >= 1 && outStep[oi] === q && outTheta[oi] === 1; oi--) for (let c = 0; c < n; c++) yBar[c] += dLdy[oi][c];
    for (let i = 0; i < s; i++) for (let c = 0; c < n; c++) kBar[i][c] = h * tab.b[i] * yBar[c];
    // Interpolated outputs y_n + h Σ_i w_i(θ) k_i inside step q.
    let dense = false;
    for (; oi >= 1 && outStep[oi] === q; oi--) {
      dense = true;
      denseWeights(P!, outTheta[oi], s, wDense);
      const g = dLdy[oi];
      for (let i = 0; i < s; i++) {
        const w = h * wDense[i];
        if (w !== 0) for (let c = 0; c < n; c++) kBar[i][c] += w * g[c];
      }
      for (let c = 0; c < n; c++) yBar[c] += g[c];
    }
    const need = dense ? neededDense : needed;
    for (let i = s - 1; i >= 0; i--) {
      if (!need[i]) continue;
      if (recorded) field.vjpRecorded!(tc + tab.c[i] * h, slot(q, i), record(q, i), kBar[i], gY, grads, 1);
      else field.vjp(tc + tab.c[i] * h, slot(q, i), kBar[i], fScratch, gY, grads, 1);
      nfeBackward++;
      for (let c = 0; c < n; c++) yBar[c] += gY[c];
      const ai = tab.a[i];
      for (let j = 0; j < i; j++) {
        const w = h * ai[j];
        if (w !== 0) for (let c = 0; c < n; c++) kBar[j][c] += w * gY[c];
      }
    }
  }
  for (let c = 0; c < n; c++) yBar[c] += dLdy[0][c];
  return {
    loss,
    grads,
    gradY0: yBar,
    nfeForward,
    nfeBackward,
    naccept: m,
    nreject,
    minStep,
  };
}

/**
 * Weights w_i(θ) = Σ_j P_ij θ^(j+1) of the continuous extension y_n + h Σ_i w_i k_i (HNW I,
 * eq. II.6.8); the row for f(t + h, y_new) folds into the last stage of an FSAL method.
 */
function denseWeights(P: number[][], theta: number, s: number, w: Float64Array): void {
  for (let i = 0; i <= s && i < P.length; i++) {
    let acc = 0;
    for (let j = P[i].length - 1; j >= 0; j--) acc = (acc + P[i][j]) * theta;
    if (i < s) w[i] = acc;
    else w[s - 1] += acc;
  }
}

/** The continuous extension at θ from the accepted step's stages (a new array: one per output). */
function interpolateStages(
  P: number[][],
  k: Float64Array[],
  y: Float64Array,
  h: number,
  theta: number,
  s: number,
  n: number,
): Float64Array {
  const w = new Float64Array(s);
  denseWeights(P, theta, s, w);
  const out = Float64Array.from(y);
  for (let i = 0; i < s; i++) {
    const c = h * w[i];
    if (c !== 0) for (let m = 0; m < n; m++) out[m] += c * k[i][m];
  }
  return out;
}
