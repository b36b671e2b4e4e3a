import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import { checkVectorField } from "./field";
import type { Field64 } from "../../sensitivity/field64";
import { vjpAllowUnused } from "./vjp";
import { withoutTape } from "./withoutTape";
import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

/** A Field64 over a tfjs field; `sync` reads the tfjs variables into `parameters`. */
export interface TensorField64 extends Field64 {
  /** The tfjs variables → `parameters` (float32 values widened exactly). */
  sync(): void;
}

/**
 * The generic adapter from a field that exists only as tensors (fromLayersModel,
 * hamiltonianField, hybrids without a float64 known part, hand-written VectorFields) to the
 * float64-first Field64, so lib/ode's steppers and lib/sensitivity's gradient methods run on it.
 *
 * Precision: every evaluation hands the float64 state to tfjs rounded to float32, computes in
 * float32 and widens the result (`dataSync`); the solver around it stays float64. Derivatives
 * come from tfjs's reverse mode (`vjpAllowUnused`: unused inputs get zeros, as torchdiffeq):
 * `vjp` is one reverse pass, `jacobian` one reverse pass per output component (dim of them for
 * ∂f/∂y alone — the batch's samples are independent —, B·dim when ∂f/∂θ is wanted), and `jvp`
 * (tfjs has no forward mode) is assembled from those rows. Each call allocates tensors and
 * disposes them before returning: tf.memory().numTensors stays flat. Evaluations run outside any
 * gradient tape (`withoutTape`): they are pure functions of their Float64Array arguments, also
 * inside a tf.customGrad (odeint's forward), and a field that takes gradients itself
 * (hamiltonianField) works there.
 *
 * Parameters: the field is always applied with its own tfjs variables (fromLayersModel accepts
 * no others). `parameters` is a float64 copy read by `sync()` — odeint and odeintAdjoint call it
 * before each solve —; when it has been changed in place since (an optimizer working on the
 * Field64), the next evaluation first writes it into the variables, rounded to float32.
 */
export function tensorField64(field: VectorField): TensorField64 {
  checkVectorField(field);
  return new TfjsField64(field);
}

class TfjsField64 implements TensorField64 {
  readonly dim: number;
  readonly parameters: Float64Array;
  private readonly field: VectorField;
  private readonly offsets: number[];
  /** The values the tfjs variables hold, as last read or written. */
  private readonly held: Float64Array;

  constructor(field: VectorField) {
    this.field = field;
    this.dim = field.dim;
    this.offsets = [];
    let off = 0;
    for (const v of field.variables) {
      this.offsets.push(off);
      off += v.size;
    }
    this.parameters = new Float64Array(off);
    this.held = new Float64Array(off);
    this.sync();
  }

  sync(): void {
    this.field.variables.forEach((v, k) => this.held.set(v.dataSync(), this.offsets[k]));
    this.parameters.set(this.held);
  }

  /** Writes `parameters` into the variables if it was changed in place since the last sync or write. */
  private writeBack(): void {
    const p = this.parameters;
    let same = true;
    for (let i = 0; i < p.length && same; i++) same = p[i] === this.held[i];
    if (same) return;
    this.held.set(p);
    this.field.variables.forEach((v, k) =>
      tf.tidy(() =>
        v.assign(
          tf.tensor(Float32Array.from(p.subarray(this.offsets[k], this.offsets[k] + v.size)), v.shape, "float32"),
        ),
      ),
    );
  }

  private batchOf(method: string, t: number, y: Float64Array): number {
    if (!(y instanceof Float64Array))
      throw new OdeTypeError("y", `tensorField64.${method} expects a Float64Array, got ${String(y)} (at t = ${t})`);
    if (y.length === 0 || y.length % this.dim !== 0)
      throw new OdeArgumentError(
        "y",
        `tensorField64.${method} needs B·${this.dim} entries, got ${y.length} (at t = ${t})`,
      );
    return y.length / this.dim;
  }

  private checkLength(method: string, t: number, name: string, b: Float64Array | null, expected: number): void {
    if (b === null) return;
    if (!(b instanceof Float64Array))
      throw new OdeTypeError(name, `tensorField64.${method} expects a Float64Array, got ${String(b)} (at t = ${t})`);
    if (b.length !== expected)
      throw new OdeArgumentError(
        name,
        `tensorField64.${method} needs length ${expected}, got ${b.length} (at t = ${t})`,
      );
  }

  /** f(t, y) as a [B, dim] tensor, its shape checked (call inside a tidy). */
  private apply(t: number, y: tf.Tensor2D, params: tf.Tensor[]): tf.Tensor2D {
    const out = this.field.apply(t, y, params);
    if (!(out instanceof tf.Tensor) || out.rank !== 2 || out.shape[0] !== y.shape[0] || out.shape[1] !== this.dim)
      throw new OdeArgumentError(
        "field",
        `apply must return [${y.shape[0]}, ${this.dim}], got ${out instanceof tf.Tensor ? `[${out.shape.join(", ")}]` : String(out)} (at t = ${t})`,
      );
    return out;
  }

  forward(t: number, y: Float64Array, out: Float64Array): void {
    const B = this.batchOf("forward", t, y);
    this.checkLength("forward", t, "out", out, y.length);
    this.writeBack();
    out.set(
      withoutTape(() =>
        tf.tidy(() => this.apply(t, float32Batch(y, B, this.dim), this.field.variables).dataSync() as Float32Array),
      ),
    );
  }

