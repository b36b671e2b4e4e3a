import type { Field64 } from "../../sensitivity/field64";
import type { MlpSpec } from "./mlpSpec";
import { checkMlpSpec, checkParameters, parameterLayout } from "./mlpSpec";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { activations, tanh64 } from "./activations";

/**
 * A dense-layer field in float64 loops over a batch (the "fused" path of issue 7): forward f(y),
 * the vector–Jacobian products aᵀ∂f/∂y and aᵀ∂f/∂θ by hand-written reverse mode, and the
 * Jacobian–vector product by forward mode. For small fields this avoids tfjs's per-op overhead
 * entirely. Built from plain data, a spec and the flat parameters (no tensors); `toField64`
 * builds one from an mlpField and lib/neural/fields/tfjsParameters.ts moves θ to and from its variables.
 * Supports the activations of the table and the "cube" input transform; time-dependent fields
 * get t as the extra input.
 */
export class FusedMlp implements Field64 {
  readonly dim: number;
  /** θ, flat: W0, b0, W1, b1, … (W row-major [in, out]); the caller's array, updated in place by optimizers. */
  readonly parameters: Float64Array;
  /** The network as plain data (layer sizes, activation, time input, input transform): a frozen copy. */
  readonly spec: Readonly<MlpSpec>;
  private readonly sizes: number[];
  private readonly isTanh: boolean;
  /** σ(z) and σ'(z) through h = σ(z), from the activation table. */
  private readonly activate: (z: number) => number;
  private readonly activationSlope: (h: number) => number;
  private readonly cube: boolean;
  private readonly timeDependent: boolean;
  private readonly offsets: number[];
  /** Per-layer activations for one sample (x_0 … x_L), their tangents, and pre-activation gradients. */
  private readonly xs: Float64Array[];
  private readonly dxs: Float64Array[];
  private readonly gs: Float64Array[];
  /** Unit cotangent and a throw-away θ-gradient for `jacobian`. */
  private readonly unit: Float64Array;
  private readonly scratchTheta: Float64Array;

  /** `parameters` is kept, not copied: its length must be the spec's parameter count. */
  constructor(spec: MlpSpec, parameters: Float64Array) {
    checkMlpSpec(spec, "spec");
    const count = checkParameters(parameters, spec.sizes);
    const { offsets } = parameterLayout(spec.sizes);
    this.sizes = spec.sizes.slice();
    this.spec = Object.freeze({ ...spec, sizes: Object.freeze(spec.sizes.slice()) as number[] });
    this.dim = this.sizes[this.sizes.length - 1];
    this.isTanh = spec.activation === "tanh";
    this.activate = activations[spec.activation].value;
    this.activationSlope = activations[spec.activation].slopeFromValue;
    this.cube = spec.inputTransform === "cube";
    this.timeDependent = spec.timeDependent;
    this.offsets = offsets;
    this.parameters = parameters;
    this.xs = this.sizes.map((s) => new Float64Array(s));
    this.dxs = this.sizes.map((s) => new Float64Array(s));
    this.gs = this.sizes.map((s) => new Float64Array(s));
    this.unit = new Float64Array(this.dim);
    this.scratchTheta = new Float64Array(count);
  }

  /** Forward pass of one sample y (offset `o` in `y`), leaving activations in xs; writes f into out[o…]. */
  private forwardSample(t: number, y: Float64Array, o: number, out: Float64Array | null): void {
    const d = this.dim;
    const x0 = this.xs[0];
    for (let i = 0; i < d; i++) {
      const v = y[o + i];
      x0[i] = this.cube ? v * v * v : v;
    }
    if (this.timeDependent) x0[d] = t;
    const L = this.sizes.length - 1;
    const th = this.parameters;
    for (let l = 0; l < L; l++) {
      const nIn = this.sizes[l];
      const nOut = this.sizes[l + 1];
      const wOff = this.offsets[2 * l];
      const bOff = this.offsets[2 * l + 1];
      const xin = this.xs[l];
      const xout = this.xs[l + 1];
      const hidden = l + 1 < L;
      const tanh = hidden && this.isTanh;
      for (let j = 0; j < nOut; j++) {
        let acc = th[bOff + j];
        for (let i = 0; i < nIn; i++) acc += xin[i] * th[wOff + i * nOut + j];
        xout[j] = tanh ? tanh64(acc) : hidden ? this.activate(acc) : acc;
      }
    }
    if (out !== null) {
      const xL = this.xs[L];
      for (let i = 0; i < d; i++) out[o + i] = xL[i];
    }
  }

