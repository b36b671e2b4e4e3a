import type { Field64 } from "./field64";
import type { DifferentiableSolution, GradientMethod, SensitivityStats, SolverSpec } from "./gradientMethod";
import { checkCotangents, checkSolveArgs, checkSolver } from "./checkArgs";
import { forwardPass } from "./forwardPass";
import { backwardPass } from "./adjointBackward";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

/**
 * Options of the continuous adjoint. Each has a default; unknown keys are errors (a typo would
 * otherwise silently fall back to the default).
 */
export interface AdjointOptions {
  /**
   * Where the backward pass gets the forward state z(t). "interpolated" (default): from the
   * forward solve's dense output, so z is not re-integrated — stable for stiff (dissipative)
   * fields, where integrating z backwards blows up (the interpolating adjoint of Kim et al. 2021,
   * "Stiff neural ordinary differential equations", Chaos 31, 093122); memory grows with the
   * forward steps. "reversed": z integrated backwards beside the adjoint (Chen et al. 2018,
   * Algorithm 1), memory independent of the steps; restarted from the forward solution at each
   * output time (as torchdiffeq). Its stiff Jacobian would need ∂²f: the stiff solvers difference it.
   */
  state?: "interpolated" | "reversed";
  /**
   * Error norm of the backward solve with `parameters: "augmented"`: "full" (default: every
   * component, torchdiffeq's default) or "seminorm" (leave out a_θ, which feeds nothing back;
   * Kidger, Chen & Lyons 2021, "Hey, that's not an ODE", ICML): fewer backward steps. With
   * "quadrature" a_θ is never in the solver's state nor its error norm (CVODES's default,
   * errconQ off), so both values mean the same.
   */
  norm?: "full" | "seminorm";
  /**
   * How the parameter adjoint a_θ = ∫ aᵀ∂f/∂θ dt is computed. "augmented": integrated by the
   * solver as part of the backward state [a, a_θ] (n + P components; a stiff method factors
   * (n + P)² matrices). "quadrature": the solver carries only a (n components: Newton, Rosenbrock
   * stages and LU act on n×n), and a_θ is a Gauss–Legendre sum on each accepted backward step
   * from the step's dense output of a and the forward dense output of z (CVODES's quadrature
   * variables: Hindmarsh et al. 2005, ACM TOMS 31(3) 363, doi:10.1145/1089014.1089020; cvodes
   * guide §2.6). Default: "quadrature" for stiff methods (registry `stiff`), "augmented" for
   * explicit ones (bench/sensitivity-stiff.md measures both).
   */
  parameters?: "quadrature" | "augmented";
}

const choices: Record<keyof AdjointOptions, readonly string[]> = {
  state: ["interpolated", "reversed"],
  norm: ["full", "seminorm"],
  parameters: ["quadrature", "augmented"],
};

function checkAdjointOptions(o: unknown): AdjointOptions {
  if (o === undefined) return {};
  if (o === null || typeof o !== "object" || Array.isArray(o))
    throw new OdeTypeError("options", `expected { state, norm, parameters }, got ${String(o)}`);
  for (const [key, value] of Object.entries(o)) {
    if (!Object.hasOwn(choices, key))
      throw new OdeArgumentError(
        `options.${key}`,
        `is not an option of adjoint(); expected one of ${Object.keys(choices).join(", ")}`,
      );
    const allowed = choices[key as keyof AdjointOptions];
    if (value !== undefined && !allowed.includes(value as string))
      throw new OdeArgumentError(
        `options.${key}`,
        `unknown value ${JSON.stringify(value) ?? String(value)}; expected ${allowed.map((v) => `"${v}"`).join(" or ")}`,
      );
  }
  return o as AdjointOptions;
}

/**
 * The continuous adjoint (Chen et al. 2018, "Neural ordinary differential equations", NeurIPS,
 * Algorithm 1; Pontryagin's adjoint) as a gradient method over any method of the registry: the
 * forward solve runs on lib/ode's OdeSolver; `pullback(yBar)` integrates a' = −(∂f/∂z)ᵀa from
 * each output time to the previous one (a jumps by yBar_k there), with the field's vector–Jacobian
 * product, and for stiff methods the analytic backward Jacobian −(∂f/∂z)ᵀ from
 * `field.jacobian`. ∂L/∂θ = ∫ aᵀ∂f/∂θ dt and ∂L/∂y0 = a(t_0). The gradient is that of the
 * continuous solution: it agrees with differences of the solve to the solver's tolerance, not to
 * round-off (the `discrete` method is exact for the discrete map).
 *
 * Stats: nfeForward the forward evaluations; nfeBackward those of the last pullback, counting
 * each quadrature node as one evaluation; naccept, nreject, minStep over forward and last backward.
 *
 * @example
 * const sol = adjoint({ parameters: "quadrature" }).solve(field, y0, [0, 1, 2], { method: "Rodas5" });
 * const { theta, y0: gy0 } = sol.pullback([null, null, dLdy2]);
 */
export function adjoint(options?: AdjointOptions): GradientMethod {
  const o = checkAdjointOptions(options);
  const interpolated = (o.state ?? "interpolated") === "interpolated";
  const seminorm = o.norm === "seminorm";
  return {
    name: "adjoint",
    solve(field: Field64, y0: Float64Array, t: readonly number[], solver: SolverSpec): DifferentiableSolution {
      checkSolveArgs(field, y0, t);
      const s = checkSolver(solver);
      const quadrature = (o.parameters ?? (s.info.stiff ? "quadrature" : "augmented")) === "quadrature";
      const times = Array.from(t);
      const fwd = forwardPass(field, y0, times, s, interpolated);
      const stats: SensitivityStats = {
        nfeForward: fwd.stats.nfev,
        nfeBackward: 0,
        naccept: fwd.stats.naccept,
        nreject: fwd.stats.nreject,
        minStep: fwd.stats.minStep,
        // The forward outputs, their copies handed out as y, and (interpolated) the dense output.
        keptBytes: 2 * fwd.y.reduce((b, v) => b + v.byteLength, 0) + (fwd.trajectory?.bytes ?? 0),
      };
      return {
        t: times,
        // Copies: the reversed mode restarts z from the forward states, which a caller editing y
        // must not change.
        y: fwd.y.map((v) => v.slice()),
        stats,
        pullback(yBar) {
          checkCotangents(yBar, times.length, y0.length);
          const back = backwardPass(field, times, s, fwd, yBar, { interpolated, quadrature, seminorm });
          stats.nfeBackward = back.nfe;
          stats.naccept = fwd.stats.naccept + back.naccept;
          stats.nreject = fwd.stats.nreject + back.nreject;
          stats.minStep = Math.min(fwd.stats.minStep, back.minStep);
          return { theta: back.theta, y0: back.y0 };
        },
      };
    },
  };
}
