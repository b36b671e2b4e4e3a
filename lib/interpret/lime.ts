import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { mulberry32, normalGenerator } from "../random/index";
import { checkSeed, perInput, positiveInteger } from "./options";
import { weightedLeastSquares } from "./weightedLeastSquares";

export interface LimeOptions {
  /** Standard deviation of the Gaussian perturbations per feature (one number or one per feature); also the unit of the standardized features. */
  width: number | ArrayLike<number>;
  /** Perturbed samples, x0 itself the first (default 1000; LIME's is 5000). */
  samples?: number;
  /** Features K the surrogate keeps, chosen by forward selection (default min(d, 10), LIME's num_features). */
  features?: number;
  /** Kernel width in standardized units (default LIME's 0.75·√d). */
  kernelWidth?: number;
  /** Seed of the perturbations (lib/random); default 0. */
  seed?: number;
}

export interface LimeResult {
  /** f(x0). */
  value: number;
  /** The surrogate at x0. */
  intercept: number;
  /** Per unit of each feature (∂f/∂x_i if f is locally linear); 0 for features not selected. */
  coefficients: Float64Array;
  /** Per unit of width (LIME's explanation weights on standardized features); 0 where not selected. */
  standardizedCoefficients: Float64Array;
  /** The features kept, in the order forward selection added them. */
  selected: number[];
  /** Weighted R² of the surrogate on the samples: its local fidelity. */
  r2: number;
  kernelWidth: number;
  width: Float64Array;
  samples: number;
  seed: number;
}

/** Evaluates a batch of points (n × d row-major) into values (n). */
export type BatchEvaluator = (X: Float64Array, n: number) => Float64Array;

/**
 * LIME for a black-box scalar function of a vector (Ribeiro, Singh & Guestrin 2016, "Why Should
 * I Trust You?", KDD, arXiv:1602.04938, eq. 1; tabular defaults of the reference implementation
 * lime/lime_tabular.py): samples x = x0 + width ⊙ z, z ~ N(0, I) seeded (the first sample is x0),
 * weights π(z) = √exp(−‖z‖²/kw²) on the standardized distance, K features by forward selection
 * (greedy: each step adds the feature that most raises the weighted R², LIME's
 * "forward_selection"), then weighted least squares with an intercept on those K (LIME fits a
 * ridge with α = 1; plain least squares here, so a linear f is recovered exactly). Its weighted
 * R² is the local fidelity.
 */
export function lime(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: LimeOptions): LimeResult {
  if (typeof f !== "function")
    throw new OdeTypeError("f", `expected a function (x) => number, got ${describeValue(f)}`);
  const x = checkPoint(x0);
  const d = x.length;
  return limeBatched(
    (X, n) => {
      const out = new Float64Array(n);
      for (let s = 0; s < n; s++) out[s] = f(X.slice(s * d, (s + 1) * d));
      return out;
    },
    x,
    options,
  );
}

function checkPoint(x0: ArrayLike<number>): Float64Array {
  if (!(Array.isArray(x0) || (ArrayBuffer.isView(x0) && !(x0 instanceof DataView))))
    throw new OdeTypeError("x0", `expected an array of numbers, got ${describeValue(x0)}`);
  const x = Float64Array.from(x0 as ArrayLike<number>);
  if (x.length === 0) throw new OdeArgumentError("x0", "is empty");
  x.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new OdeArgumentError("x0", `entry ${i} is ${v}; must be finite`);
  });
  return x;
}

/** LIME over a batch evaluator (limeSolve evaluates all samples in one batched solve). */
export function limeBatched(evaluate: BatchEvaluator, x0: ArrayLike<number>, options: LimeOptions): LimeResult {
  const x = checkPoint(x0);
  const d = x.length;
  if (options === null || typeof options !== "object")
    throw new OdeTypeError(
      "options",
      `expected { width, samples, features, kernelWidth, seed }, got ${describeValue(options)}`,
    );
  const width = perInput("options.width", options.width, d, "positive");
  const n = positiveInteger("options.samples", options.samples ?? 1000);
  const K = positiveInteger("options.features", options.features ?? Math.min(d, 10), d);
  if (n < K + 2)
    throw new OdeArgumentError("options.samples", `is ${n}; a surrogate of ${K} features needs at least ${K + 2}`);
  const kw = options.kernelWidth ?? 0.75 * Math.sqrt(d);
  if (typeof kw !== "number" || !(Number.isFinite(kw) && kw > 0))
    throw new OdeArgumentError("options.kernelWidth", `must be a finite number > 0, got ${describeValue(kw)}`);
  const seed = checkSeed("options.seed", options.seed ?? 0);
  const normal = normalGenerator(mulberry32(seed));
  const Z = new Float64Array(n * d);
  const X = new Float64Array(n * d);
  const w = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let r2 = 0;
    for (let i = 0; i < d; i++) {
      const z = s === 0 ? 0 : normal();
      Z[s * d + i] = z;
      X[s * d + i] = x[i] + width[i] * z;
      r2 += z * z;
    }
    w[s] = Math.sqrt(Math.exp(-r2 / (kw * kw)));
  }
  const y = evaluate(X, n);
  if (!(y instanceof Float64Array) || y.length !== n)
    throw new OdeArgumentError("f", `must give one value per sample (${n}), got ${describeValue(y)}`);
  y.forEach((v, s) => {
    if (!Number.isFinite(v))
      throw new OdeArgumentError(
        "f",
        `returned ${v} at sample ${s} (x = [${Array.from(X.subarray(s * d, (s + 1) * d)).join(", ")}])`,
      );
  });
  const selected: number[] = [];
  for (let k = 0; k < K; k++) {
    let best = -1;
    let bestR2 = -Infinity;
    for (let c = 0; c < d; c++) {
      if (selected.includes(c)) continue;
      const fit = weightedLeastSquares(Z, d, y, w, [...selected, c]);
      if (fit !== null && fit.r2 > bestR2) {
        bestR2 = fit.r2;
        best = c;
      }
    }
    if (best < 0) break;
    selected.push(best);
  }
  const fit = weightedLeastSquares(Z, d, y, w, selected);
  if (fit === null)
    throw new OdeArgumentError(
      "options.samples",
      `${n} samples give a rank-deficient design for features ${selected.join(", ")}`,
    );
  const standardizedCoefficients = new Float64Array(d);
  const coefficients = new Float64Array(d);
  selected.forEach((c, j) => {
    standardizedCoefficients[c] = fit.coefficients[j];
    coefficients[c] = fit.coefficients[j] / width[c];
  });
  return {
    value: y[0],
    intercept: fit.intercept,
    coefficients,
    standardizedCoefficients,
    selected,
    r2: fit.r2,
    kernelWidth: kw,
    width,
    samples: n,
    seed,
  };
}
