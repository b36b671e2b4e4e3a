/**
 * Shared types of the float64 solver core. The shape follows scipy's `solve_ivp`
 * (method / rtol / atol / tEval / events / dense output, a result with `stats`, `status`
 * and `message`), with diffrax's separation: a method is a `Stepper`, the driver
 * (`solveIVP`) owns output, events and dense output.
 */
import type { StepTape } from "./steppers/stepTape";

/** In-place right-hand side: writes f(t, y) into `dydt`. Must not keep references to `y` or `dydt`. */
export type RhsInPlace = (t: number, y: Float64Array, dydt: Float64Array) => void;
/** Returning right-hand side: convenient, allocates per call. */
export type RhsReturning = (t: number, y: Float64Array) => ArrayLike<number>;
/**
 * Either form. A function declared with three parameters is called in place; one with fewer
 * returns its derivative. (One signature, so TypeScript infers the parameter types of a lambda.)
 */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void | ArrayLike<number>;

/** In-place Jacobian ∂f/∂y, written row-major into `jac` (length n·n): jac[i*n + j] = ∂f_i/∂y_j. */
export type JacobianInPlace = (t: number, y: Float64Array, jac: Float64Array) => void;

export type FixedStepMethod = "Euler" | "Midpoint" | "RK4";
export type AdaptiveExplicitMethod = "BS3" | "DOPRI5" | "Tsit5" | "DOP853";
export type StiffMethod = "Rodas5" | "BDF";
export type MethodName = FixedStepMethod | AdaptiveExplicitMethod | StiffMethod | "Auto";

/** An event function g(t, y); an event is a zero of g. Optional `terminal` and `direction` as in scipy. */
export interface EventFunction {
  (t: number, y: Float64Array): number;
  /**
   * Stop integration at this event (true: at its first zero) or at its n-th zero (a positive
   * integer n, scipy's integer `terminal`); false, 0 or absent: record it and continue.
   */
  terminal?: boolean | number;
  /** +1: only zeros where g goes − → +; −1: only + → −; 0 (default): both. */
  direction?: number;
}

/** One attempted step, for `recordSteps: true`. */
export interface StepRecord {
  /** Time at the start of the attempted step. */
  t: number;
  /** Attempted step size. */
  h: number;
  /** Scaled error norm of the attempt (≤ 1 accepts); NaN for fixed-step methods. */
  error: number;
  accepted: boolean;
  /** A Jacobian was evaluated for this attempt. */
  jacobianUpdated: boolean;
  /** An LU factorisation was computed for this attempt. */
  luUpdated: boolean;
  /** Method order used (BDF varies it; constant for the others). */
  order: number;
  /** Which method took the step (differs from the requested one under `Auto`). */
  method: string;
}

export interface OdeOptions {
  method?: MethodName;
  /** Relative tolerance, scalar or one per component, each > 0. Default 1e-3 (scipy's). */
  rtol?: number | ArrayLike<number>;
  /**
   * Absolute tolerance, scalar or one per component, each ≥ 0. Default 1e-6. 0 is pure
   * relative control (scipy allows it); a component with atol 0 must not start at 0.
   */
  atol?: number | ArrayLike<number>;
  /** Times at which to report the solution (inside tSpan, sorted in the direction of integration). */
  tEval?: ArrayLike<number>;
  /** Build `sol(t)`, a continuous solution over the whole span. */
  dense?: boolean;
  events?: EventFunction | EventFunction[];
  /**
   * Analytic Jacobian for the stiff methods; finite differences otherwise. With `jacobianBand`
   * it writes the band only, row-major: jac[i·(lower + upper + 1) + (j − i + lower)] = ∂f_i/∂y_j.
   */
  jacobian?: JacobianInPlace;
  /**
   * Compare `jacobian` with central differences of f (a wrong entry throws JacobianMismatchError
   * naming row, column, both values and t): true (default) at Jacobian evaluations 1, 2, 4, 8, …,
   * 8 column groups per check taken in turn (4 evaluations of f each, so a large system is covered
   * over the solve at a bounded cost); "always": every evaluation, every column; false never.
   */
  checkJacobian?: boolean | "always";
  /**
   * [lower, upper]: ∂f_i/∂y_j = 0 unless −lower ≤ j − i ≤ upper (a method-of-lines system). The
   * stiff methods then difference lower + upper + 1 grouped columns (Curtis–Powell–Reid) and
   * factor with a band LU: cost linear in n. [lower, upper, "periodic"]: the offset is taken
   * mod n (a periodic grid), jac[i·(lower + upper + 1) + (k + lower)] for j = (i + k) mod n; the
   * corners are handled by the Sherman–Morrison–Woodbury formula, still linear in n.
   */
  jacobianBand?: readonly [number, number] | readonly [number, number, "periodic"];
  /**
   * For each row i, the columns j where ∂f_i/∂y_j may be nonzero (scipy's `jac_sparsity`, by
   * rows): finite differences then perturb structurally independent columns together
   * (Curtis–Powell–Reid), a few evaluations of f per Jacobian instead of n. The LU stays dense
   * unless `jacobianBand` is also given (every entry must then lie inside the band).
   */
  jacobianSparsity?: ArrayLike<ArrayLike<number>>;
  firstStep?: number;
  /** Largest allowed |h|. Default: the span length. */
  maxStep?: number;
  /** Steps (accepted + rejected) allowed before giving up with status "maxSteps". Default 100000. */
  maxSteps?: number;
  /** Step size of the fixed-step methods (Euler, Midpoint, RK4). */
  step?: number;
  /** Record every attempted step in `result.steps`. */
  recordSteps?: boolean;
  /**
   * Count only the first k components in the step-size controller's error norm (default: all).
   * For states whose trailing components are quadratures that feed nothing back — an adjoint's
   * parameter gradient, an accumulated loss — the "seminorm" of Kidger, Chen & Lyons (2021,
   * "Hey, that's not an ODE") saves steps without losing accuracy in the rest. The initial-step
   * heuristic still uses every component.
   */
  errorNormComponents?: number;
}

