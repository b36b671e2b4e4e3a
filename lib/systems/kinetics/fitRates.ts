import { luFactor, luSolve } from "../../ode/linalg/lu";
import type { ReactionNetwork } from "./network";
import { rateSensitivities } from "./sensitivity";
import { KineticsSolveError } from "./errors";
import { checkRateFitOptions } from "./fitRateOptions";
import type { RateFitOptions } from "./fitRateOptions";
import { identifiability } from "./identifiability";
import type { Unidentifiable } from "./identifiability";

export type { RateFitOptions } from "./fitRateOptions";

export interface RateFitResult {
  rates: Record<string, number>;
  network: ReactionNetwork;
  /** ½ Σ r² of the scaled residuals: the start, then one entry per accepted iteration. */
  costHistory: number[];
  /** Levenberg–Marquardt iterations performed, i.e. accepted steps (= costHistory.length − 1). */
  iterations: number;
  /** Model solves (with sensitivities), rejected trials included. */
  evaluations: number;
  converged: boolean;
  /**
   * Standard errors of ln k from the Gauss–Newton covariance s²(JᵀJ)⁻¹, s² = Σr²/(N − p); a
   * constant that ended at one of its bounds has none (the covariance does not apply there).
   */
  logStdErrors: Record<string, number>;
  /** Correlations of the ln k estimates, by name (constants at a bound left out). */
  correlation: Record<string, Record<string, number>>;
  /** Singular values of the column-scaled sensitivity matrix, largest first (1 … 0). */
  singularValues: number[];
  /** Fitted constants the data do not identify, each with the reason. */
  unidentifiable: Unidentifiable[];
  /** Fitted constants that ended at a bound (within 0.1 %). */
  atBound: string[];
  /** What happened, in words: convergence, and which constants to fix or bound if any. */
  message: string;
}

/**
 * Fits rate constants to concentration data by Levenberg–Marquardt (Marquardt 1963) in ln k
 * (keeps them positive, handles constants spanning decades), with the Jacobian of the residuals
 * from forward sensitivities rather than finite differences. Residuals are scaled per species
 * by the largest observed value, so trace species count as much as abundant ones. Bounds are
 * kept by projection, with a constant pinned at a bound left out of the step (active set).
 *
 * At the end it tells whether the data identify each constant (./identifiability.ts: conditioning
 * of the sensitivity matrix, correlations and standard errors of the estimates) and names those
 * they do not in `unidentifiable` and `message`, with the advice to fix or bound them — a fit that
 * drifts along a direction the data cannot see (a fast equilibrium, where only kf/kb matters)
 * otherwise ends with huge rates and nothing to say why.
 */
