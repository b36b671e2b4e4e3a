import type { Field64 } from "../../sensitivity/field64";
import type { ReactionNetwork } from "./network";
import { parametricField64 } from "../../sensitivity/parametricField64";
import { OdeTypeError, describeValue } from "../../ode/errors";

/**
 * A mass-action network (lib/systems/kinetics) as a Field64 whose parameters are its rate
 * constants k (a copy of net.k, in reaction order; net.rateNames names them), so saliency,
 * integrated gradients, LIME and stepSensitivities attribute a concentration to each k.
 * Mass action (Guldberg–Waage): f = N·r, r_j = k_j·Π_s y_s^{ν_sj} over the reactants of reaction
 * j; ∂f_i/∂k_j = N_ij·Π_s y_s^{ν_sj} and ∂f/∂y = N·∂r/∂y (the network's own rhs and jacobian
 * have k compiled in, so they cannot follow a change of θ).
 */
export function rateConstantField(net: ReactionNetwork): Field64 {
  if (
    net === null ||
    typeof net !== "object" ||
    !Array.isArray(net.reactions) ||
    !(net.stoichiometry instanceof Float64Array)
  )
    throw new OdeTypeError("net", `expected a kinetics ReactionNetwork, got ${describeValue(net)}`);
  const n = net.n;
  const m = net.m;
  const N = net.stoichiometry;
  const reactants = net.reactions.map((r) => r.reactants.map(([s, c]) => [s, c] as const));
  const mono = new Float64Array(m);
  /** Π_s y_s^{ν_sj} for every reaction j. */
  const monomials = (y: Float64Array): void => {
    for (let j = 0; j < m; j++) {
      let p = 1;
      for (const [s, c] of reactants[j]) p *= y[s] ** c;
      mono[j] = p;
    }
  };
  return parametricField64({
    dim: n,
    parameters: net.k,
    rhs(_t, y, k, out) {
      monomials(y);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < m; j++) acc += N[i * m + j] * k[j] * mono[j];
        out[i] = acc;
      }
    },
    jacobianY(_t, y, k, out) {
      out.fill(0);
      for (let j = 0; j < m; j++)
        for (const [l, c] of reactants[j]) {
          // ∂r_j/∂y_l = k_j·c·y_l^{c−1}·Π_{s≠l} y_s^{ν_sj}.
          let d = k[j] * c * y[l] ** (c - 1);
          for (const [s, cs] of reactants[j]) if (s !== l) d *= y[s] ** cs;
          for (let i = 0; i < n; i++) out[i * n + l] += N[i * m + j] * d;
        }
    },
    jacobianP(_t, y, _k, out) {
      monomials(y);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = N[i * m + j] * mono[j];
    },
  });
}
