import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import type { FusedField } from "./fusedField";
import { OdeArgumentError } from "../ode/errors";
import { activationNames, activations, tanh64 } from "./activations";

/**
 * A dense-layer field compiled to float64 loops over a batch (the "fused" path of issue 7):
 * forward f(y) and the vector–Jacobian products aᵀ∂f/∂y and aᵀ∂f/∂θ by hand-written reverse
 * mode. For small fields this avoids tfjs's per-op overhead entirely; weights are read from
 * the tfjs variables by `sync()` (float32 → float64) and gradients go back to a tfjs optimizer.
 * Supports the activations of mlpField and the "cube" input transform; time-dependent fields
 * get t as the extra input.
 */
export class FusedMlp implements FusedField {
  readonly dim: number;
  /** Total number of parameters (all weights and biases, in variable order). */
  readonly nParams: number;
  private readonly field: VectorField;
  private readonly sizes: number[];
  private readonly act: string;
  /** σ(z) and σ'(z) through h = σ(z), from the activation table. */
  private readonly activate: (z: number) => number;
  private readonly activationSlope: (h: number) => number;
  private readonly cube: boolean;
  private readonly timeDependent: boolean;
  /** Parameters, flattened in variable order: W0, b0, W1, b1, … (W row-major [in, out]). */
  readonly theta: Float64Array;
  private readonly offsets: number[];
  /** Per-layer activations for one sample (x_0 … x_L) and pre-activation gradients. */
  private readonly xs: Float64Array[];
  private readonly gs: Float64Array[];
  /** Unit cotangent and a throw-away θ-gradient for `jacobian`. */
  private readonly unit: Float64Array;
  private readonly scratchTheta: Float64Array;

  constructor(field: VectorField) {
    const spec = field.mlp;
    if (!spec)
      throw new OdeArgumentError("field", "has no dense-layer description (use mlpField) for the fused float64 path");
    this.field = field;
    this.dim = field.dim;
    this.sizes = spec.sizes;
    this.act = spec.activation;
    const kernel = Object.hasOwn(activations, spec.activation) ? activations[spec.activation] : undefined;
    if (kernel === undefined)
      throw new OdeArgumentError(
        "field",
        `has activation "${String(spec.activation)}"; the fused path knows ${activationNames.join(", ")}`,
      );
    this.activate = kernel.value;
    this.activationSlope = kernel.slopeFromValue;
    this.cube = spec.inputTransform === "cube";
    this.timeDependent = spec.timeDependent;
    this.offsets = [];
    let off = 0;
    for (const v of field.variables) {
      this.offsets.push(off);
      off += v.size;
    }
    this.nParams = off;
    this.theta = new Float64Array(off);
    this.xs = this.sizes.map((s) => new Float64Array(s));
    this.gs = this.sizes.map((s) => new Float64Array(s));
    this.unit = new Float64Array(this.dim);
    this.scratchTheta = new Float64Array(off);
    this.sync();
  }

  /** Copies the current tfjs weights into `theta`. */
  sync(): void {
    this.field.variables.forEach((v, k) => this.theta.set((v as tf.Tensor).dataSync(), this.offsets[k]));
  }

  /** Writes `theta` back into the tfjs variables (rounded to float32). */
  store(): void {
    const parts = this.split(this.theta);
    this.field.variables.forEach((v, k) => tfAssign(v, parts[k]));
  }

  /** Splits a flat parameter gradient into one Float32Array per variable (for the optimizer). */
  split(flat: Float64Array): Float32Array[] {
    return this.field.variables.map((v, k) =>
      Float32Array.from(flat.subarray(this.offsets[k], this.offsets[k] + v.size)),
    );
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
    const th = this.theta;
    for (let l = 0; l < L; l++) {
      const nIn = this.sizes[l];
      const nOut = this.sizes[l + 1];
      const wOff = this.offsets[2 * l];
      const bOff = this.offsets[2 * l + 1];
      const xin = this.xs[l];
      const xout = this.xs[l + 1];
      const hidden = l + 1 < L;
      const tanh = hidden && this.act === "tanh";
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
   * Buffer lengths of a batch call: y holds B ≥ 1 samples of `dim`, each other buffer its stated
   * length. A longer or shorter buffer is an error, never a partial or overrunning write.
   */
  private checkBatch(
    method: string,
    t: number,
    y: Float64Array,
    buffers: [string, Float64Array | null, number][],
  ): void {
    if (y.length === 0 || y.length % this.dim !== 0)
      throw new OdeArgumentError("y", `FusedMlp.${method} needs B·${this.dim} entries, got ${y.length} (at t = ${t})`);
    for (const [name, b, expected] of buffers)
      if (b !== null && b.length !== expected)
        throw new OdeArgumentError(
          name,
          `FusedMlp.${method} needs length ${expected} for a batch of ${y.length / this.dim}, got ${b.length} (at t = ${t})`,
        );
  }

  /** f for a batch stored row-major in y (length B·dim). */
  forward(t: number, y: Float64Array, out: Float64Array): void {
    this.checkBatch("forward", t, y, [["out", out, y.length]]);
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
    this.checkBatch("forwardRecord", t, y, [
      ["out", out, y.length],
      ["rec", rec, (y.length / this.dim) * W],
    ]);
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
    this.checkBatch("vjpRecorded", t, y, [
      ["rec", rec, (y.length / d) * W],
      ["a", a, y.length],
      ["gy", gy, y.length],
      ["gTheta", gTheta, this.nParams],
    ]);
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
   * (B·dim) and accumulates Σ_batch aᵀ∂f/∂θ into `gTheta` (nParams), scaled by `scale`.
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
    this.checkBatch("vjp", t, y, [
      ["a", a, y.length],
      ["f", f, y.length],
      ["gy", gy, y.length],
      ["gTheta", gTheta, this.nParams],
    ]);
    for (let o = 0; o < y.length; o += this.dim) this.vjpSample(t, y, o, a, o, f, gy, o, gTheta, 0, scale);
  }

  /**
   * The field's Jacobians at a batch y (n = B·dim), by one reverse pass per output component:
   * `jy` (n·n, row-major) gets ∂f/∂y — block diagonal, the samples being independent — and
   * `jTheta` (n·nParams, row-major), when given, ∂f/∂θ. Used by the stiff solvers (Rodas5, BDF)
   * instead of finite differences.
   */
  jacobian(t: number, y: Float64Array, jy: Float64Array, jTheta: Float64Array | null = null): void {
    const d = this.dim;
    const n = y.length;
    const P = this.nParams;
    const unit = this.unit;
    this.checkBatch("jacobian", t, y, [
      ["jy", jy, n * n],
      ["jTheta", jTheta, n * P],
    ]);
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
    const th = this.theta;
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
      for (let j = 0; j < nOut; j++) gTheta[bOff + j] += scale * gout[j];
      for (let i = 0; i < nIn; i++) {
        let acc = 0;
        const xi = xin[i];
        const row = wOff + i * nOut;
        const gRow = gto + row;
        for (let j = 0; j < nOut; j++) {
          gTheta[gRow + j] += scale * xi * gout[j];
          acc += th[row + j] * gout[j];
        }
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

function tfAssign(v: tf.Variable, values: Float32Array): void {
  tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
}
