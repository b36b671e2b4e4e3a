import type { Field64 } from "./field64";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/**
 * A right-hand side f(t, y; p) whose parameters are physical inputs (rate constants, couplings),
 * with its Jacobians, for one state of `dim` (row-major: jacobianY dim × dim, jacobianP dim × P).
 */
export interface ParametricFieldSpec {
  dim: number;
  /** Initial p (copied into the field's `parameters`). */
  parameters: ArrayLike<number>;
  rhs(t: number, y: Float64Array, p: Float64Array, out: Float64Array): void;
  jacobianY(t: number, y: Float64Array, p: Float64Array, out: Float64Array): void;
  jacobianP(t: number, y: Float64Array, p: Float64Array, out: Float64Array): void;
}

/**
 * A Field64 from a hand-written parametric right-hand side, so every gradient method and every
 * attribution of lib/interpret works with respect to its physical parameters (e.g. the rate
 * constants of a mass-action network: ∂f/∂k_j = N_{·j}·Π y^ν_j). The batch (B states,
 * row-major) is looped sample by sample through work arrays allocated once; vjp and jvp are
 * contractions with the Jacobians. Float64 throughout.
 */
export function parametricField64(spec: ParametricFieldSpec): Field64 {
  if (spec === null || typeof spec !== "object")
    throw new OdeTypeError(
      "spec",
      `expected { dim, parameters, rhs, jacobianY, jacobianP }, got ${describeValue(spec)}`,
    );
  const d = spec.dim;
  if (typeof d !== "number" || !Number.isInteger(d) || d < 1)
    throw new OdeArgumentError("spec.dim", `must be a positive integer, got ${describeValue(d)}`);
  for (const k of ["rhs", "jacobianY", "jacobianP"] as const)
    if (typeof spec[k] !== "function")
      throw new OdeTypeError(`spec.${k}`, `expected a function (t, y, p, out) => void, got ${describeValue(spec[k])}`);
  const p0 = spec.parameters;
  if (!(Array.isArray(p0) || (ArrayBuffer.isView(p0) && !(p0 instanceof DataView))))
    throw new OdeTypeError("spec.parameters", `expected an array of numbers, got ${describeValue(p0)}`);
  const parameters = Float64Array.from(p0);
  parameters.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new OdeArgumentError("spec.parameters", `entry ${i} is ${x}; must be finite`);
  });
  const P = parameters.length;
  const ys = new Float64Array(d);
  const fs = new Float64Array(d);
  const jy = new Float64Array(d * d);
  const jp = new Float64Array(d * P);
  const checkBatch = (name: string, y: Float64Array): number => {
    if (y.length === 0 || y.length % d !== 0)
      throw new OdeArgumentError(name, `has length ${y.length}, not a positive multiple of dim ${d}`);
    return y.length / d;
  };
  /** Loads sample b into ys and evaluates what is asked for at it. */
  const at = (t: number, y: Float64Array, b: number, f: boolean, jacY: boolean, jacP: boolean): void => {
    for (let i = 0; i < d; i++) ys[i] = y[b * d + i];
    if (f) spec.rhs(t, ys, parameters, fs);
    if (jacY) spec.jacobianY(t, ys, parameters, jy);
    if (jacP) spec.jacobianP(t, ys, parameters, jp);
  };
  return {
    dim: d,
    parameters,
    forward(t, y, out) {
      const B = checkBatch("y", y);
      for (let b = 0; b < B; b++) {
        at(t, y, b, true, false, false);
        out.set(fs, b * d);
      }
    },
    vjp(t, y, a, f, gy, gTheta, scale) {
      const B = checkBatch("y", y);
      const withTheta = scale !== 0;
      for (let b = 0; b < B; b++) {
        at(t, y, b, true, true, withTheta);
        const o = b * d;
        f.set(fs, o);
        for (let j = 0; j < d; j++) {
          let acc = 0;
          for (let i = 0; i < d; i++) acc += a[o + i] * jy[i * d + j];
          gy[o + j] = acc;
        }
        if (withTheta)
          for (let q = 0; q < P; q++) {
            let acc = 0;
            for (let i = 0; i < d; i++) acc += a[o + i] * jp[i * P + q];
            gTheta[q] += scale * acc;
          }
      }
    },
    jvp(t, y, v, vTheta, f, out) {
      const B = checkBatch("y", y);
      for (let b = 0; b < B; b++) {
        at(t, y, b, f !== null, true, vTheta !== null);
        const o = b * d;
        if (f !== null) f.set(fs, o);
        for (let i = 0; i < d; i++) {
          let acc = 0;
          for (let j = 0; j < d; j++) acc += jy[i * d + j] * v[o + j];
          if (vTheta !== null) for (let q = 0; q < P; q++) acc += jp[i * P + q] * vTheta[q];
          out[o + i] = acc;
        }
      }
    },
    jacobian(t, y, jY, jTheta) {
      const B = checkBatch("y", y);
      const n = B * d;
      jY.fill(0);
      for (let b = 0; b < B; b++) {
        at(t, y, b, false, true, jTheta !== null);
        const o = b * d;
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < d; j++) jY[(o + i) * n + o + j] = jy[i * d + j];
          if (jTheta !== null) for (let q = 0; q < P; q++) jTheta[(o + i) * P + q] = jp[i * P + q];
        }
      }
    },
  };
}
