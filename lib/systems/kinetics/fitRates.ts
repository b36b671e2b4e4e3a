import type { MethodName } from "../../ode/types";
import { OdeArgumentError } from "../../ode/errors";
import { luFactor, luSolve } from "../../ode/linalg/lu";
import type { ReactionNetwork } from "./network";
import { rateSensitivities } from "./sensitivity";

export interface RateFitOptions {
  /** Observation times (first = start of the solve) and observed concentrations [T][observed]. */
  data: { t: number[]; y: number[][] };
  /** Species the data columns hold (default all, in network order). */
  observed?: string[];
  y0: ArrayLike<number>;
  /** Names of the rate constants to fit (others stay fixed). */
  fit: string[];
  /** Starting values for the fitted constants (default: the network's). */
  initial?: Record<string, number>;
  maxIterations?: number;
  method?: MethodName;
  rtol?: number;
  atol?: number;
  /** Called after each accepted Levenberg–Marquardt step. */
  onIteration?: (info: { iteration: number; cost: number; rates: Record<string, number> }) => void;
}

export interface RateFitResult {
  rates: Record<string, number>;
  network: ReactionNetwork;
  /** ½ Σ r² of the scaled residuals, per accepted iteration (first = initial). */
  costHistory: number[];
  iterations: number;
  converged: boolean;
  /** Approximate standard errors of log k from (JᵀJ)⁻¹ · cost/(dof). */
  logStdErrors: Record<string, number>;
}

/**
 * Fits rate constants to concentration data by Levenberg–Marquardt (Marquardt 1963) in log k
 * (keeps them positive, handles constants spanning decades), with the Jacobian of the residuals
 * from forward sensitivities rather than finite differences. Residuals are scaled per species
 * by the largest observed value, so trace species count as much as abundant ones.
 */
export function fitRateConstants(net: ReactionNetwork, o: RateFitOptions): RateFitResult {
  const observed = (o.observed ?? net.species).map((s) => net.indexOf(s));
  const T = o.data.t.length;
  if (o.data.y.length !== T) throw new OdeArgumentError("data", `has ${T} times but ${o.data.y.length} rows`);
  o.data.y.forEach((row, r) => {
    if (row.length !== observed.length)
      throw new OdeArgumentError(
        "data",
        `row ${r} has ${row.length} values, expected ${observed.length} (observed species)`,
      );
  });
  const fitIdx = o.fit.map((name) => {
    const j = net.rateNames.indexOf(name);
    if (j < 0) throw new OdeArgumentError("fit", `"${name}" is not a rate constant (${net.rateNames.join(", ")})`);
    return j;
  });
  const p = fitIdx.length;
  const scale = observed.map((_, c) => Math.max(1e-300, ...o.data.y.map((row) => Math.abs(row[c]))));
  let logK = fitIdx.map((j) => Math.log(o.initial?.[net.rateNames[j]] ?? net.k[j]));
  const kVector = (lk: number[]) => {
    const k = Float64Array.from(net.k);
    fitIdx.forEach((j, q) => (k[j] = Math.exp(lk[q])));
    return k;
  };
  const tSpan: [number, number] = [o.data.t[0], o.data.t[T - 1]];
  const evaluate = (lk: number[]) => {
    const model = net.withRateVector(kVector(lk));
    const sens = rateSensitivities(model, o.y0, tSpan, {
      tEval: o.data.t,
      method: o.method,
      rtol: o.rtol,
      atol: o.atol,
    });
    const r: number[] = [];
    const Jr: number[][] = [];
    const m = net.m;
    for (let ti = 0; ti < T; ti++) {
      observed.forEach((i, c) => {
        r.push((sens.y[ti][i] - o.data.y[ti][c]) / scale[c]);
        Jr.push(fitIdx.map((j, q) => (sens.S[ti][i * m + j] * Math.exp(lk[q])) / scale[c]));
      });
    }
    return { r, Jr, cost: 0.5 * r.reduce((a, b) => a + b * b, 0) };
  };
  let current = evaluate(logK);
  const costHistory = [current.cost];
  let lambda = 1e-3;
  let converged = false;
  let it = 0;
  const maxIt = o.maxIterations ?? 50;
  const A = new Float64Array(p * p);
  const piv = new Int32Array(p);
  for (it = 1; it <= maxIt; it++) {
    const JtJ = new Float64Array(p * p);
    const Jtr = new Float64Array(p);
    current.Jr.forEach((row, k) => {
      for (let a = 0; a < p; a++) {
        Jtr[a] += row[a] * current.r[k];
        for (let b = 0; b < p; b++) JtJ[a * p + b] += row[a] * row[b];
      }
    });
    let accepted = false;
    for (let tries = 0; tries < 12 && !accepted; tries++) {
      A.set(JtJ);
      for (let a = 0; a < p; a++) A[a * p + a] += lambda * Math.max(JtJ[a * p + a], 1e-12);
      luFactor(A, p, piv);
      const step = luSolve(
        A,
        p,
        piv,
        Float64Array.from(Jtr, (v) => -v),
      );
      // Trust region in log k: at most a factor e per iteration, so a poor start cannot jump
      // into a far basin (e.g. a rate so large that an intermediate never appears).
      const longest = Math.max(...step.map(Math.abs));
      if (longest > 1) for (let q = 0; q < p; q++) step[q] /= longest;
      const trial = logK.map((v, q) => v + step[q]);
      let next;
      try {
        next = evaluate(trial);
      } catch {
        next = null; // a step into a region where the solve fails counts as a rejected step
      }
      if (next !== null && next.cost < current.cost) {
        const rel = (current.cost - next.cost) / Math.max(current.cost, 1e-300);
        logK = trial;
        current = next;
        lambda = Math.max(lambda / 3, 1e-12);
        accepted = true;
        costHistory.push(current.cost);
        o.onIteration?.({ iteration: it, cost: current.cost, rates: named(net, fitIdx, logK) });
        if (rel < 1e-10 || Math.max(...step.map(Math.abs)) < 1e-9) converged = true;
      } else lambda *= 4;
    }
    if (!accepted) {
      // No decrease at any damping: a minimum if the gradient is negligible there.
      converged = Math.hypot(...Jtr) <= 1e-8 * Math.max(1, current.cost);
      break;
    }
    if (converged) break;
  }
  // Standard errors from the Gauss–Newton covariance at the optimum.
  const JtJ = new Float64Array(p * p);
  current.Jr.forEach((row) => {
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) JtJ[a * p + b] += row[a] * row[b];
  });
  const dof = Math.max(1, current.r.length - p);
  const sigma2 = (2 * current.cost) / dof;
  luFactor(JtJ, p, piv);
  const logStdErrors: Record<string, number> = {};
  fitIdx.forEach((j, q) => {
    const e = new Float64Array(p);
    e[q] = 1;
    logStdErrors[net.rateNames[j]] = Math.sqrt(Math.abs(luSolve(JtJ, p, piv, e)[q] * sigma2));
  });
  return {
    rates: named(net, fitIdx, logK),
    network: net.withRateVector(kVector(logK)),
    costHistory,
    iterations: it,
    converged,
    logStdErrors,
  };
}

function named(net: ReactionNetwork, fitIdx: number[], logK: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  fitIdx.forEach((j, q) => (out[net.rateNames[j]] = Math.exp(logK[q])));
  return out;
}
