import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/**
 * Eigen-pairs of the symmetric r × r matrix M (row-major), largest first, eigenvectors as the
 * columns of the row-major `vectors`: ml-matrix's symmetric path (Householder tridiagonalisation
 * + implicit QL, JAMA's tred2/tql2), accurate to ≈ ε·‖M‖ — the scale of the rank tolerance below.
 */
function symmetricEigenpairs(M: Float64Array, r: number): { values: Float64Array; vectors: Float64Array } {
  if (r === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  const rowsOf = Array.from({ length: r }, (_, i) => Array.from(M.subarray(i * r, (i + 1) * r)));
  const e = new EigenvalueDecomposition(new Matrix(rowsOf), { assumeSymmetric: true });
  const ascending = e.realEigenvalues;
  const V = e.eigenvectorMatrix;
  const order = ascending.map((_, i) => i).sort((a, b) => ascending[b] - ascending[a]);
  const values = Float64Array.from(order, (i) => ascending[i]);
  const vectors = new Float64Array(r * r);
  for (let row = 0; row < r; row++) order.forEach((i, col) => (vectors[row * r + col] = V.get(row, i)));
  return { values, vectors };
}

/** A fitted constant the data do not determine, and why. */
export interface Unidentifiable {
  name: string;
  /** Every test it failed, joined by "; " (sensitivity, near-null direction, correlation, error). */
  reason: string;
}

export interface IdentifiabilityOptions {
  /** |correlation| of two ln k estimates above which both are named (default 0.99). */
  maxCorrelation?: number;
  /** Standard error of ln k above which a constant is named (default 1: not known to a factor e). */
  maxLogStdError?: number;
  /** σ/σ_max of the column-scaled sensitivity matrix below which a direction counts as null (default 1e-6). */
  minSingularRatio?: number;
}

export interface Identifiability {
  /** Standard errors of ln k from the Gauss–Newton covariance s²(JᵀJ)⁻¹, s² = Σr²/(N − p). */
  logStdErrors: number[];
  /** Correlation matrix of the ln k estimates (p × p, rows in fit order). */
  correlation: number[][];
  /** Singular values of the sensitivity matrix with unit-norm columns, largest first (1 … 0). */
  singularValues: number[];
  unidentifiable: Unidentifiable[];
}

const fmt = (v: number) =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(3);

/**
 * Practical identifiability of least-squares parameters from the residual Jacobian J = ∂r/∂ln k
 * at the optimum (Bates & Watts, Nonlinear Regression Analysis, 1988, Sec. 2.3; for kinetics,
 * Brun, Reichert & Künsch 2001, Water Resour. Res. 37, 1015): the columns are scaled to unit norm
 * so the singular values measure collinearity alone; a direction with σ/σ_max below
 * `minSingularRatio` changes the model output by almost nothing, so the constants that load on it
 * (|v_q| ≥ 0.1) are named with the combination, as are constants whose estimates correlate beyond
 * `maxCorrelation` or whose ln k standard error exceeds `maxLogStdError`. Directions null to
 * working precision (λ ≤ 4pε·λ_max in JᵀJ) leave the pseudo-inverse, and the constants on them get
 * an infinite standard error.
 *
 * `rows`: the N residual rows of J (each of length p); `cost` = ½ Σ r².
 */
export function identifiability(
  rows: ArrayLike<number>[],
  cost: number,
  names: string[],
  o: IdentifiabilityOptions = {},
): Identifiability {
  const p = names.length;
  const maxCorr = o.maxCorrelation ?? 0.99;
  const maxSe = o.maxLogStdError ?? 1;
  const minRatio = o.minSingularRatio ?? 1e-6;
  const JtJ = new Float64Array(p * p);
  for (const row of rows) {
    if (row.length !== p) throw new RangeError(`invalid argument rows: a row has length ${row.length}, expected ${p}`);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) JtJ[a * p + b] += row[a] * row[b];
  }
  const norms = Array.from({ length: p }, (_, q) => Math.sqrt(JtJ[q * p + q]));
  const largest = Math.max(0, ...norms);
  const dead = norms.map((d) => !(d > 1e-12 * largest));
  // Eigen-decomposition of the scaled JᵀJ over the live columns (unit diagonal), mapped back to p.
  const live = names.map((_, q) => q).filter((q) => !dead[q]);
  const r = live.length;
  const M = new Float64Array(r * r);
  live.forEach((a, i) => live.forEach((b, j) => (M[i * r + j] = JtJ[a * p + b] / (norms[a] * norms[b]))));
  const eig = symmetricEigenpairs(M, r);
  const values = eig.values;
  const v = (q: number, i: number) => (dead[q] ? 0 : eig.vectors[live.indexOf(q) * r + i]);
  const lambdaMax = Math.max(values[0] ?? 0, Number.MIN_VALUE);
  const singularValues = [
    ...Array.from(values, (l) => Math.sqrt(Math.max(l, 0) / lambdaMax)),
    ...names.filter((_, q) => dead[q]).map(() => 0),
  ];
  // Eigenvalues of JᵀJ are known to ≈ ε·λ_max: below a few times that a direction is null to
  // working precision and is left out of the pseudo-inverse (Golub & Van Loan Sec. 5.5.4); the
  // constants loading on it get an infinite standard error.
  const rankTol = 4 * r * Number.EPSILON * lambdaMax;
  const nullDirs = Array.from(values, (l, i) => i).filter((i) => values[i] <= rankTol);
  const inNull = names.map((_, q) => !dead[q] && nullDirs.some((i) => Math.abs(v(q, i)) >= 0.1));
  const P = new Float64Array(p * p); // scaled pseudo-covariance; covariance of ln k = s² D⁻¹ P D⁻¹
  for (let i = 0; i < r; i++) {
    if (values[i] <= rankTol) continue;
    for (const a of live) for (const b of live) P[a * p + b] += (v(a, i) * v(b, i)) / values[i];
  }
  const s2 = (2 * cost) / Math.max(1, rows.length - p);
  const logStdErrors = names.map((_, q) =>
    dead[q] || inNull[q] ? Infinity : Math.sqrt((s2 * P[q * p + q]) / (norms[q] * norms[q])),
  );
  // Between two constants on null directions: the limit of the correlation as those λ → 0 together.
  const nullCorr = (a: number, b: number) => {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (const i of nullDirs) {
      ab += v(a, i) * v(b, i);
      aa += v(a, i) ** 2;
      bb += v(b, i) ** 2;
    }
    return ab / Math.sqrt(aa * bb);
  };
  const correlation = names.map((_, a) =>
    names.map((__, b) => {
      if (a === b) return 1;
      if (dead[a] || dead[b] || inNull[a] !== inNull[b]) return 0;
      return inNull[a] ? nullCorr(a, b) : P[a * p + b] / Math.sqrt(P[a * p + a] * P[b * p + b]);
    }),
  );
  const reasons: string[][] = names.map(() => []);
  names.forEach((_, q) => {
    if (dead[q]) reasons[q].push("the observations do not depend on it (sensitivity ≈ 0)");
  });
  // Each constant is named with the weakest near-null direction it loads on (the last one found).
  const weakest: string[] = names.map(() => "");
  for (let i = 0; i < r; i++) {
    if (!(singularValues[i] < minRatio)) continue;
    const loads = names.map((_, q) => v(q, i));
    const sign = loads.find((x) => Math.abs(x) >= 0.1)! < 0 ? -1 : 1;
    const combo = names
      .map((n, q) =>
        Math.abs(loads[q]) >= 0.1 ? `${sign * loads[q] >= 0 ? "+" : "−"}${Math.abs(loads[q]).toFixed(2)}·ln ${n}` : "",
      )
      .filter((x) => x)
      .join(" ");
    const size = values[i] <= rankTol ? "≈ 0, below rounding" : `${fmt(singularValues[i])} of 1`;
    names.forEach((_, q) => {
      if (Math.abs(loads[q]) >= 0.1) weakest[q] = `the output barely changes along ${combo} (singular value ${size})`;
    });
  }
  weakest.forEach((w, q) => w && reasons[q].push(w));
  names.forEach((_, a) => {
    const partners = names
      .map((n, b) =>
        b !== a && Math.abs(correlation[a][b]) > maxCorr ? `${n} (ρ = ${correlation[a][b].toFixed(5)})` : "",
      )
      .filter((s) => s);
    if (partners.length > 0) reasons[a].push(`its estimate is correlated with ${partners.join(", ")}`);
    if (!dead[a] && !inNull[a] && logStdErrors[a] > maxSe)
      reasons[a].push(`standard error of ln ${names[a]} is ${fmt(logStdErrors[a])} (> ${maxSe})`);
  });
  const unidentifiable = names
    .map((name, q) => ({ name, reason: reasons[q].join("; ") }))
    .filter((u) => u.reason.length > 0);
  return { logStdErrors, correlation, singularValues, unidentifiable };
}
