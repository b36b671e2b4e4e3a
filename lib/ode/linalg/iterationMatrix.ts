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
  normInf(): number {
    return rowSumMax(this.jac, this.n, this.n);
  }
}

export class BandIterationMatrix implements IterationMatrix {
  readonly banded = true;
  readonly jac: Float64Array;
  private readonly width: number;
  private readonly luWidth: number;
  private readonly lu: Float64Array;
  private readonly piv: Int32Array;
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
  index(i: number, j: number): number {
    return i * this.width + j - i + this.lower;
  }
  entryAt(p: number): [number, number] {
    const i = Math.floor(p / this.width);
    return [i, i + (p % this.width) - this.lower];
  }
  factor(d: number, c: number): number {
    const { n, jac, lu, width, luWidth, lower } = this;
    lu.fill(0); // the `lower` fill-in superdiagonals start at zero
    for (let i = 0; i < n; i++) {
      const src = i * width;
      const dst = i * luWidth;
      for (let q = 0; q < width; q++) lu[dst + q] = c * jac[src + q];
      lu[dst + lower] += d;
    }
    return bandLuFactor(lu, n, lower, this.upper, this.piv);
  }
  solve(b: Float64Array): Float64Array {
    return bandLuSolve(this.lu, this.n, this.lower, this.upper, this.piv, b);
  }
  normInf(): number {
    return rowSumMax(this.jac, this.n, this.width);
  }
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

/** A dense matrix, or a banded one when `band` = [lower, upper] is given. */
export function createIterationMatrix(n: number, band: readonly [number, number] | null): IterationMatrix {
  return band === null ? new DenseIterationMatrix(n) : new BandIterationMatrix(n, band[0], band[1]);
}
