import type { DenseSegment, OdeOptions, OdeStats, Rhs, StepOutcome, StepRecord, Stepper, StepperConfig } from "./types";
import type { ValidatedProblem } from "./options";
import { validateProblem } from "./options";
import { countedRhs, emptyStats } from "./rhs";
import { methods } from "./methods";
import { OdeArgumentError, OdeStateError, OdeTypeError } from "./errors";

export type OdeSolverStatus = "running" | "finished" | "failed";
/** Options of the step-by-step solver: those of `solveIVP` less the output ones (tEval, dense, events). */
export type OdeSolverOptions = Omit<OdeOptions, "tEval" | "dense" | "events">;

/**
 * A step-by-step solver, scipy's `OdeSolver` (scipy/integrate/_ivp/base.py): `step()` advances
 * one accepted step toward `tBound` and returns null, or on failure the message (with the time
 * reached); `status` goes "running" → "finished" | "failed"; `denseOutput()` is the interpolant
 * of the last step. It drives the same steppers as `solveIVP` (which runs on it). `tBound` may
 * be ±Infinity: the caller decides when to stop. As in scipy, an empty state or t0 = tBound is
 * finished by the first `step()`, whose dense output is the constant y0.
 *
 * @example
 * const s = new OdeSolver((t, y, dy) => { dy[0] = -y[0]; }, 0, [1], Infinity, { rtol: 1e-8 });
 * while (s.t < 5) s.step();
 */
export class OdeSolver {
  readonly n: number;
  readonly tBound: number;
  /** Sign of tBound − t0 (+1 when they are equal, as scipy). */
  readonly direction: number;
  /** Counters shared with the stepper: nfev, njev, nlu, nsteps, naccept, nreject. */
  readonly stats: OdeStats;
  private statusNow: OdeSolverStatus = "running";
  private failureNow: Exclude<StepOutcome, "ok"> | null = null;
  private messageNow: string | null = null;
  /** Every attempted step when `recordSteps: true`, else null. */
  readonly steps: StepRecord[] | null;

  /** Null for the corner cases that take no step (empty state, t0 = tBound). */
  private readonly stepper: Stepper | null;
  private tNow: number;
  private tOldNow: number | null = null;
  private stepped = false;
  private readonly y0: Float64Array;
  private readonly methodName: string;

  /**
   * scipy's `OdeSolver(fun, t0, y0, t_bound, ...)`. `validated` is internal: `solveIVP` passes
   * its already validated problem (then the other arguments are not read again).
   */
  constructor(
    f: Rhs,
    t0: number,
    y0: ArrayLike<number>,
    tBound: number,
    options: OdeSolverOptions = {},
    validated?: ValidatedProblem,
  ) {
    let p = validated;
    if (p === undefined) {
      checkScalar("t0", t0);
      checkScalar("tBound", tBound);
      p = validateProblem(f, [t0, tBound], y0, options, "OdeSolver");
    }
    this.n = p.y0.length;
    this.tBound = p.tBound;
    this.direction = p.tBound === p.t0 ? 1 : Math.sign(p.tBound - p.t0);
    this.stats = emptyStats();
    this.steps = p.recordSteps ? [] : null;
    this.tNow = p.t0;
    this.y0 = p.y0;
    this.methodName = p.method;
    if (this.n === 0 || p.t0 === p.tBound) {
      this.stepper = null;
      return;
    }
    const config: StepperConfig = {
      f: countedRhs(f, this.n, this.stats),
      t0: p.t0,
      y0: p.y0,
      tBound: p.tBound,
      rtol: p.rtol,
      atol: p.atol,
      firstStep: p.firstStep,
      maxStep: p.maxStep,
      maxSteps: p.maxSteps,
      step: p.step,
      jacobian: p.jacobian,
      checkJacobian: p.checkJacobian,
      jacobianBand: p.jacobianBand,
      jacobianSparsity: p.jacobianSparsity,
      recorder: this.steps,
      stats: this.stats,
      normLength: p.normLength,
    };
    this.stepper = methods[p.method].create(config);
  }

