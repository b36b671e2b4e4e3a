import type { OdeStats, Stepper, StepperConfig } from "../ode/types";
import type { Field64 } from "./field64";
import type { Cotangents, DifferentiableSolution, GradientMethod, SolverSpec } from "./gradientMethod";
import type { CheckedSolver } from "./checkArgs";
import type { OutputSources, SweepWork } from "./discreteReverse";
import { emptySensitivityStats } from "./gradientMethod";
import { checkCotangents, checkSolveArgs, checkSolver } from "./checkArgs";
import { methodNames, methods } from "../ode/methods";
import { ExplicitRungeKuttaStepper } from "../ode/steppers/explicitRungeKutta";
import { emptyStats } from "../ode/rhs";
import { OdeArgumentError, OdeStateError } from "../ode/errors";
import { SolveFailedError } from "./solveFailed";
import { StepRecording } from "./stepRecording";
import { reverseSweep, sweepTableau } from "./discreteReverse";

/** What one method instance keeps per field between solves, so a training loop allocates once. */
interface Workspace {
  recording: StepRecording;
  work: SweepWork | null;
  /** θ at the last forward solve, to refuse a pullback after the parameters moved. */
  theta: Float64Array;
  /** Bumped by every solve: a solution's pullback is valid while the generation is its own. */
  generation: number;
}

const explicitNames = () => methodNames.filter((m) => methods[m].kind === "explicitRungeKutta").join(", ");

/**
 * The discrete gradient ("discretise-then-optimise", what backprop through torchdiffeq's odeint
 * and diffrax's RecursiveCheckpointAdjoint compute): the exact derivative of the computed
 * solution, by reverse mode through the accepted steps of lib/ode's explicit Runge–Kutta stepper,
 * step sizes held fixed. The stepper reports each accepted step on a StepTape; the field's inputs
 * and activations are kept per evaluation (Field64.forwardRecord, when the field has it), so the
 * reverse sweep needs no forward pass.
 *
 * Methods with a polynomial continuous extension of their own stages (DOPRI5, Tsit5, BS3: the
 * registry's `dense: "polynomial"`) solve [t_0, t_K] once, stepping freely, and take the outputs
 * from the extension, as `solveIVP` with `tEval` does (the same bits) and torchdiffeq does; the
 * extension is differentiated too. The others land on every output time: fixed-step methods with
 * `solver.step` (default one step per output interval, the last step of an interval clipped),
 * DOP853 with its step size carried across the output times. Stiff methods (Rodas5, BDF, Auto)
 * have no explicit stages: use the continuous adjoint for them.
 *
 * Memory grows with the number of evaluations (the batch state and the field's record per
 * evaluation). The tape is reused by the next solve of the same field with this method object:
 * a solution's `pullback` works until then, and while the field's parameters are unchanged.
 */
export function discrete(): GradientMethod {
  const workspaces = new WeakMap<Field64, Workspace>();
  return {
    name: "discrete",
    solve(field: Field64, y0: Float64Array, t: readonly number[], solver: SolverSpec): DifferentiableSolution {
      const spec = checkSolver(solver);
      if (spec.info.kind !== "explicitRungeKutta")
        throw new OdeArgumentError(
          "solver.method",
          `"${spec.info.name}" is not an explicit Runge–Kutta method (kind "${spec.info.kind}"); the discrete gradient replays explicit stages (${explicitNames()}): use the continuous adjoint for it`,
        );
      checkSolveArgs(field, y0, t);
      let ws = workspaces.get(field);
      if (ws === undefined) {
        ws = { recording: new StepRecording(), work: null, theta: new Float64Array(0), generation: 0 };
        workspaces.set(field, ws);
      }
      return solveRecorded(field, y0, t, spec, ws);
    },
  };
}