  /**
   * A batch call's state: a Float64Array of B ≥ 1 samples of `dim`. With `checkBuffer` for each
   * other buffer, checked once per call without allocating; a wrong length is an error, never a
   * partial or overrunning write.
   */
  private checkY(method: string, t: number, y: Float64Array): void {
    if (!(y instanceof Float64Array))
      throw new OdeTypeError("y", `FusedMlp.${method} expects a Float64Array, got ${describeValue(y)} (at t = ${t})`);
    if (y.length === 0 || y.length % this.dim !== 0)
      throw new OdeArgumentError("y", `FusedMlp.${method} needs B·${this.dim} entries, got ${y.length} (at t = ${t})`);
  }

  /** `b` (skipped when null) is a Float64Array of length `expected`. */
  private checkBuffer(
    method: string,
    t: number,
    y: Float64Array,
    name: string,
    b: Float64Array | null,
    expected: number,
  ): void {
    if (b === null) return;
    if (!(b instanceof Float64Array))
      throw new OdeTypeError(name, `FusedMlp.${method} expects a Float64Array, got ${describeValue(b)} (at t = ${t})`);
    if (b.length !== expected)
      throw new OdeArgumentError(
        name,
        `FusedMlp.${method} needs length ${expected} for a batch of ${y.length / this.dim}, got ${b.length} (at t = ${t})`,
      );
  }

  /** f for a batch stored row-major in y (length B·dim). */
  forward(t: number, y: Float64Array, out: Float64Array): void {
    this.checkY("forward", t, y);
    this.checkBuffer("forward", t, y, "out", out, y.length);
    for (let o = 0; o < y.length; o += this.dim) this.forwardSample(t, y, o, out);
  }

  /** Floats per sample that `forwardRecord` keeps: the hidden-layer activations. */
  get recordWidth(): number {
    let w = 0;
    for (let l = 1; l + 1 < this.sizes.length; l++) w += this.sizes[l];
    return w;
  }

  /**
   * `forward` that also keeps each sample's hidden activations in `rec` (B·recordWidth), so a
   * later `vjpRecorded` at the same point skips the forward pass (and its tanh calls).
   */
  forwardRecord(t: number, y: Float64Array, out: Float64Array, rec: Float64Array): void {
    const W = this.recordWidth;
    this.checkY("forwardRecord", t, y);
    this.checkBuffer("forwardRecord", t, y, "out", out, y.length);
    this.checkBuffer("forwardRecord", t, y, "rec", rec, (y.length / this.dim) * W);
    for (let o = 0, r = 0; o < y.length; o += this.dim, r += W) {
      this.forwardSample(t, y, o, out);
      let off = r;
      for (let l = 1; l + 1 < this.sizes.length; l++) {
        rec.set(this.xs[l], off);
        off += this.sizes[l];
      }
    }
  }

