import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import type { KnownPhysics64 } from "./knownPhysics";

/**
 * Augmented neural ODE (Dupont, Doucet & Teh 2019, "Augmented Neural ODEs"): the state is
 * padded with `extra` zero-initialised dimensions so trajectories can pass each other.
 * `inner` must act on dim + extra; use `augment(y0)` to pad the initial state.
 */
export function augmentedField(
  inner: VectorField,
  extra: number,
): VectorField & { augment(y0: tf.Tensor2D): tf.Tensor2D } {
  if (inner === null || typeof inner !== "object" || typeof inner.apply !== "function")
    throw new OdeTypeError("inner", `expected a VectorField, got ${String(inner)}`);
  if (!Number.isInteger(extra) || extra < 1)
    throw new OdeArgumentError("extra", `must be a positive integer, got ${extra}`);
  const dim = inner.dim - extra;
  if (dim < 1)
    throw new OdeArgumentError("inner", `has dim ${inner.dim}, which leaves no room for ${extra} extra dimensions`);
  return {
    dim: inner.dim,
    variables: inner.variables,
    mlp: inner.mlp,
    apply: (t, y, p) => inner.apply(t, y, p),
    forward: (t, y) => inner.forward(t, y),
    augment: (y0) => tf.concat([y0, tf.zeros([y0.shape[0], extra])], 1) as tf.Tensor2D,
  };
}

/**
 * Universal differential equation (Rackauckas et al. 2020, arXiv:2001.04385): known physics
 * plus a learned correction, f(t, y) = known(t, y) + nn(t, y). `known` is written in tfjs ops
 * (float32, for odeint / odeintAdjoint). Give `known64` — the same physics for one float64
 * state vector with its analytic Jacobian — to train with `fit({ engine: "fused" })`, which
 * also allows the stiff methods (Rodas5, BDF) when the known part is stiff.
 */
export function hybridField(
  known: (t: number, y: tf.Tensor2D) => tf.Tensor2D,
  nn: VectorField,
  known64?: KnownPhysics64,
): VectorField {
  if (typeof known !== "function")
    throw new OdeTypeError("known", `expected a function (t, y) => tensor, got ${String(known)}`);
  if (nn === null || typeof nn !== "object" || typeof nn.apply !== "function")
    throw new OdeTypeError("nn", `expected a VectorField, got ${String(nn)}`);
  if (
    known64 !== undefined &&
    (known64 === null ||
      typeof known64 !== "object" ||
      typeof known64.rhs !== "function" ||
      typeof known64.jacobian !== "function")
  )
    throw new OdeTypeError("known64", `expected { rhs, jacobian } (in place, float64), got ${describeValue(known64)}`);
  if (known64 !== undefined && !nn.mlp)
    throw new OdeArgumentError("nn", "must be a dense-layer field (mlpField) when known64 is given");
  const field: VectorField = {
    dim: nn.dim,
    variables: nn.variables,
    hybrid: known64 ? { nn, known64 } : undefined,
    apply: (t, y, p) => tf.tidy(() => tf.add(known(t, y), nn.apply(t, y, p)) as tf.Tensor2D),
    forward: (t, y) => field.apply(t, y, field.variables),
  };
  return field;
}

/**
 * Hamiltonian neural network (Greydanus, Dzamba & Yosinski 2019): a network learns the scalar
 * H(q, p) (`hamiltonian` maps [batch, 2d] to [batch, 1]) and the field is its symplectic
 * gradient (∂H/∂p, −∂H/∂q), so the learned flow conserves the learned energy.
 */
export function hamiltonianField(
  hamiltonian: VectorField | ((y: tf.Tensor2D, params: tf.Tensor[]) => tf.Tensor2D),
  dim: number,
  variables: tf.Variable[] = [],
): VectorField {
  if (dim % 2 !== 0) throw new OdeArgumentError("dim", `must be even (q and p halves), got ${dim}`);
  const H =
    typeof hamiltonian === "function" ? hamiltonian : (y: tf.Tensor2D, p: tf.Tensor[]) => hamiltonian.apply(0, y, p);
  const vars = typeof hamiltonian === "function" ? variables : hamiltonian.variables;
  const d = dim / 2;
  const field: VectorField = {
    dim,
    variables: vars,
    apply: (_t, y, params) =>
      tf.tidy(() => {
        const g = tf.grad((yy: tf.Tensor) => tf.sum(H(yy as tf.Tensor2D, params)))(y) as tf.Tensor2D;
        const dHdq = g.slice([0, 0], [-1, d]);
        const dHdp = g.slice([0, d], [-1, d]);
        return tf.concat([dHdp, tf.neg(dHdq)], 1) as tf.Tensor2D;
      }),
    forward: (t, y) => field.apply(t, y, field.variables),
  };
  return field;
}

/**
 * Any tf.LayersModel mapping [batch, dim] to [batch, dim] as a field (autonomous). The model's
 * own weights are used: `apply` accepts only those very tensors as parameters, which is what
 * `odeint` and `odeintAdjoint` pass, so both gradient methods work.
 */
export function fromLayersModel(model: tf.LayersModel): VectorField {
  const inShape = model.inputs[0].shape;
  const outShape = model.outputs[0].shape;
  const dim = inShape[inShape.length - 1];
  if (dim == null || outShape[outShape.length - 1] !== dim) {
    throw new OdeArgumentError(
      "model",
      `must map [batch, d] to [batch, d]; input ${JSON.stringify(inShape)}, output ${JSON.stringify(outShape)}`,
    );
  }
  const variables = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const field: VectorField = {
    dim,
    variables,
    apply: (_t, y, params) => {
      // The model reads its own variables; the adjoint passes those very tensors as θ, so
      // reverse mode with respect to them flows through model.apply.
      if (params.length !== variables.length || params.some((p, i) => p !== variables[i]))
        throw new OdeArgumentError(
          "params",
          "fromLayersModel fields can only be applied with the model's own weight tensors (as odeint and odeintAdjoint do)",
        );
      return model.apply(y) as tf.Tensor2D;
    },
    forward: (_t, y) => model.apply(y) as tf.Tensor2D,
  };
  return field;
}