  /**
   * One reverse pass at `yT` with cotangent `a`: aᵀ∂f/∂y (B·dim) and aᵀ∂f/∂θ summed over the
   * batch (one Float32Array per variable); f (B·dim) too when `withF`.
   */
  private reverse(
    t: number,
    yT: tf.Tensor2D,
    a: Float64Array,
    withF: boolean,
  ): { gy: Float32Array; gTheta: Float32Array[]; f: Float32Array | null } {
    let fKept: tf.Tensor | null = null;
    try {
      const result = withoutTape(() =>
        tf.tidy(() => {
          const aT = float32Batch(a, yT.shape[0], this.dim);
          const grads = vjpAllowUnused(
            (yy: tf.Tensor, ...pp: tf.Tensor[]) => {
              const f = this.apply(t, yy as tf.Tensor2D, pp);
              if (withF) fKept = tf.keep(f);
              return tf.sum(tf.mul(f, aT)) as tf.Scalar;
            },
            [yT, ...this.field.variables],
          );
          return {
            gy: grads[0].dataSync() as Float32Array,
            gTheta: grads.slice(1).map((g) => g.dataSync() as Float32Array),
          };
        }),
      );
      const f = fKept === null ? null : ((fKept as tf.Tensor).dataSync() as Float32Array);
      return { ...result, f };
    } finally {
      (fKept as tf.Tensor | null)?.dispose();
    }
  }

  private addTheta(gTheta: Float64Array, parts: Float32Array[], scale: number, rowOffset = 0): void {
    parts.forEach((g, k) => {
      const o = rowOffset + this.offsets[k];
      for (let i = 0; i < g.length; i++) gTheta[o + i] += scale * g[i];
    });
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
    const B = this.batchOf("vjp", t, y);
    this.checkLength("vjp", t, "a", a, y.length);
    this.checkLength("vjp", t, "f", f, y.length);
    this.checkLength("vjp", t, "gy", gy, y.length);
    this.checkLength("vjp", t, "gTheta", gTheta, this.parameters.length);
    this.writeBack();
    const yT = float32Batch(y, B, this.dim);
    try {
      const r = this.reverse(t, yT, a, true);
      f.set(r.f!);
      gy.set(r.gy);
      this.addTheta(gTheta, r.gTheta, scale);
    } finally {
      yT.dispose();
    }
  }

  /**
   * The rows of the Jacobians by reverse passes at one point: `row(i, gy, gTheta)` for each
   * output component. Without θ: dim passes, each with the unit cotangent e_i in every sample
   * (gy then holds row i of every sample's block). With θ: one pass per row of the batch.
   */
  private rows(
    t: number,
    y: Float64Array,
    perSample: boolean,
    row: (r: number, gy: Float32Array, gTheta: Float32Array[]) => void,
  ): void {
    const d = this.dim;
    const n = y.length;
    const B = n / d;
    this.writeBack();
    const yT = float32Batch(y, B, d);
    const unit = new Float64Array(n);
    try {
      for (let r = 0; r < (perSample ? n : d); r++) {
        unit.fill(0);
        if (perSample) unit[r] = 1;
        else for (let b = 0; b < B; b++) unit[b * d + r] = 1;
        const { gy, gTheta } = this.reverse(t, yT, unit, false);
        row(r, gy, gTheta);
      }
    } finally {
      yT.dispose();
    }
  }

  jacobian(t: number, y: Float64Array, jy: Float64Array, jTheta: Float64Array | null): void {
    this.batchOf("jacobian", t, y);
    const d = this.dim;
    const n = y.length;
    const P = this.parameters.length;
    this.checkLength("jacobian", t, "jy", jy, n * n);
    this.checkLength("jacobian", t, "jTheta", jTheta, n * P);
    jy.fill(0);
    if (jTheta !== null) jTheta.fill(0);
    this.rows(t, y, jTheta !== null, (r, gy, gTheta) => {
      if (jTheta === null) {
        // Row r of every sample's block (∂f/∂y is block diagonal: the samples are independent).
        for (let o = 0; o < n; o += d) for (let j = 0; j < d; j++) jy[(o + r) * n + o + j] = gy[o + j];
        return;
      }
      const o = r - (r % d);
      for (let j = 0; j < d; j++) jy[r * n + o + j] = gy[o + j];
      this.addTheta(jTheta, gTheta, 1, r * P);
    });
  }

  jvp(
    t: number,
    y: Float64Array,
    v: Float64Array,
    vTheta: Float64Array | null,
    f: Float64Array | null,
    out: Float64Array,
  ): void {
    this.batchOf("jvp", t, y);
    const d = this.dim;
    const n = y.length;
    this.checkLength("jvp", t, "v", v, n);
    this.checkLength("jvp", t, "vTheta", vTheta, this.parameters.length);
    this.checkLength("jvp", t, "f", f, n);
    this.checkLength("jvp", t, "out", out, n);
    if (f !== null) this.forward(t, y, f);
    this.rows(t, y, vTheta !== null, (r, gy, gTheta) => {
      if (vTheta !== null) {
        // Row r: (∂f/∂y)_r·v over its sample's columns plus (∂f/∂θ)_r·vTheta.
        const o = r - (r % d);
        let acc = 0;
        for (let j = 0; j < d; j++) acc += gy[o + j] * v[o + j];
        gTheta.forEach((g, k) => {
          const off = this.offsets[k];
          for (let i = 0; i < g.length; i++) acc += g[i] * vTheta[off + i];
        });
        out[r] = acc;
        return;
      }
      for (let o = 0; o < n; o += d) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += gy[o + j] * v[o + j];
        out[o + r] = acc;
      }
    });
  }
}

/** The hand-over to tfjs: a float64 batch rounded to a float32 [B, dim] tensor (tfjs has no float64). */
function float32Batch(y: Float64Array, B: number, dim: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(y), [B, dim], "float32");
}
