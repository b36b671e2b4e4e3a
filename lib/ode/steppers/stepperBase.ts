import type { CountedRhs, JacobianInPlace, OdeStats, StepRecord, StepperConfig } from "../types";
import { selectInitialStep } from "../initialStep";

/**
 * State and settings every stepper shares (the `Stepper` fields the driver reads, and the
 * validated options), so each method's file holds only its own algorithm.
 */
export abstract class StepperBase {
  readonly n: number;
  t: number;
  y: Float64Array;
  tOld: number;
  yOld: Float64Array;
  stats: OdeStats;
  failureMessage = "";

  protected readonly f: CountedRhs;
  protected readonly jacobian: JacobianInPlace | null;
  protected readonly rtol: Float64Array;
  protected readonly atol: Float64Array;
  protected readonly direction: number;
  protected readonly tBound: number;
  protected readonly maxStep: number;
  protected readonly maxSteps: number;
  protected readonly recorder: StepRecord[] | null;
  /** Components counted in the error norm (the first ones; see OdeOptions.errorNormComponents). */
  protected readonly normLength: number;

  constructor(config: StepperConfig) {
    this.n = config.y0.length;
    this.f = config.f;
    this.jacobian = config.jacobian;
    this.stats = config.stats;
    this.recorder = config.recorder;
    this.normLength = config.normLength;
    this.rtol = config.rtol;
    this.atol = config.atol;
    this.t = config.t0;
    this.tOld = config.t0;
    this.tBound = config.tBound;
    this.direction = Math.sign(config.tBound - config.t0);
    this.maxStep = config.maxStep;
    this.maxSteps = config.maxSteps;
    this.y = Float64Array.from(config.y0);
    this.yOld = Float64Array.from(config.y0);
  }

  /** True (with `failureMessage` set) once the attempted-step budget is spent. */
  protected outOfSteps(): boolean {
    if (this.stats.nsteps < this.maxSteps) return false;
    this.failureMessage = `maximum number of steps (${this.maxSteps}) reached at t=${this.t}`;
    return true;
  }

  /**
   * |h| of the first step, called from a constructor (t = t0): the user's `firstStep` when > 0 (at
   * most maxStep), else the selection of Hairer, Nørsett & Wanner for a method of `order` (see
   * initialStep.ts) from f0 = f(t0, y0); `work1`, `work2` are scratch arrays of length n.
   */
  protected firstStepSize(
    firstStep: number,
    f0: Float64Array,
    order: number,
    work1: Float64Array,
    work2: Float64Array,
  ): number {
    if (firstStep > 0) return Math.min(firstStep, this.maxStep);
    const span = Math.abs(this.tBound - this.t);
    return selectInitialStep(
      this.f,
      this.t,
      this.y,
      f0,
      this.direction,
      order,
      this.rtol,
      this.atol,
      this.maxStep,
      span,
      work1,
      work2,
    );
  }

  /** Smallest usable |h| at the current time: ten units of round-off in t. */
  protected minStep(): number {
    return 10 * Math.abs(this.t) * Number.EPSILON + 1e-300;
  }
}