  /** "running" until the step that reaches tBound ("finished") or fails ("failed"). */
  get status(): OdeSolverStatus {
    return this.statusNow;
  }
  /** After a failed step: why (the `OdeResult.status` it maps to), else null. */
  get failure(): Exclude<StepOutcome, "ok"> | null {
    return this.failureNow;
  }
  /** After a failed step: the stepper's message naming the time reached, else null. */
  get message(): string | null {
    return this.messageNow;
  }
  /** Current time. */
  get t(): number {
    return this.stepper === null ? this.tNow : this.stepper.t;
  }
  /** Current state (the solver's buffer: read it or copy it before the next step). */
  get y(): Float64Array {
    return this.stepper === null ? this.y0 : this.stepper.y;
  }
  /** Start of the last step; null before the first. */
  get tOld(): number | null {
    return this.stepper === null ? this.tOldNow : this.stepped ? this.stepper.tOld : null;
  }
  /** |t − tOld| of the last step; null before the first. */
  get stepSize(): number | null {
    const tOld = this.tOld;
    return tOld === null ? null : Math.abs(this.t - tOld);
  }
  /** The method in use (for Auto, with its switches). */
  get method(): string {
    return this.stepper === null ? this.methodName : this.stepper.name;
  }

  /** One accepted step (rejected attempts are retried inside). Null on success, else the failure message. */
  step(): string | null {
    if (this.status !== "running") {
      throw new OdeStateError(
        this.status,
        `step() on a ${this.status} solver at t=${this.t}${this.message === null ? "" : ` (${this.message})`}; only a running solver steps`,
      );
    }
    const stepper = this.stepper;
    if (stepper === null) {
      this.tOldNow = this.tNow;
      this.tNow = this.tBound;
      this.statusNow = "finished";
      return null;
    }
    const outcome = stepper.step();
    if (outcome !== "ok") {
      this.statusNow = "failed";
      this.failureNow = outcome;
      this.messageNow = stepper.failureMessage;
      return this.messageNow;
    }
    this.stepped = true;
    // OdeStats.minStep: a last step clipped to tBound is not counted unless it is the only one.
    if (stepper.t !== this.tBound || this.stats.naccept <= 1) {
      this.stats.minStep = Math.min(this.stats.minStep, Math.abs(stepper.t - stepper.tOld));
    }
    if ((stepper.t - this.tBound) * this.direction >= 0) this.statusNow = "finished";
    return null;
  }

  /** Dense output inside the last step (tOld ≤ s ≤ t), written into `out`. */
  interpolate(s: number, out: Float64Array): Float64Array {
    if (!(out instanceof Float64Array)) {
      throw new OdeTypeError("out", `expected a Float64Array of length ${this.n}, got ${typeof out} ${String(out)}`);
    }
    if (out.length !== this.n) {
      throw new OdeArgumentError("out", `has length ${out.length} but the state has length ${this.n}`);
    }
    if (this.stepper === null) {
      out.set(this.y0);
      return out;
    }
    return this.stepper.interpolate(s, out);
  }

  /** A copy of the last step's interpolant on [tOld, t] (scipy's `dense_output()`). */
  denseSegment(): DenseSegment {
    const tOld = this.tOld;
    if (tOld === null) {
      throw new OdeStateError(this.status, `denseOutput() before the first step (t=${this.t}); call step() first`);
    }
    if (this.stepper === null) {
      const y = Float64Array.from(this.y0);
      return { tOld, t: this.t, evaluate: (_s, out) => (out.set(y), out), bytes: y.byteLength };
    }
    return this.stepper.denseSegment();
  }

  /**
   * The last step's interpolant as a function of t; outside [tOld, t] it extrapolates the
   * same polynomial (scipy's DenseOutput does too).
   */
  denseOutput(): (t: number) => Float64Array {
    const seg = this.denseSegment();
    const n = this.n;
    return (t: number) => {
      checkTime("t", t);
      return seg.evaluate(t, new Float64Array(n));
    };
  }
}

function checkScalar(name: string, v: unknown): void {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${typeof v} ${String(v)}`);
  if (Number.isNaN(v)) throw new OdeArgumentError(name, "is NaN");
}

/** A time argument of a dense output: a finite number. */
export function checkTime(name: string, t: unknown): void {
  if (typeof t !== "number") throw new OdeTypeError(name, `expected a number, got ${typeof t} ${String(t)}`);
  if (!Number.isFinite(t)) throw new OdeArgumentError(name, `must be finite, got ${t}`);
}
