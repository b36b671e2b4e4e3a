import type * as tf from "@tensorflow/tfjs";
import type { VectorField } from "./field";
import type { RhsInPlace } from "../ode/types";
import { OdeArgumentError } from "../ode/errors";

const act: Record<string, (x: number) => number> = {
  tanh: Math.tanh,
  relu: (x) => (x > 0 ? x : 0),
  softplus: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  identity: (x) => x,
};

/**
 * The same dense-layer field evaluated in float64 for one state vector, with the current
 * weights read out of tfjs (float32 values widened to float64). In place and allocation-free
 * per call, so `solveIVP` can integrate a trained field with any float64 method.
 */
export function float64Rhs(field: VectorField): RhsInPlace {
  const spec = field.mlp;
  if (!spec) throw new OdeArgumentError("field", "is not a dense-layer field (mlpField); it has no float64 form");
  const sizes = spec.sizes;
  const W = field.variables.filter((_, i) => i % 2 === 0).map((v) => Float64Array.from((v as tf.Tensor).dataSync()));
  const B = field.variables.filter((_, i) => i % 2 === 1).map((v) => Float64Array.from((v as tf.Tensor).dataSync()));
  const bufs = sizes.map((s) => new Float64Array(s));
  const sigma = act[spec.activation];
  const dim = field.dim;
  return (t, y, dydt) => {
    const x0 = bufs[0];
    for (let i = 0; i < dim; i++) x0[i] = spec.inputTransform === "cube" ? y[i] * y[i] * y[i] : y[i];
    if (spec.timeDependent) x0[dim] = t;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const [nIn, nOut] = [sizes[l], sizes[l + 1]];
      const xin = bufs[l];
      const xout = l + 2 === sizes.length ? dydt : bufs[l + 1];
      const w = W[l];
      const b = B[l];
      for (let j = 0; j < nOut; j++) {
        let acc = b[j];
        for (let i = 0; i < nIn; i++) acc += xin[i] * w[i * nOut + j];
        xout[j] = l + 2 === sizes.length ? acc : sigma(acc);
      }
    }
  };
}
