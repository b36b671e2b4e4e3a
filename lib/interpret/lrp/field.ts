import type { KnownPhysics64 } from "../../neural/fields/knownPhysics";
import type { LrpNetwork } from "./network";
import { FusedMlp } from "../../neural/fields/fusedMlp";
import { FusedHybrid } from "../../neural/fields/hybrid64";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { lrpNetwork, lrpNetworkOf } from "./network";

/**
 * A vector field y' = f(t, y) as LRP through the solver reads it: a dense network, plus for a
 * universal differential equation (Rackauckas et al. 2020, arXiv:2001.04385) the known physics
 * added to it, f = known + nn.
 */
export interface LrpField {
  readonly dim: number;
  readonly network: LrpNetwork;
  readonly known: KnownPhysics64 | null;
}

/** FusedHybrid's private parts (plain properties at run time). */
/**
 * The LRP view of a FusedMlp (mlp64, toField64), a FusedHybrid (known + FusedMlp), or
 * { network, known? } given as data. Shares the parameters (no copy).
 */
export function lrpFieldOf(
  field: FusedMlp | FusedHybrid | { network: LrpNetwork; known?: KnownPhysics64 | null },
): LrpField {
  let network: LrpNetwork;
  let known: KnownPhysics64 | null = null;
  if (field instanceof FusedMlp) network = lrpNetworkOf(field);
  else if (field instanceof FusedHybrid) {
    network = lrpNetworkOf(field.nn);
    known = field.known;
  } else if (field !== null && typeof field === "object" && "network" in field) {
    network = lrpNetwork(field.network, field.network.parameters);
    known = field.known ?? null;
    if (
      known !== null &&
      (typeof known !== "object" || typeof known.rhs !== "function" || typeof known.jacobian !== "function")
    )
      throw new OdeTypeError(
        "field.known",
        `expected { rhs, jacobian } (in place, float64), got ${describeValue(known)}`,
      );
  } else
    throw new OdeTypeError(
      "field",
      `expected a FusedMlp, a FusedHybrid or { network, known? }, got ${describeValue(field)}`,
    );
  const sizes = network.sizes;
  const dim = sizes[sizes.length - 1];
  const stateWidth = sizes[0] - (network.timeDependent ? 1 : 0);
  if (stateWidth !== dim)
    throw new OdeArgumentError(
      "field",
      `a vector field's network maps the state to its derivative: input width ${stateWidth}${network.timeDependent ? " (+ t)" : ""} ≠ output width ${dim}`,
    );
  return { dim, network, known };
}
