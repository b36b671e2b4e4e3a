import type { VectorField } from "./field";
import type { JacobianInPlace, RhsInPlace } from "../ode/types";
import { FusedMlp } from "./fusedMlp";

/**
 * A field evaluated in float64 outside tfjs, on a batch stored row-major (B·dim): what the
 * fused engine's solvers and continuous adjoint call. θ is a flat float64 copy of the tfjs
 * variables (`sync`), and gradients go back per variable (`split`).
 */
export interface FusedField {
  readonly dim: number;
  readonly nParams: number;
  readonly theta: Float64Array;
  sync(): void;
  /** Writes θ back into the tfjs variables. */
  store(): void;
  split(flat: Float64Array): Float32Array[];
  forward(t: number, y: Float64Array, out: Float64Array): void;
  /** f into `f`, aᵀ∂f/∂y into `gy`, and scale·Σ_batch aᵀ∂f/∂θ added to `gTheta`. */
  vjp(
    t: number,
    y: Float64Array,
    a: Float64Array,
    f: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void;
  /** ∂f/∂y (n·n, block diagonal over the batch) and, when given, ∂f/∂θ (n·nParams), row-major. */
  jacobian(t: number, y: Float64Array, jy: Float64Array, jTheta: Float64Array | null): void;
  /** Optional: floats per sample kept by `forwardRecord` so `vjpRecorded` skips the forward pass. */
  readonly recordWidth?: number;
  forwardRecord?(t: number, y: Float64Array, out: Float64Array, rec: Float64Array): void;
  vjpRecorded?(
    t: number,
    y: Float64Array,
    rec: Float64Array,
    a: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void;
}

/** The float64 form of a universal differential equation's known part, for one state vector. */
export interface KnownPhysics64 {
  rhs: RhsInPlace;
  /** Analytic ∂known/∂y, row-major dim·dim. */
  jacobian: JacobianInPlace;
}

/**
 * known(t, y) + nn(t, y) in float64 (hybridField with a float64 known part): the learned part is
 * a FusedMlp, the known part is called per sample with its analytic Jacobian, so stiff known
 * physics (reaction kinetics) can be trained through Rodas5 / BDF.
 */
export class FusedHybrid implements FusedField {
  readonly dim: number;
  readonly nParams: number;
  readonly theta: Float64Array;
  private readonly nn: FusedMlp;
  private readonly known: KnownPhysics64;
  private readonly ys: Float64Array;
  private readonly ks: Float64Array;
  private readonly jk: Float64Array;

  constructor(nn: FusedMlp, known: KnownPhysics64) {
    this.nn = nn;
    this.known = known;
    this.dim = nn.dim;
    this.nParams = nn.nParams;
    this.theta = nn.theta;
    this.ys = new Float64Array(this.dim);
    this.ks = new Float64Array(this.dim);
    this.jk = new Float64Array(this.dim * this.dim);
  }

  sync(): void {
    this.nn.sync();
  }

  store(): void {
    this.nn.store();
  }

  split(flat: Float64Array): Float32Array[] {
    return this.nn.split(flat);
  }

  private knownAt(t: number, y: Float64Array, o: number): void {
    for (let i = 0; i < this.dim; i++) this.ys[i] = y[o + i];
    this.known.rhs(t, this.ys, this.ks);
  }

  forward(t: number, y: Float64Array, out: Float64Array): void {
    this.nn.forward(t, y, out);
    this.addKnown(t, y, out);
  }

  vjp(
    t: number,
    y: Float64Array,
    a: Float64Array,
    f: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void {
    this.nn.vjp(t, y, a, f, gy, gTheta, scale);
    this.addKnownVjp(t, y, a, gy, f);
  }

  get recordWidth(): number {
    return this.nn.recordWidth;
  }

  forwardRecord(t: number, y: Float64Array, out: Float64Array, rec: Float64Array): void {
    this.nn.forwardRecord(t, y, out, rec);
    this.addKnown(t, y, out);
  }

  vjpRecorded(
    t: number,
    y: Float64Array,
    rec: Float64Array,
    a: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void {
    this.nn.vjpRecorded(t, y, rec, a, gy, gTheta, scale);
    this.addKnownVjp(t, y, a, gy, null);
  }

  private addKnown(t: number, y: Float64Array, out: Float64Array): void {
    const d = this.dim;
    for (let o = 0; o < y.length; o += d) {
      this.knownAt(t, y, o);
      for (let i = 0; i < d; i++) out[o + i] += this.ks[i];
    }
  }

  /** gy += aᵀ ∂known/∂y per sample (and f += known when f is given). */
  private addKnownVjp(t: number, y: Float64Array, a: Float64Array, gy: Float64Array, f: Float64Array | null): void {
    const d = this.dim;
    const J = this.jk;
    for (let o = 0; o < y.length; o += d) {
      this.knownAt(t, y, o);
      this.known.jacobian(t, this.ys, J);
      if (f !== null) for (let i = 0; i < d; i++) f[o + i] += this.ks[i];
      for (let j = 0; j < d; j++) {
        let acc = 0;
        for (let i = 0; i < d; i++) acc += a[o + i] * J[i * d + j];
        gy[o + j] += acc;
      }
    }
  }

  jacobian(t: number, y: Float64Array, jy: Float64Array, jTheta: Float64Array | null): void {
    this.nn.jacobian(t, y, jy, jTheta);
    const d = this.dim;
    const n = y.length;
    const J = this.jk;
    for (let o = 0; o < n; o += d) {
      for (let i = 0; i < d; i++) this.ys[i] = y[o + i];
      this.known.jacobian(t, this.ys, J);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) jy[(o + i) * n + o + j] += J[i * d + j];
    }
  }
}

/** The fused (float64) form of a field: a hybrid with float64 known physics, or a dense-layer field. */
export function createFusedField(field: VectorField): FusedField {
  const mlp = new FusedMlp(field.hybrid ? field.hybrid.nn : field);
  return field.hybrid ? new FusedHybrid(mlp, field.hybrid.known64) : mlp;
}