function solveRecorded(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  spec: CheckedSolver,
  ws: Workspace,
): DifferentiableSolution {
  const tab = spec.info.tableau!;
  const n = y0.length;
  const s = tab.stages;
  const T = t.length;
  const recordLength =
    field.forwardRecord && field.vjpRecorded && field.recordWidth ? (n / field.dim) * field.recordWidth : 0;
  const rec = ws.recording;
  rec.reset(n, s, recordLength);
  const generation = ++ws.generation;
  const stats: OdeStats = emptyStats();
  const f = rec.rhs(field, stats);
  const rtol = new Float64Array(n).fill(spec.rtol);
  const atol = new Float64Array(n).fill(spec.atol);
  const y: Float64Array[] = [Float64Array.from(y0)];
  const sources: OutputSources = { step: new Int32Array(T).fill(-1), theta: new Float64Array(T).fill(NaN) };
  const dir = Math.sign(t[T - 1] - t[0]);

  const config = (from: number, to: number, start: Float64Array, prev: ExplicitRungeKuttaStepper | null) => {
    const span = Math.abs(to - from);
    const c: StepperConfig = {
      f,
      t0: from,
      y0: start,
      tBound: to,
      rtol,
      atol,
      // DOP853 keeps the step size it had reached; the first solve chooses one (HNW's rule).
      firstStep: prev === null ? 0 : Math.min(prev.nextStepSize, span),
      maxStep: span,
      maxSteps: spec.maxSteps,
      step: spec.info.fixedStep ? Math.min(spec.step === 0 ? span : spec.step, span) : 0,
      jacobian: null,
      recorder: null,
      stats,
      normLength: n,
      tape: rec,
      // f at the restart is the last step's f(t_new, y_new): not evaluated again.
      f0: prev === null ? null : prev.fNew,
      f0Eval: rec.lastFNewEval,
    };
    return c;
  };
  /** Steps until `to`; outputs inside the steps (continuous extension) or at their ends. */
  const run = (stepper: Stepper, to: number, next: number): number => {
    let accepted = 0;
    while ((stepper.t - to) * dir < 0) {
      const outcome = stepper.step();
      if (outcome !== "ok")
        throw new SolveFailedError(outcome, stepper.t, `discrete gradient: ${stepper.failureMessage}`);
      accepted++;
      // As OdeStats.minStep: a last step clipped to the bound counts only when it is the only one.
      if (stepper.t !== to || accepted === 1)
        stats.minStep = Math.min(stats.minStep, Math.abs(stepper.t - stepper.tOld));
      const m = rec.steps - 1;
      for (; next < T && (t[next] - stepper.t) * dir <= 0; next++) {
        sources.step[next] = m;
        if (t[next] === stepper.t) {
          y.push(Float64Array.from(stepper.y));
        } else {
          y.push(stepper.interpolate(t[next], new Float64Array(n)));
          sources.theta[next] = (t[next] - rec.stepT[m]) / rec.stepH[m];
        }
      }
    }
    return next;
  };

  if (spec.info.dense === "polynomial") {
    run(spec.info.create(config(t[0], t[T - 1], y0, null)), t[T - 1], 1);
  } else {
    let prev: ExplicitRungeKuttaStepper | null = null;
    for (let k = 1; k < T; k++) {
      const stepper = spec.info.create(config(t[k - 1], t[k], y[k - 1], prev));
      run(stepper, t[k], k);
      prev = stepper instanceof ExplicitRungeKuttaStepper ? stepper : null;
    }
  }
  // Every output time is passed exactly once: an internal invariant, not an input error.
  if (y.length !== T) throw new OdeStateError("outputs", `discrete gradient: produced ${y.length} of ${T} outputs`);

  if (ws.theta.length !== field.parameters.length) ws.theta = new Float64Array(field.parameters.length);
  ws.theta.set(field.parameters);
  if (ws.work === null || ws.work.kBar.length !== s * n) {
    const kBar = new Float64Array(s * n);
    ws.work = {
      kBar,
      kRows: Array.from({ length: s }, (_, i) => kBar.subarray(i * n, (i + 1) * n)),
      gY: new Float64Array(n),
      f: new Float64Array(n),
      q: new Float64Array(s),
    };
  }
  const sweep = sweepTableau(tab);
  const sensitivityStats = emptySensitivityStats();
  sensitivityStats.nfeForward = stats.nfev;
  sensitivityStats.naccept = stats.naccept;
  sensitivityStats.nreject = stats.nreject;
  sensitivityStats.minStep = stats.minStep;
  sensitivityStats.keptBytes = rec.bytes() + y.reduce((b, v) => b + v.byteLength, 0);

  return {
    t: t.slice(),
    y,
    stats: sensitivityStats,
    pullback(yBar: readonly (Float64Array | null)[]): Cotangents {
      checkCotangents(yBar, T, n);
      if (ws.generation !== generation)
        throw new OdeStateError(
          "stale",
          "pullback: a later solve of the same field with this discrete() method has replaced this solve's tape; pull back before solving again (or use another discrete() object)",
        );
      const theta = field.parameters;
      for (let p = 0; p < theta.length; p++)
        if (!Object.is(theta[p], ws.theta[p]))
          throw new OdeStateError(
            "stale",
            `pullback: the field's parameters changed since the forward solve (parameter ${p} was ${ws.theta[p]}, is ${theta[p]}); pull back before updating them`,
          );
      const g: Cotangents = { theta: new Float64Array(theta.length), y0: new Float64Array(n) };
      sensitivityStats.nfeBackward = reverseSweep(field, rec, sweep, sources, yBar, ws.work!, g.theta, g.y0);
      return g;
    },
  };
}
