import type { Field64 } from "./field64";
import type { CheckedSolver } from "./checkArgs";
import type { OdeStats, Rhs } from "../ode/types";
import type { OdeSolverOptions } from "../ode/odeSolver";
import { OdeSolver } from "../ode/odeSolver";
import { DenseTrajectory } from "./denseTrajectory";
import { SolveFailedError } from "./solveFailed";

/** What a gradient method keeps of the forward solve. */
export interface ForwardPass {
  /** The state at each output time (copies). */
  y: Float64Array[];
  /** Counters summed over the solve (fixed-step methods: over the output intervals). */
  stats: OdeStats;
  /** The accepted steps' interpolants, when asked for. */
  trajectory: DenseTrajectory | null;
}

/**
 * The options of one OdeSolver run of a gradient method over [from, to]: the registry method,
 * tolerances and step budget; fixed-step methods take `solver.step` (default: the whole span,
 * one step per output interval), never longer than the span.
 */
export function solverOptions(s: CheckedSolver, from: number, to: number): OdeSolverOptions {
  const o: OdeSolverOptions = { method: s.info.name, rtol: s.rtol, atol: s.atol, maxSteps: s.maxSteps };
  if (s.info.fixedStep) {
    const span = Math.abs(to - from);
    o.step = s.step === 0 ? span : Math.min(s.step, span);
  }
  return o;
}

/**
 * Integrates `rhs` (state of length N) through the output times t with the checked solver,
 * recording y(t_k) and, when `dense`, every accepted step's interpolant. Adaptive methods solve
 * [t_0, t_K] once and interpolate at the output times (what `solveIVP` with `tEval` does, same
 * bits); fixed-step methods restart at each output time so the outputs are step ends.
 */
export function integrateThrough(
  rhs: Rhs,
  x0: Float64Array,
  t: readonly number[],
  s: CheckedSolver,
  extra: Pick<OdeSolverOptions, "jacobian" | "checkJacobian" | "jacobianBand">,
  dense: boolean,
  what: string,
): ForwardPass {
  const T = t.length;
  const y: Float64Array[] = [Float64Array.from(x0)];
  const trajectory = dense ? new DenseTrajectory() : null;
  const stats: OdeStats = { nfev: 0, njev: 0, nlu: 0, nsteps: 0, naccept: 0, nreject: 0, minStep: Infinity };
  const pieces: [number, number][] = s.info.fixedStep ? t.slice(1).map((tk, k) => [t[k], tk]) : [[t[0], t[T - 1]]];
  let start = x0;
  let next = 1;
  for (const [from, to] of pieces) {
    const solver = new OdeSolver(rhs, from, start, to, { ...solverOptions(s, from, to), ...extra });
    const dir = solver.direction;
    while (solver.status === "running") {
      const failure = solver.step();
      if (failure !== null) throw new SolveFailedError(solver.failure!, solver.t, `${what} failed: ${failure}`);
      if (trajectory !== null) trajectory.push(solver.denseSegment());
      const tNow = solver.t;
      while (next < T && (t[next] - tNow) * dir <= 0) {
        const tk = t[next++];
        y.push(tk === tNow ? Float64Array.from(solver.y) : solver.interpolate(tk, new Float64Array(x0.length)));
      }
    }
    addStats(stats, solver.stats);
    start = y[y.length - 1];
  }
  return { y, stats, trajectory };
}

export function addStats(into: OdeStats, s: OdeStats): void {
  into.nfev += s.nfev;
  into.njev += s.njev;
  into.nlu += s.nlu;
  into.nsteps += s.nsteps;
  into.naccept += s.naccept;
  into.nreject += s.nreject;
  into.minStep = Math.min(into.minStep, s.minStep);
}

/** The forward solve of a field: f(t, y) on the batch, with ∂f/∂y for the stiff methods. */
export function forwardPass(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  s: CheckedSolver,
  dense: boolean,
): ForwardPass {
  return integrateThrough(
    (time, y, dy) => field.forward(time, y, dy),
    y0,
    t,
    s,
    {
      jacobian: !s.info.stiff ? undefined : (time, y, jac) => field.jacobian(time, y, jac, null),
      // Field64 Jacobians are analytic and tested against differences where they are defined
      // (test/neural); re-checking them in every solve of every training iteration cost ~12 %.
      checkJacobian: false,
    },
    dense,
    "forward solve",
  );
}
