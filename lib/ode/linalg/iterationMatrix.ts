import { luFactor, luSolve } from "./lu";
import { bandLuFactor, bandLuSolve, bandLuWidth } from "./bandLu";

/**
 * The Jacobian J of a stiff method and the LU of its iteration matrix d·I + c·J (Rodas5:
 * I/(hγ) − J; BDF: I − (h/α)J), dense or banded. `jac` holds J in the matrix's storage:
 * dense row-major, jac[i·n + j]; banded row-major, jac[i·(lower + upper + 1) + (j − i + lower)]
 * for the entries with −lower ≤ j − i ≤ upper. Work arrays are allocated once, here.
 */
export interface IterationMatrix {
  readonly n: number;
  /** Bandwidths of J (n − 1, n − 1 when dense). */
  readonly lower: number;
  readonly upper: number;
  readonly banded: boolean;
  readonly jac: Float64Array;
  /** Position of J_ij in `jac` (the caller keeps (i, j) inside the band). */
  index(i: number, j: number): number;
  /** Row and column of storage position p of `jac`. */
  entryAt(p: number): [number, number];
  /** LU of d·I + c·J; 0, or k + 1 when pivot k is zero or not finite. */
  factor(d: number, c: number): number;
  /** Solves (d·I + c·J) x = b in place with the last factorisation. */
  solve(b: Float64Array): Float64Array;
  /** ‖J‖∞, the largest absolute row sum. */
  normInf(): number;
  /** Zeroes storage that lies outside the matrix (a band's corners), whatever a user Jacobian wrote there. */
  clearPadding(): void;
}

export class DenseIterationMatrix implements IterationMatrix {
  readonly lower: number;
  readonly upper: number;
  readonly banded = false;
  readonly jac: Float64Array;
  private readonly lu: Float64Array;
  private readonly piv: Int32Array;
  constructor(readonly n: number) {
    this.lower = this.upper = Math.max(0, n - 1);
    this.jac = new Float64Array(n * n);
    this.lu = new Float64Array(n * n);
    this.piv = new Int32Array(n);
  }
  index(i: number, j: number): number {
    return i * this.n + j;
  }
  entryAt(p: number): [number, number] {
    return [Math.floor(p / this.n), p % this.n];
  }
  factor(d: number, c: number): number {
    const { n, jac, lu } = this;
    for (let i = 0; i < n * n; i++) lu[i] = c * jac[i];
    for (let i = 0; i < n; i++) lu[i * n + i] += d;
    return luFactor(lu, n, this.piv);
  }
  solve(b: Float64Array): Float64Array {
    return luSolve(this.lu, this.n, this.piv, b);
  }
  clearPadding(): void {}
  normInf(): number {
    return rowSumMax(this.jac, this.n, this.n);
  }
}

/**
 * What the plain and the periodic band share: J in rows of width lower + upper + 1 (entry at
 * offset k = j − i, or its cyclic offset, in slot k + lower), the LU of the non-wrapping band in
 * `bandLuFactor`'s padded rows, and ‖J‖∞ over the stored entries.
 */
abstract class BandStorage {
  readonly banded = true;
  readonly jac: Float64Array;
  protected readonly width: number;
  protected readonly luWidth: number;
  protected readonly lu: Float64Array;
  protected readonly piv: Int32Array;
  constructor(
    readonly n: number,
    readonly lower: number,
    readonly upper: number,
  ) {
    this.width = lower + upper + 1;
    this.luWidth = bandLuWidth(lower, upper);
    this.jac = new Float64Array(n * this.width);
    this.lu = new Float64Array(n * this.luWidth);
    this.piv = new Int32Array(n);
  }
  /**
   * LU of B = d·I + c·J restricted to the entries whose column lies in 0 … n − 1 (the whole
   * matrix of a plain band; without the wrapped corners of a periodic one). The slots outside
   * the matrix stay zero, as `bandLuFactor` needs for its fill-in and never reads otherwise.
   */
  protected factorBand(d: number, c: number): number {
    const { n, jac, lu, width, luWidth, lower, upper } = this;
    lu.fill(0);
    for (let i = 0; i < n; i++) {
      const src = i * width + lower;
      const dst = i * luWidth + lower;
      const kEnd = Math.min(upper, n - 1 - i);
      for (let k = Math.max(-lower, -i); k <= kEnd; k++) lu[dst + k] = c * jac[src + k];
      lu[dst] += d;
    }
    return bandLuFactor(lu, n, lower, upper, this.piv);
  }
  normInf(): number {
    return rowSumMax(this.jac, this.n, this.width);
  }
}

export class BandIterationMatrix extends BandStorage implements IterationMatrix {
  index(i: number, j: number): number {
    return i * this.width + j - i + this.lower;
  }
  entryAt(p: number): [number, number] {
    const i = Math.floor(p / this.width);
    return [i, i + (p % this.width) - this.lower];
  }
  factor(d: number, c: number): number {
    return this.factorBand(d, c);
  }
  solve(b: Float64Array): Float64Array {
    return bandLuSolve(this.lu, this.n, this.lower, this.upper, this.piv, b);
  }
  clearPadding(): void {
    const { n, jac, width, lower, upper } = this;
    for (let i = 0; i < Math.min(lower, n); i++) for (let k = -lower; k < -i; k++) jac[i * width + k + lower] = 0;
    for (let i = Math.max(0, n - upper); i < n; i++)
      for (let k = n - i; k <= upper; k++) jac[i * width + k + lower] = 0;
  }
}

