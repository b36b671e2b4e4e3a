import type { Field64 } from "../sensitivity/field64";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { checkDimension } from "./checks";

/**
 * The linear field f(y) = A y as a Field64, θ = A (row-major dim × dim, a copy the optimizers may
 * change), on a batch of B states: the reference case of the analysis functions, where the flow map
 * is e^{AT} (Euler with step h: (I + hA)^N) and ∂L/∂θ has a closed form.
 */
export function linearField64(A: ArrayLike<number>, dim: number): Field64 {
  checkDimension(dim);
  if (A === null || typeof A !== "object" || typeof A.length !== "number")
    throw new OdeTypeError("A", `expected ${dim * dim} numbers, got ${describeValue(A)}`);
  if (A.length !== dim * dim)
    throw new OdeArgumentError("A", `has ${A.length} entries, expected dim·dim = ${dim * dim}`);
  const parameters = Float64Array.from(A);
  for (let i = 0; i < parameters.length; i++)
    if (!Number.isFinite(parameters[i])) throw new OdeArgumentError("A", `entry ${i} is not finite (${parameters[i]})`);
  const d = dim;
  const P = d * d;
  const apply = (y: Float64Array, out: Float64Array) => {
    for (let o = 0; o < y.length; o += d)
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += parameters[i * d + j] * y[o + j];
        out[o + i] = s;
      }
  };
  return {
    dim,
    parameters,
    forward: (_t, y, out) => apply(y, out),
    vjp(_t, y, a, f, gy, gTheta, scale) {
      apply(y, f);
      for (let o = 0; o < y.length; o += d)
        for (let j = 0; j < d; j++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += parameters[i * d + j] * a[o + i];
          gy[o + j] = s;
        }
      if (scale !== 0)
        for (let o = 0; o < y.length; o += d)
          for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) gTheta[i * d + j] += scale * a[o + i] * y[o + j];
    },
    jvp(_t, y, v, vTheta, f, out) {
      if (f !== null) apply(y, f);
      apply(v, out);
      if (vTheta !== null)
        for (let o = 0; o < y.length; o += d)
          for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[o + i] += vTheta[i * d + j] * y[o + j];
    },
    jacobian(_t, y, jy, jTheta) {
      const n = y.length;
      jy.fill(0);
      for (let o = 0; o < n; o += d)
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) jy[(o + i) * n + o + j] = parameters[i * d + j];
      if (jTheta !== null) {
        jTheta.fill(0);
        for (let o = 0; o < n; o += d)
          for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) jTheta[(o + i) * P + i * d + j] = y[o + j];
      }
    },
  };
}
