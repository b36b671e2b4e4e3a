import type { CountedRhs } from "../types";
import type { ExplicitTableau } from "../tableaus/tableau";
import { rootMean, scaleAt, scaledSquare } from "../errorNorm";

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
  // The error norm: ../errorNorm.ts's scale and scaled square per component, in this loop.
  if (tableau.errorOrder === 0) {
    lines.push("return 0;");
  } else if (tableau.dop853 !== undefined) {
    // dop853.f: err = |h| err5² / sqrt(n (err5² + 0.01 err3²)), err5 and err3 the weighted sums of
    // squares of the 5th- and 3rd-order estimates — a different formula from the one-estimate norm,
    // built from the same terms. A zero-scale component counts in each sum by its own estimate
    // (ZERO_SCALE_SQUARE only where that estimate is nonzero), the limit of the formula as s → 0.
    lines.push(
      "let sum5 = 0, sum3 = 0;",
      "for (let m = 0; m < nNorm; m++) {",
      "  const sc = scaleAt(atol, rtol, y, yNew, m);",
      `  sum5 += scaledSquare(1, ${weighted(tableau.dop853.e5, rows)}, sc);`,
      `  sum3 += scaledSquare(1, ${weighted(tableau.dop853.e3, rows)}, sc);`,
      "}",
      "if (sum5 === 0 && sum3 === 0) return 0;",
      "return (Math.abs(h) * sum5) / Math.sqrt(nNorm * (sum5 + 0.01 * sum3));",
    );
  } else {
    // Weighted RMS norm of h·Σ_j e_j k_j (Hairer–Nørsett–Wanner I, eq. II.4.11).
    lines.push(
      "let sum = 0;",
      "for (let m = 0; m < nNorm; m++) {",
      `  sum += scaledSquare(h, ${weighted(tableau.e, rows)}, scaleAt(atol, rtol, y, yNew, m));`,
      "}",
      "return rootMean(sum, nNorm);",
    );
  }
  // The body is wrapped in a factory so it can call the norm's functions.
  const factory = new Function(
    "scaleAt",
    "scaledSquare",
    "rootMean",
    `return function attempt(f, t, h, n, y, yNew, yStage, yStiff, k, atol, rtol, nNorm) {\n${lines.join("\n")}\n};`,
  ) as (...norm: [typeof scaleAt, typeof scaledSquare, typeof rootMean]) => StepKernel;
  const kernel = factory(scaleAt, scaledSquare, rootMean);
  cache.set(tableau, kernel);
  return kernel;
}