  /** `vjp` at a point recorded by `forwardRecord` (f is not recomputed). */
  vjpRecorded(
    t: number,
    y: Float64Array,
    rec: Float64Array,
    a: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void {
    const d = this.dim;
    const W = this.recordWidth;
    this.checkY("vjpRecorded", t, y);
    this.checkBuffer("vjpRecorded", t, y, "rec", rec, (y.length / d) * W);
    this.checkBuffer("vjpRecorded", t, y, "a", a, y.length);
    this.checkBuffer("vjpRecorded", t, y, "gy", gy, y.length);
    this.checkBuffer("vjpRecorded", t, y, "gTheta", gTheta, this.parameters.length);
    const x0 = this.xs[0];
    for (let o = 0, r = 0; o < y.length; o += d, r += W) {
      for (let i = 0; i < d; i++) {
        const v = y[o + i];
        x0[i] = this.cube ? v * v * v : v;
      }
      if (this.timeDependent) x0[d] = t;
      let off = r;
      for (let l = 1; l + 1 < this.sizes.length; l++) {
        const xl = this.xs[l];
        for (let j = 0; j < xl.length; j++) xl[j] = rec[off + j];
        off += this.sizes[l];
      }
      this.backwardSample(y, o, a, o, gy, o, gTheta, 0, scale);
    }
  }

  /**
   * For a batch y with cotangents a (both B·dim): writes f(y) into `f`, aᵀ∂f/∂y into `gy`
   * (B·dim) and accumulates Σ_batch aᵀ∂f/∂θ into `gTheta` (P), scaled by `scale`.
   */
  vjp(
    t: number,
    y: Float64Array,
    a: Float64Array,
    f: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void {
    this.checkY("vjp", t, y);
    this.checkBuffer("vjp", t, y, "a", a, y.length);
    this.checkBuffer("vjp", t, y, "f", f, y.length);
    this.checkBuffer("vjp", t, y, "gy", gy, y.length);
    this.checkBuffer("vjp", t, y, "gTheta", gTheta, this.parameters.length);
    for (let o = 0; o < y.length; o += this.dim) this.vjpSample(t, y, o, a, o, f, gy, o, gTheta, 0, scale);
  }

  /**
   * Forward mode: ∂f/∂y·v + ∂f/∂θ·vTheta into `out` (B·dim; vTheta, of length P, is shared by the
   * batch; null leaves θ fixed) and f into `f` when given, in one pass through the layers with the
   * tangents carried beside the activations. Exact (no differencing) and allocation-free.
   */
  jvp(
    t: number,
    y: Float64Array,
    v: Float64Array,
    vTheta: Float64Array | null,
    f: Float64Array | null,
    out: Float64Array,
  ): void {
    this.checkY("jvp", t, y);
    this.checkBuffer("jvp", t, y, "v", v, y.length);
    this.checkBuffer("jvp", t, y, "vTheta", vTheta, this.parameters.length);
    this.checkBuffer("jvp", t, y, "f", f, y.length);
    this.checkBuffer("jvp", t, y, "out", out, y.length);
    for (let o = 0; o < y.length; o += this.dim) this.jvpSample(t, y, o, v, vTheta, f, out);
  }

  /** One sample of `jvp`: the primal values are summed in `forwardSample`'s order, so f is the same bits. */
  private jvpSample(
    t: number,
    y: Float64Array,
    o: number,
    v: Float64Array,
    vTheta: Float64Array | null,
    f: Float64Array | null,
    out: Float64Array,
  ): void {
    const d = this.dim;
    const x0 = this.xs[0];
    const dx0 = this.dxs[0];
    for (let i = 0; i < d; i++) {
      const yi = y[o + i];
      x0[i] = this.cube ? yi * yi * yi : yi;
      dx0[i] = this.cube ? 3 * yi * yi * v[o + i] : v[o + i];
    }
    if (this.timeDependent) {
      x0[d] = t;
      dx0[d] = 0;
    }
    const L = this.sizes.length - 1;
    const th = this.parameters;
    for (let l = 0; l < L; l++) {
      const nIn = this.sizes[l];
      const nOut = this.sizes[l + 1];
      const wOff = this.offsets[2 * l];
      const bOff = this.offsets[2 * l + 1];
      const xin = this.xs[l];
      const dxin = this.dxs[l];
      const xout = this.xs[l + 1];
      const dxout = this.dxs[l + 1];
      const hidden = l + 1 < L;
      const tanh = hidden && this.isTanh;
      for (let j = 0; j < nOut; j++) {
        let acc = th[bOff + j];
        let dacc = 0;
        if (vTheta === null)
          for (let i = 0; i < nIn; i++) {
            const w = th[wOff + i * nOut + j];
            acc += xin[i] * w;
            dacc += dxin[i] * w;
          }
        else {
          dacc = vTheta[bOff + j];
          for (let i = 0; i < nIn; i++) {
            const k = wOff + i * nOut + j;
            acc += xin[i] * th[k];
            dacc += dxin[i] * th[k] + xin[i] * vTheta[k];
          }
        }
        if (hidden) {
          const h = tanh ? tanh64(acc) : this.activate(acc);
          xout[j] = h;
          dxout[j] = this.activationSlope(h) * dacc;
        } else {
          xout[j] = acc;
          dxout[j] = dacc;
        }
      }
    }
    const xL = this.xs[L];
    const dxL = this.dxs[L];
    for (let i = 0; i < d; i++) {
      if (f !== null) f[o + i] = xL[i];
      out[o + i] = dxL[i];
    }
  }

  /**
   * The field's Jacobians at a batch y (n = B·dim), by one reverse pass per output component:
   * `jy` (n·n, row-major) gets ∂f/∂y — block diagonal, the samples being independent — and
   * `jTheta` (n·P, row-major), when given, ∂f/∂θ. Used by the stiff solvers (Rodas5, BDF)
   * instead of finite differences.
   */
  jacobian(t: number, y: Float64Array, jy: Float64Array, jTheta: Float64Array | null = null): void {
    const d = this.dim;
    const n = y.length;
    const P = this.parameters.length;
    const unit = this.unit;
    this.checkY("jacobian", t, y);
    this.checkBuffer("jacobian", t, y, "jy", jy, n * n);
    this.checkBuffer("jacobian", t, y, "jTheta", jTheta, n * P);
    jy.fill(0);
    if (jTheta !== null) jTheta.fill(0);
    for (let o = 0; o < n; o += d) {
      for (let i = 0; i < d; i++) {
        unit.fill(0);
        unit[i] = 1;
        const r = o + i;
        // Row r of ∂f/∂y has its only non-zeros in the columns of this sample.
        this.vjpSample(t, y, o, unit, 0, null, jy, r * n + o, jTheta ?? this.scratchTheta, jTheta ? r * P : 0, 1);
        if (jTheta === null) this.scratchTheta.fill(0);
      }
    }
  }

  /**
   * One sample's reverse pass: the sample is y[o … o+dim), its cotangent a[ao … ao+dim). Writes
   * f into f[o…] (when f is given), aᵀ∂f/∂y into gy[go … go+dim) and adds scale·aᵀ∂f/∂θ into
   * gTheta[gto …].
   */
  private vjpSample(
    t: number,
    y: Float64Array,
    o: number,
    a: Float64Array,
    ao: number,
    f: Float64Array | null,
    gy: Float64Array,
    go: number,
    gTheta: Float64Array,
    gto: number,
    scale: number,
  ): void {
    this.forwardSample(t, y, o, f);
    this.backwardSample(y, o, a, ao, gy, go, gTheta, gto, scale);
  }

  /** The reverse half of `vjpSample`, from the activations in xs. */
  private backwardSample(
    y: Float64Array,
    o: number,
    a: Float64Array,
    ao: number,
    gy: Float64Array,
    go: number,
    gTheta: Float64Array,
    gto: number,
    scale: number,
  ): void {
    const d = this.dim;
    const L = this.sizes.length - 1;
    const th = this.parameters;
    const gL = this.gs[L];
    for (let i = 0; i < d; i++) gL[i] = a[ao + i];
    for (let l = L - 1; l >= 0; l--) {
      const nIn = this.sizes[l];
      const nOut = this.sizes[l + 1];
      const wOff = this.offsets[2 * l];
      const bOff = gto + this.offsets[2 * l + 1];
      const xin = this.xs[l];
      const gout = this.gs[l + 1];
      const gin = this.gs[l];
      // scale 0 asks for aᵀ∂f/∂y only (the quadrature adjoint's backward state): the θ part,
      // about half of the reverse pass, is skipped.
      const withTheta = scale !== 0;
      if (withTheta) for (let j = 0; j < nOut; j++) gTheta[bOff + j] += scale * gout[j];
      for (let i = 0; i < nIn; i++) {
        let acc = 0;
        const xi = xin[i];
        const row = wOff + i * nOut;
        const gRow = gto + row;
        if (withTheta)
          for (let j = 0; j < nOut; j++) {
            gTheta[gRow + j] += scale * xi * gout[j];
            acc += th[row + j] * gout[j];
          }
        else for (let j = 0; j < nOut; j++) acc += th[row + j] * gout[j];
        // Through the activation of layer l (inputs of layer 0 are the raw features).
        gin[i] = l > 0 ? acc * this.activationSlope(xi) : acc;
      }
    }
    const g0 = this.gs[0];
    for (let i = 0; i < d; i++) {
      const v = y[o + i];
      gy[go + i] = this.cube ? g0[i] * 3 * v * v : g0[i];
    }
  }
}
