import type { Field64 } from "../../sensitivity/field64";
import type { KnownPhysics64 } from "./knownPhysics";
import { FusedMlp } from "./fusedMlp";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";

/**
 * known(t, y) + nn(t, y) in float64 (hybridField with a float64 known part): the learned part is
 * a FusedMlp, the known part is called per sample with its analytic Jacobian, so stiff known
 * physics (reaction kinetics) can be trained through Rodas5 / BDF.
 */
export class FusedHybrid implements Field64 {
  readonly dim: number;
  /** The network's θ (the known part has none): the same array as `nn.parameters`. */
  readonly parameters: Float64Array;
  /** The learned term. */
  readonly nn: FusedMlp;
  /** The known physics. */
  readonly known: KnownPhysics64;
  private readonly ys: Float64Array;
  private readonly ks: Float64Array;
  private readonly jk: Float64Array;

  constructor(nn: FusedMlp, known: KnownPhysics64) {
    if (
      known === null ||
      typeof known !== "object" ||
      typeof known.rhs !== "function" ||
      typeof known.jacobian !== "function"
    )
      throw new OdeTypeError("known64", `expected { rhs, jacobian } (in place, float64), got ${describeValue(known)}`);
    this.nn = nn;
    this.known = known;
    this.dim = nn.dim;
    this.parameters = nn.parameters;
    this.ys = new Float64Array(this.dim);
    this.ks = new Float64Array(this.dim);
    this.jk = new Float64Array(this.dim * this.dim);
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

  /** The network's forward mode, plus ∂known/∂y·v per sample (the known part has no θ); `out` must not be `v`. */
  jvp(
    t: number,
    y: Float64Array,
    v: Float64Array,
    vTheta: Float64Array | null,
    f: Float64Array | null,
    out: Float64Array,
  ): void {
    if (out === v)
      throw new OdeArgumentError(
        "out",
        `FusedHybrid.jvp needs out apart from v (the known part reads v after the network writes out; at t = ${t})`,
      );
    this.nn.jvp(t, y, v, vTheta, f, out);
    const d = this.dim;
    const J = this.jk;
    for (let o = 0; o < y.length; o += d) {
      this.knownAt(t, y, o);
      this.known.jacobian(t, this.ys, J);
      if (f !== null) for (let i = 0; i < d; i++) f[o + i] += this.ks[i];
      for (let i = 0; i < d; i++) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += J[i * d + j] * v[o + j];
        out[o + i] += acc;
      }
    }
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

/**
 * A universal differential equation in float64 (Rackauckas et al. 2020): f = known + nn, with the
 * known physics' analytic Jacobian so stiff solvers and every gradient method can use it. The
 * float64 twin of `hybridField`, with no tfjs.
 */
export function hybrid64(known: KnownPhysics64, nn: FusedMlp): FusedHybrid {
  if (!(nn instanceof FusedMlp))
    throw new OdeTypeError("nn", `expected a float64 network (mlp64, toField64), got ${describeValue(nn)}`);
  return new FusedHybrid(nn, known);
}