export function fitRateConstants(net: ReactionNetwork, o: RateFitOptions): RateFitResult {
  const c = checkRateFitOptions(net, o);
  const { T, observed, fitIdx, names, lnLo, lnHi, maxIterations } = c;
  const p = fitIdx.length;
  const scale = observed.map((_, col) => Math.max(1e-300, ...o.data.y.map((row) => Math.abs(row[col]))));
  let logK = c.logK0.slice();
  const kVector = (lk: number[]) => {
    const k = Float64Array.from(net.k);
    fitIdx.forEach((j, q) => (k[j] = Math.exp(lk[q])));
    return k;
  };
  const tSpan: [number, number] = [o.data.t[0], o.data.t[T - 1]];
  let evaluations = 0;
  const evaluate = (lk: number[]) => {
    evaluations++;
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
      observed.forEach((i, col) => {
        r.push((sens.y[ti][i] - o.data.y[ti][col]) / scale[col]);
        Jr.push(fitIdx.map((j, q) => (sens.S[ti][i * m + j] * Math.exp(lk[q])) / scale[col]));
      });
    }
    return { r, Jr, cost: 0.5 * r.reduce((a, b) => a + b * b, 0) };
  };
  let current = evaluate(logK);
  const costHistory = [current.cost];
  let lambda = 1e-3;
  let converged = false;
  let iterations = 0;
  let stop = `stopped at maxIterations = ${maxIterations}`;
  const A = new Float64Array(p * p);
  const piv = new Int32Array(p);
  const JtJ = new Float64Array(p * p);
  const Jtr = new Float64Array(p);
  const active = new Array<boolean>(p);
  while (true) {
    JtJ.fill(0);
    Jtr.fill(0);
    current.Jr.forEach((row, k) => {
      for (let a = 0; a < p; a++) {
        Jtr[a] += row[a] * current.r[k];
        for (let b = 0; b < p; b++) JtJ[a * p + b] += row[a] * row[b];
      }
    });
    // A constant at a bound whose descent direction points out of it stays there this iteration.
    for (let q = 0; q < p; q++) active[q] = (logK[q] <= lnLo[q] && Jtr[q] > 0) || (logK[q] >= lnHi[q] && Jtr[q] < 0);
    const gradient = Math.max(0, ...Array.from(Jtr, (g, q) => (active[q] ? 0 : Math.abs(g))));
    // First-order optimality (the start may already be the optimum: then no iteration is taken).
    if (current.cost === 0 || gradient <= 1e-14) {
      converged = true;
      stop = "the gradient vanishes";
      break;
    }
    if (iterations >= maxIterations) break;
    let accepted = false;
    let stepMax = 0;
    for (let tries = 0; tries < 12 && !accepted; tries++) {
      A.set(JtJ);
      for (let a = 0; a < p; a++) A[a * p + a] += lambda * Math.max(JtJ[a * p + a], 1e-12);
      const rhs = Float64Array.from(Jtr, (v) => -v);
      for (let q = 0; q < p; q++)
        if (active[q]) {
          for (let b = 0; b < p; b++) A[q * p + b] = A[b * p + q] = 0;
          A[q * p + q] = 1;
          rhs[q] = 0;
        }
      if (luFactor(A, p, piv) !== 0) {
        lambda *= 4;
        continue;
      }
      const step = luSolve(A, p, piv, rhs);
      // Trust region in ln k: at most a factor e per iteration, so a poor start cannot jump
      // into a far basin (e.g. a rate so large that an intermediate never appears).
      const longest = Math.max(...step.map(Math.abs));
      if (longest > 1) for (let q = 0; q < p; q++) step[q] /= longest;
      const trial = logK.map((v, q) => Math.min(lnHi[q], Math.max(lnLo[q], v + step[q])));
      let next = null;
      // A trial whose rates leave the doubles (e^±700) or whose solve fails counts as rejected.
      if (trial.every((v) => Math.abs(v) < 700))
        try {
          next = evaluate(trial);
        } catch (e) {
          if (!(e instanceof KineticsSolveError)) throw e;
        }
      if (next !== null && next.cost < current.cost) {
        const rel = (current.cost - next.cost) / current.cost;
        stepMax = Math.max(...trial.map((v, q) => Math.abs(v - logK[q])));
        logK = trial;
        current = next;
        lambda = Math.max(lambda / 3, 1e-12);
        accepted = true;
        iterations++;
        costHistory.push(current.cost);
        o.onIteration?.({ iteration: iterations, cost: current.cost, rates: named(names, logK) });
        if (rel < 1e-10 || stepMax < 1e-9) {
          converged = true;
          stop = rel < 1e-10 ? "the cost decreased by less than 1e-10 (relative)" : "the step in ln k fell below 1e-9";
        }
      } else lambda *= 4;
    }
    if (!accepted) {
      // No decrease at any damping: a minimum if the gradient is negligible next to the cost.
      converged = gradient <= 1e-8 * Math.max(1, current.cost);
      stop = `no step decreased the cost (largest gradient component ${gradient.toExponential(2)})`;
      break;
    }
    if (converged) break;
  }
  // Pressed against a bound, a constant's steps shrink and the cost stops changing just short of
  // it; within 0.1 % it counts as at the bound (and, as if fixed there, leaves the analysis).
  const atBound = names.filter((_, q) => logK[q] - lnLo[q] <= 1e-3 || lnHi[q] - logK[q] <= 1e-3);
  const free = names.map((_, q) => q).filter((q) => !atBound.includes(names[q]));
  const analysis = identifiability(
    current.Jr.map((row) => free.map((q) => row[q])),
    current.cost,
    free.map((q) => names[q]),
    o.identifiability,
  );
  const logStdErrors: Record<string, number> = {};
  const correlation: Record<string, Record<string, number>> = {};
  free.forEach((q, a) => {
    logStdErrors[names[q]] = analysis.logStdErrors[a];
    correlation[names[q]] = {};
    free.forEach((q2, b) => (correlation[names[q]][names[q2]] = analysis.correlation[a][b]));
  });
  const rates = named(names, logK);
  return {
    rates,
    network: net.withRateVector(kVector(logK)),
    costHistory,
    iterations,
    evaluations,
    converged,
    logStdErrors,
    correlation,
    singularValues: analysis.singularValues,
    unidentifiable: analysis.unidentifiable,
    atBound,
    message: fitMessage(converged, iterations, stop, analysis.unidentifiable, atBound, rates),
  };
}

function named(names: string[], logK: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, q) => (out[name] = Math.exp(logK[q])));
  return out;
}

function fitMessage(
  converged: boolean,
  iterations: number,
  stop: string,
  unidentifiable: Unidentifiable[],
  atBound: string[],
  rates: Record<string, number>,
): string {
  const parts = [
    `${converged ? "Converged" : "Did not converge"} after ${iterations} iteration${iterations === 1 ? "" : "s"}: ${stop}.`,
  ];
  if (atBound.length > 0)
    parts.push(`At a bound: ${atBound.map((n) => `${n} = ${rates[n].toExponential(3)}`).join(", ")}.`);
  if (unidentifiable.length > 0) {
    const list = unidentifiable.map((u) => u.name).join(", ");
    parts.push(
      `The data do not identify ${list} — ${unidentifiable.map((u) => `${u.name}: ${u.reason}`).join(". ")}. ` +
        `Fix ${unidentifiable.length === 1 ? "it" : "them (or all but one of a correlated group)"} at known values ` +
        `(leave out of \`fit\`), bound ${unidentifiable.length === 1 ? "it" : "them"} (\`bounds\`), or add observations that separate them.`,
    );
  } else parts.push("The data identify every fitted constant.");
  return parts.join(" ");
}
