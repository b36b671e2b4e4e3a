import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import type { NeuralSolveOptions } from "./integrate";
import { integrateInterval, newStepState, resolveOptions, solveThroughOutputs } from "./integrate";
import { checkY0 } from "./odeint";
import { vjpAllowUnused } from "./vjp";

/**
 * `odeint` with gradients by the adjoint method (Chen et al. 2018, "Neural Ordinary
 * Differential Equations", Algorithm 1): the forward solve records no tape; the backward pass
 * integrates the augmented state [z, a, a_θ] from t_N to t_0 with
 *   dz/dt = f(z, t),  da/dt = −aᵀ ∂f/∂z,  da_θ/dt = −aᵀ ∂f/∂θ,
 * adding ∂L/∂z(t_i) to a at each output time. Memory does not grow with the number of steps.
 * Exposed as a tf.customGrad over (y0, θ), so tf.variableGrads / optimizer.minimize see the
 * parameter gradients exactly as with `odeint`. As in torchdiffeq, parameters (or states) the
 * field does not use get zero gradients, and `t = [t0]` returns [y0]. `adjointNorm: "seminorm"`
 * leaves a_θ out of the backward error norm (Kidger, Chen & Lyons 2021).
 */
export function odeintAdjoint(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  options: NeuralSolveOptions = {},
): tf.Tensor3D {
  checkY0(field, y0);
  const o = resolveOptions(options, t);
  const params = field.variables;
  const stats = options.stats ?? null;
  const op = tf.customGrad((...args: unknown[]) => {
    const save = args[args.length - 1] as (ts: tf.Tensor[]) => void;
    const [z0, ...theta] = args.slice(0, -1) as tf.Tensor[];
    const counters = { nfe: 0, stats };
    const rhs = (s: number, state: tf.Tensor[]) => [field.apply(s, state[0] as tf.Tensor2D, theta)];
    const value = solveThroughOutputs(rhs, z0, t, o, counters);
    if (stats) stats.nfeForward += counters.nfe;
    save([value]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      // tf.grads inside a gradient function replaces the engine's active tape and, finishing at
      // gradient depth 0, sets it to null, which breaks the outer backward pass's clean-up
      // (tfjs-core engine.ts `gradients`). Keep the outer tape and put it back afterwards.
      const engineState = (tf.engine() as unknown as { state: { activeTape: unknown } }).state;
      const outerTape = engineState.activeTape;
      try {
        return backward(dy, saved);
      } finally {
        engineState.activeTape = outerTape;
      }
    };
    const backward = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const back = { nfe: 0, stats: null };
      // Seminorm: only z and a (the first two tensors of [z, a, a_θ…]) in the step-size control.
      const backOpts = { ...o, normTensors: o.adjointNorm === "seminorm" ? 2 : undefined };
      const hBack = newStepState(o.tableau, [...t].reverse());
      // Augmented dynamics; the vector–Jacobian products come from one reverse-mode pass.
      const augmented = (s: number, state: tf.Tensor[]): tf.Tensor[] => {
        const [z, a] = state;
        const vjp = vjpAllowUnused(
          (zz: tf.Tensor, ...pp: tf.Tensor[]) => tf.sum(tf.mul(field.apply(s, zz as tf.Tensor2D, pp), a)) as tf.Scalar,
          [z, ...theta],
        );
        const f = field.apply(s, z as tf.Tensor2D, theta);
        return [f, ...vjp.map((g) => tf.neg(g))];
      };
      const T = t.length;
      const traj = saved[0];
      let state: tf.Tensor[] = tf.tidy(() => [
        tf.gather(traj, T - 1).reshape(z0.shape),
        tf.gather(dy, T - 1).reshape(z0.shape),
        ...theta.map((p) => tf.zerosLike(p)),
      ]);
      for (let i = T - 1; i >= 1; i--) {
        const next = tf.tidy(() => {
          const s = integrateInterval(augmented, state, t[i], t[i - 1], o.tableau, backOpts, hBack, back);
          // Restart z from the stored forward value (removes the drift of the reversed solve) and add ∂L/∂z(t_{i−1}).
          return [
            tf.gather(traj, i - 1).reshape(z0.shape),
            tf.add(s[1], tf.gather(dy, i - 1).reshape(z0.shape)),
            ...s.slice(2),
          ];
        });
        tf.dispose(state);
        state = next;
      }
      if (stats) stats.nfeBackward += back.nfe;
      const grads = state.slice(1);
      tf.dispose(state[0]);
      return grads;
    };
    return { value, gradFunc };
  });
  return (op as (...inputs: tf.Tensor[]) => tf.Tensor3D)(y0, ...params);
}
