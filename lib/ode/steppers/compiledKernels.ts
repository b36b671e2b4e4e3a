import type { CountedRhs } from "../types";
import type { ExplicitTableau } from "../tableaus/tableau";
import { dop853Extras } from "../tableaus/dormandPrince853";

/**
 * One Runge–Kutta attempt, specialised to a tableau: stages 2..s, y_new, and the scaled
 * error norm (0 for fixed-step methods). The engine stays generic — methods are data — but
 * this kernel is generated once per tableau with the coefficients as literals, zero weights
 * dropped and each stage's view held in a local, so V8 compiles it like hand-written
 * dopri5.f-style code: measured about 2× faster per step than the same loops reading the
 * coefficients from arrays (bench/solvers.md). Literals print with `String(number)`, which
 * round-trips exactly.
 */
export type StepKernel = (
  f: CountedRhs,
  t: number,
  h: number,
  n: number,
  y: Float64Array,
  yNew: Float64Array,
  yStage: Float64Array,
  /** Copy of the input of the stiffness-test stage, or null. */
  yStiff: Float64Array | null,
  k: Float64Array[],
  atol: Float64Array,
  rtol: Float64Array,
  /** Components counted in the error norm (the first ones). */
  nNorm: number,
) => number;

const cache = new WeakMap<ExplicitTableau, StepKernel>();

function weighted(weights: ArrayLike<number>, count: number): string {
  const terms: string[] = [];
  for (let j = 0; j < Math.min(count, weights.length); j++) {
    const w = weights[j];
    if (w !== 0) terms.push(`${String(w)} * k${j}[m]`);
  }
  return terms.length === 0 ? "0" : terms.join(" + ");
}

export function stepKernel(tableau: ExplicitTableau): StepKernel {
  const cached = cache.get(tableau);
  if (cached) return cached;
  const s = tableau.stages;
  const rows = s + 1;
  const lines: string[] = [];
  for (let j = 0; j < rows; j++) lines.push(`const k${j} = k[${j}];`);
  for (let i = 1; i < s; i++) {
    const target = tableau.fsal && i === s - 1 ? "yNew" : "yStage";
    lines.push(`for (let m = 0; m < n; m++) ${target}[m] = y[m] + h * (${weighted(tableau.a[i], i)});`);
    if (i === tableau.stiffnessStage) lines.push(`if (yStiff !== null) yStiff.set(${target});`);
    lines.push(`f(t + ${String(tableau.c[i])} * h, ${target}, k${i});`);
  }
  if (!tableau.fsal) lines.push(`for (let m = 0; m < n; m++) yNew[m] = y[m] + h * (${weighted(tableau.b, s)});`);
  const scale = "atol[m] + rtol[m] * Math.max(Math.abs(y[m]), Math.abs(yNew[m]))";
  // A zero scale (atol 0 and y exactly 0) makes any nonzero error a rejection, as scipy's
  // error / scale = inf does; 1e300 keeps the norm finite so it reads as a large error, not as NaN.
  const zeroScale = "1e300";
  if (tableau.errorOrder === 0) {
    lines.push("return 0;");
  } else if (tableau.name === "DOP853") {
    // dop853.f: err = |h| err5² / sqrt(n (err5² + 0.01 err3²)) with err5, err3 the two estimates.
    lines.push(
      "let sum5 = 0, sum3 = 0;",
      "for (let m = 0; m < nNorm; m++) {",
      `  const sc = ${scale};`,
      `  const d5 = ${weighted(dop853Extras.e5, rows)};`,
      `  const d3 = ${weighted(dop853Extras.e3, rows)};`,
      "  if (sc > 0) { const e5 = d5 / sc, e3 = d3 / sc; sum5 += e5 * e5; sum3 += e3 * e3; }",
      `  else if (d5 !== 0 || d3 !== 0) { sum5 += ${zeroScale}; sum3 += ${zeroScale}; }`,
      "}",
      "if (sum5 === 0 && sum3 === 0) return 0;",
      "return (Math.abs(h) * sum5) / Math.sqrt(nNorm * (sum5 + 0.01 * sum3));",
    );
  } else {
    // Weighted RMS norm, Hairer–Nørsett–Wanner I, eq. II.4.11.
    lines.push(
      "let sum = 0;",
      "for (let m = 0; m < nNorm; m++) {",
      `  const sc = ${scale};`,
      `  const d = h * (${weighted(tableau.e, rows)});`,
      "  if (sc > 0) { const e = d / sc; sum += e * e; }",
      `  else if (d !== 0) sum += ${zeroScale};`,
      "}",
      "return Math.sqrt(sum / nNorm);",
    );
  }
  const kernel = new Function(
    "f",
    "t",
    "h",
    "n",
    "y",
    "yNew",
    "yStage",
    "yStiff",
    "k",
    "atol",
    "rtol",
    "nNorm",
    lines.join("\n"),
  ) as StepKernel;
  cache.set(tableau, kernel);
  return kernel;
}
