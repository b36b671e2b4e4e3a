import type { MlpOptions } from "./mlpSpec";
import { initialLayers, mlpSpecFromOptions, parameterLayout } from "./mlpSpec";
import { FusedMlp } from "./fusedMlp";

/**
 * A dense-layer Field64 from the same options as mlpField, without tfjs: where a user who trains
 * and analyses in float64 starts. The same seed gives mlpField's weights (drawn in float32 by
 * the same generator, widened exactly to float64), so the two forms of a field agree.
 */
export function mlp64(o: MlpOptions): FusedMlp {
  const spec = mlpSpecFromOptions(o);
  const { offsets, count } = parameterLayout(spec.sizes);
  const parameters = new Float64Array(count);
  initialLayers(spec, o.seed, o.initStd).forEach((values, k) => parameters.set(values, offsets[k]));
  return new FusedMlp(spec, parameters);
}