export interface OdeStats {
  /** Right-hand side evaluations (including those for finite-difference Jacobians). */
  nfev: number;
  /** Jacobian evaluations (analytic or finite-difference). */
  njev: number;
  /** LU factorisations. */
  nlu: number;
  /** Attempted steps (accepted + rejected). */
  nsteps: number;
  naccept: number;
  nreject: number;
  /**
   * Smallest accepted |h| (Infinity before the first step). A last step shortened to land on
   * the end of the span is not counted unless it is the only one, so a collapse of the step
   * size shows here and an end-point clip does not.
   */
  minStep: number;
}

export type OdeStatus =
  | "success"
  | "event" // a terminal event stopped the solve
  | "stepSizeUnderflow"
  | "nonFinite"
  | "maxSteps"
  | "singularMatrix"
  | "convergenceFailure";

export interface OdeResult {
  /**
   * Output times: tEval when given, else every accepted step (including t0); [t0] for an empty
   * span, [t0, tFinal] for an empty state.
   */
  t: number[];
  /** State at each output time (float64 copies). */
  y: Float64Array[];
  stats: OdeStats;
  status: OdeStatus;
  /** True when status is "success" or "event". */
  success: boolean;
  /** Human-readable outcome; on failure it names the time reached and what went wrong. */
  message: string;
  /** The method that was used (for Auto: "Auto(DOPRI5→Rodas5)" style description). */
  method: string;
  /**
   * Continuous solution over [t0, tFinal] when `dense: true`. Outside the solved interval it
   * extrapolates the nearest step's interpolant, as scipy's `OdeSolution`; at a step boundary
   * it takes the earlier step. For an empty span it is the constant y0.
   */
  sol?: (t: number) => Float64Array;
  /** For each event function, the times of its zeros found. */
  tEvents?: number[][];
  /** For each event function, the states at those times. */
  yEvents?: Float64Array[][];
  /** Every attempted step, when `recordSteps: true`. */
  steps?: StepRecord[];
}

/** Outcome of one `Stepper.step()` call. */
export type StepOutcome = "ok" | Exclude<OdeStatus, "success" | "event">;

/**
 * A snapshot of the interpolant of one accepted step, valid on [tOld, t]. Allocated only
 * when the caller asks for dense output.
 */
export interface DenseSegment {
  tOld: number;
  t: number;
  evaluate(t: number, out: Float64Array): Float64Array;
  /** Bytes of the typed arrays this interpolant keeps (what a stored dense solution costs). */
  bytes: number;
}

/**
 * A method: owns its state and step-size control and advances by one accepted step per
 * `step()` call (rejected attempts are retried inside). The driver reads `t`, `y`, `tOld`,
 * `yOld` after each step and interpolates inside the last step with `interpolate`.
 * Steppers allocate their work arrays once, in the constructor.
 */
export interface Stepper {
  readonly name: string;
  readonly n: number;
  /** Current time and state (after the last accepted step). */
  t: number;
  y: Float64Array;
  /** Start of the last accepted step and the state there. */
  tOld: number;
  yOld: Float64Array;
  stats: OdeStats;
  /** Explanation of the last non-"ok" outcome, naming the time. */
  failureMessage: string;
  /** Advance one accepted step toward `tBound` (never past it). */
  step(): StepOutcome;
  /** Dense output inside the last accepted step, tOld ≤ s ≤ t (either direction). */
  interpolate(s: number, out: Float64Array): Float64Array;
  /** Copy of the current step's interpolant, for `sol`. */
  denseSegment(): DenseSegment;
}

/** What every stepper constructor receives; built once by `solveIVP` from validated options. */
export interface StepperConfig {
  /** Counted, finite-checked in-place RHS (see rhs.ts). */
  f: CountedRhs;
  t0: number;
  y0: Float64Array;
  tBound: number;
  /** Per-component relative tolerance (length n). */
  rtol: Float64Array;
  /** Per-component absolute tolerance (length n). */
  atol: Float64Array;
  /** Initial |h|, or 0 to choose automatically. */
  firstStep: number;
  maxStep: number;
  maxSteps: number;
  /** Fixed step size for fixed-step methods. */
  step: number;
  jacobian: JacobianInPlace | null;
  /** See OdeOptions.checkJacobian (default true). */
  checkJacobian?: boolean | "always";
  /** See OdeOptions.jacobianBand (default dense). */
  jacobianBand?: readonly [number, number] | readonly [number, number, "periodic"] | null;
  /** See OdeOptions.jacobianSparsity (default none). */
  jacobianSparsity?: ArrayLike<ArrayLike<number>> | null;
  /** Appends one record per attempted step when not null. */
  recorder: StepRecord[] | null;
  stats: OdeStats;
  /** Components counted in the error norm: the first `normLength` (n for all). */
  normLength: number;
  /** Explicit Runge–Kutta only: told of every accepted step (steppers/stepTape.ts); null or absent: nothing. */
  tape?: StepTape | null;
  /**
   * Explicit Runge–Kutta only: f(t0, y0) when the caller already has it (a driver that restarts at
   * the end of its previous solve), which the stepper then copies instead of evaluating; `f0Eval`
   * is the number of that evaluation, for the tape.
   */
  f0?: Float64Array | null;
  f0Eval?: number;
}

/** The RHS as the steppers see it: in place, counting evaluations in `stats.nfev`. */
export interface CountedRhs {
  (t: number, y: Float64Array, dydt: Float64Array): void;
}
