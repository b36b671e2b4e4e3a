import type { Field64 } from "../../sensitivity/field64";
import type { VectorField } from "./field";
import { FusedMlp } from "./fusedMlp";
import { FusedHybrid } from "./hybrid64";
import { checkMlpSpec, parameterLayout } from "./mlpSpec";
import { syncParameters } from "./tfjsParameters";
import { tensorField64 } from "./tensorField64";
import { OdeTypeError, describeValue } from "../../ode/errors";

/**
 * The float64 form of a tfjs field, its θ read from the variables (float32 widened exactly): a
 * dense-layer field (mlpField, augmentedField of one) becomes a FusedMlp, a hybrid with a float64
 * known part a FusedHybrid — both exact float64 loops —, anything else the generic adapter
 * `tensorField64` (float32 tfjs evaluations behind the Field64 interface). θ is laid out as the
 * variables in order; `storeParameters` writes it back, `syncParameters` reads it again.
 */
export function toField64(field: VectorField): Field64 {
  if (field === null || typeof field !== "object" || !Array.isArray(field.variables))
    throw new OdeTypeError("field", `expected a VectorField (mlpField, hybridField, …), got ${describeValue(field)}`);
  const dense = field.hybrid ? field.hybrid.nn.mlp : field.mlp;
  if (dense === undefined) return tensorField64(field);
  checkMlpSpec(dense, "field.mlp");
  const nn = new FusedMlp(dense, new Float64Array(parameterLayout(dense.sizes).count));
  const out = field.hybrid ? new FusedHybrid(nn, field.hybrid.known64) : nn;
  syncParameters(out, field);
  return out;
}
