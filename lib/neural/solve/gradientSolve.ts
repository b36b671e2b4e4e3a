import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { GradientMethod, SensitivityStats } from "../../sensitivity/gradientMethod";
import type { ResolvedOptions } from "./odeintOptions";
import { toField64 } from "../fields/toField64";
import { OdeArgumentError } from "../../ode/errors";

/**
 * A solve by a gradient method of lib/sensitivity as one differentiable tfjs op: a tf.customGrad
 * over (y0, ...field.variables) whose forward runs `gradient.solve` on the field's float64 form
 * (toField64: dense layers and hybrids as exact float64 loops, anything else through tfjs) and
 * whose gradient is the solution's `pullback`. tf.variableGrads / optimizer.minimize therefore see
 * the parameter gradients; parameters the field does not use get zeros (torchdiffeq).
 *
 * Precision, where it changes: y0 and the variables are float32 tensors, widened exactly to
 * float64; the solve and its pullback are float64 (a tensor-only field evaluates in float32 inside
 * each call); the outputs [T, B, dim] and the gradients are rounded to float32 on the way back.
 * `t = [t0]` returns [y0] with the identity as its y0-gradient.
 */
export function gradientSolve(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  o: ResolvedOptions,
  gradient: GradientMethod,
): tf.Tensor3D {
  const [B, d] = y0.shape;
  const n = B * d;
  const T = t.length;
  const op = tf.customGrad((...args: unknown[]) => {
    const [z0, ...theta] = args.slice(0, -1) as tf.Tensor[];
    if (T === 1)
      return {
        value: tf.reshape(z0, [1, B, d]) as tf.Tensor3D,
        gradFunc: (dy: tf.Tensor) => [tf.reshape(dy, [B, d]), ...theta.map((p) => tf.zerosLike(p))],
      };
    const field64 = toField64(field);
    readParameters(field64.parameters, theta);
    const sol = gradient.solve(field64, Float64Array.from(z0.dataSync()), t, o.solver);
    const forward = { ...sol.stats };
    if (o.stats) addForward(o.stats, forward);
    const values = new Float32Array(T * n);
    sol.y.forEach((yk, k) => values.set(yk, k * n));
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const g = dy.dataSync();
      const yBar = t.map((_, k) => Float64Array.from(g.subarray(k * n, (k + 1) * n)));
      const c = sol.pullback(yBar);
      if (o.stats) o.stats.nfeBackward += sol.stats.nfeBackward;
      let off = 0;
      return [
        tf.tensor2d(Float32Array.from(c.y0), [B, d]),
        ...theta.map((p) => {
          const part = Float32Array.from(c.theta.subarray(off, off + p.size));
          off += p.size;
          return tf.tensor(part, p.shape, "float32");
        }),
      ];
    };
    return { value: tf.tensor3d(values, [T, B, d], "float32"), gradFunc };
  });
  return (op as (...inputs: tf.Tensor[]) => tf.Tensor3D)(y0, ...field.variables);
}

/** θ ← the customGrad's parameter inputs (the variables, float32 widened exactly), in order. */
function readParameters(parameters: Float64Array, theta: tf.Tensor[]): void {
  let off = 0;
  for (const p of theta) {
    parameters.set(p.dataSync(), off);
    off += p.size;
  }
  if (off !== parameters.length)
    throw new OdeArgumentError(
      "field",
      `its variables hold ${off} values, its float64 form has ${parameters.length} parameters`,
    );
}

/** The forward solve's work; the backward evaluations are added by each pullback. */
function addForward(stats: SensitivityStats, s: SensitivityStats): void {
  stats.nfeForward += s.nfeForward;
  stats.naccept += s.naccept;
  stats.nreject += s.nreject;
  stats.minStep = Math.min(stats.minStep, s.minStep);
}
