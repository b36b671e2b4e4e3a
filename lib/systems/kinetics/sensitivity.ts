import type { MethodName, OdeResult } from "../../ode/types";
import { solveIVP } from "../../ode/solveIVP";
import { OdeArgumentError } from "../../ode/errors";
import { methodInfo, methodNames, methods } from "../../ode/methods";
import { KineticsSolveError, argumentTypeError } from "./errors";
import type { ReactionNetwork } from "./network";
import { compileMassAction } from "./compile";

export interface SensitivityOptions {
  tEval: number[];
  method?: MethodName;
  rtol?: number;
  atol?: number;
}

export interface SensitivityResult {
  t: number[];
  /** States at tEval. */
  y: Float64Array[];
  /** ∂y/∂k at tEval, each row-major n × m (species × reactions). */
  S: Float64Array[];
  solve: OdeResult;
}

/**
 * Forward sensitivities of the concentrations with respect to the rate constants: alongside
 * y' = f(y, k) integrate S' = (∂f/∂y) S + ∂f/∂k with S(0) = 0 (the variational equations;
 * Hairer–Nørsett–Wanner I, Sec. I.14). For mass action ∂f_i/∂k_j = N_ij Π y^ν_j, so both terms
 * come from the network's compiled code. Stiff networks: use Rodas5 or BDF (the default).
 */
export function rateSensitivities(
  net: ReactionNetwork,
  y0: ArrayLike<number>,
  tSpan: [number, number],
  o: SensitivityOptions,
): SensitivityResult {
  const n = net.n;
  const m = net.m;
  if (y0 === null || typeof y0 !== "object" || typeof y0.length !== "number")
    throw argumentTypeError("y0", `an array of ${n} concentrations`, y0);
  if (y0.length !== n) throw new OdeArgumentError("y0", `has ${y0.length} entries, the network ${n} species`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y0[i])) throw new OdeArgumentError("y0", `species ${net.species[i]} (index ${i}) is ${y0[i]}`);
  const method = methodInfo(o.method ?? "BDF", "method");
  if (method.fixedStep) {
    // There is no step-size option here: the augmented system is solved to rtol / atol.
    const adaptive = methodNames.filter((name) => !methods[name].fixedStep);
    throw new OdeArgumentError(
      "method",
      `${method.name} is fixed-step, but forward sensitivities are solved to rtol and atol; use one of ${adaptive.join(", ")}`,
    );
  }
  const monomials = compileMassAction(net.reactions, net.stoichiometry, n, new Float64Array(m).fill(1)).rates;
  const N = net.stoichiometry;
  const J = new Float64Array(n * n);
  const mono = new Float64Array(m);
  const y = new Float64Array(n);
  const dy = new Float64Array(n);
  const rhs = (t: number, state: Float64Array, d: Float64Array) => {
    for (let i = 0; i < n; i++) y[i] = state[i];
    net.rhs(t, y, dy);
    net.jacobian(t, y, J);
    monomials(y, mono);
    for (let i = 0; i < n; i++) d[i] = dy[i];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let acc = N[i * m + j] * mono[j];
        for (let l = 0; l < n; l++) {
          const jl = J[i * n + l];
          if (jl !== 0) acc += jl * state[n + l * m + j];
        }
        d[n + i * m + j] = acc;
      }
    }
  };
  const start = new Float64Array(n + n * m);
  start.set(Array.from(y0));
  const solve = solveIVP(rhs, tSpan, start, {
    method: method.name,
    rtol: o.rtol ?? 1e-8,
    atol: o.atol ?? 1e-12,
    tEval: o.tEval,
  });
  if (!solve.success)
    throw new KineticsSolveError(
      `rateSensitivities: the ${solve.method} solve of the network and its sensitivities failed (${solve.status}): ${solve.message}`,
      solve.status,
    );
  return {
    t: solve.t,
    y: solve.y.map((s) => s.slice(0, n)),
    S: solve.y.map((s) => s.slice(n)),
    solve,
  };
}