/**
 * A periodic band: J_ij ≠ 0 only for (j − i) mod n ∈ [−lower, upper] (a method-of-lines system on
 * a periodic grid), stored row-major as jac[i·w + k + lower], w = lower + upper + 1, k the cyclic
 * offset. d·I + c·J = B + U·Vᵀ with B its non-wrapping band and U·Vᵀ the corner entries of the
 * first `lower` and last `upper` rows (rank r ≤ lower + upper); solved by the
 * Sherman–Morrison–Woodbury formula (Golub & Van Loan, Matrix Computations, 4th ed., Sec. 2.1.4):
 * x = B⁻¹b − Z·S⁻¹·Vᵀ·B⁻¹b, Z = B⁻¹U, S = I + VᵀZ — band LU plus r band solves, O(n·w·(w + r)).
 * It needs B itself to be nonsingular; a singular B or S is reported as a singular pivot, like a
 * singular matrix, so the stepper shrinks h (B → d·I as h → 0).
 */
export class CyclicBandIterationMatrix extends BandStorage implements IterationMatrix {
  /** Rows with wrapped entries: 0 … lower − 1 and n − upper … n − 1. */
  private readonly cornerRows: Int32Array;
  /** Z = B⁻¹U, r columns of length n, column-major. */
  private readonly Z: Float64Array;
  /** LU of S = I + VᵀZ (r × r). */
  private readonly S: Float64Array;
  private readonly sPiv: Int32Array;
  private readonly s: Float64Array;
  /** c of the last factorisation (V = c·J at the corners). */
  private c = 0;
  constructor(n: number, lower: number, upper: number) {
    super(n, lower, upper);
    const rows: number[] = [];
    for (let i = 0; i < Math.min(lower, n); i++) rows.push(i);
    for (let i = Math.max(lower, n - upper); i < n; i++) rows.push(i);
    this.cornerRows = Int32Array.from(rows);
    const r = rows.length;
    this.Z = new Float64Array(r * n);
    this.S = new Float64Array(r * r);
    this.sPiv = new Int32Array(r);
    this.s = new Float64Array(r);
  }
  index(i: number, j: number): number {
    let k = j - i;
    if (k > this.upper) k -= this.n;
    else if (k < -this.lower) k += this.n;
    return i * this.width + k + this.lower;
  }
  entryAt(p: number): [number, number] {
    const i = Math.floor(p / this.width);
    return [i, (((i + (p % this.width) - this.lower) % this.n) + this.n) % this.n];
  }
  factor(d: number, c: number): number {
    const { n, lu, lower, upper } = this;
    this.c = c;
    const singular = this.factorBand(d, c);
    if (singular !== 0) return singular;
    // Z = B⁻¹U (U = the unit columns of the corner rows); S = I + VᵀZ.
    const r = this.cornerRows.length;
    const { Z, S } = this;
    Z.fill(0);
    for (let q = 0; q < r; q++) {
      const z = Z.subarray(q * n, (q + 1) * n);
      z[this.cornerRows[q]] = 1;
      bandLuSolve(lu, n, lower, upper, this.piv, z);
    }
    for (let a = 0; a < r; a++)
      for (let q = 0; q < r; q++) S[a * r + q] = (a === q ? 1 : 0) + this.cornerDot(this.cornerRows[a], Z, q * n);
    return luFactor(S, r, this.sPiv) === 0 ? 0 : 1;
  }
  /** Σ_j V_ij·v[offset + j] over the wrapped entries (i, j) of row i, V = c·J there. */
  private cornerDot(i: number, v: Float64Array, offset: number): number {
    const { n, jac, width, lower, upper, c } = this;
    let acc = 0;
    for (let k = -lower; k <= upper; k++) {
      const j = i + k;
      if (j >= 0 && j < n) continue;
      acc += c * jac[i * width + k + lower] * v[offset + ((j + n) % n)];
    }
    return acc;
  }
  solve(b: Float64Array): Float64Array {
    const { n, lower, upper, Z, s } = this;
    bandLuSolve(this.lu, n, lower, upper, this.piv, b);
    const r = this.cornerRows.length;
    if (r === 0) return b;
    for (let a = 0; a < r; a++) s[a] = this.cornerDot(this.cornerRows[a], b, 0);
    luSolve(this.S, r, this.sPiv, s);
    for (let q = 0; q < r; q++) {
      const w = s[q];
      if (w === 0) continue;
      for (let m = 0; m < n; m++) b[m] -= Z[q * n + m] * w;
    }
    return b;
  }
  clearPadding(): void {}
}

function rowSumMax(a: Float64Array, rows: number, width: number): number {
  let norm = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let q = 0; q < width; q++) s += Math.abs(a[i * width + q]);
    if (s > norm) norm = s;
  }
  return norm;
}

/** A band as `jacobianBand` gives it: [lower, upper], or [lower, upper, "periodic"]. */
export type BandSpec = readonly [number, number] | readonly [number, number, "periodic"];

/** A dense matrix, a banded one when `band` = [lower, upper] is given, a periodic band with "periodic". */
export function createIterationMatrix(n: number, band: BandSpec | null): IterationMatrix {
  if (band === null) return new DenseIterationMatrix(n);
  return band[2] === "periodic"
    ? new CyclicBandIterationMatrix(n, band[0], band[1])
    : new BandIterationMatrix(n, band[0], band[1]);
}
