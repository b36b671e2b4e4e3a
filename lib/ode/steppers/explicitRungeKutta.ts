import type { CountedRhs, DenseSegment, OdeStats, StepOutcome, StepRecord, Stepper, StepperConfig } from "../types";
import type { ExplicitTableau } from "../tableaus/tableau";
import { StepperBase } from "./stepperBase";
import type { Dop853Extras } from "../tableaus/tableau";
import type { StepTape } from "./stepTape";
import { PIController } from "../controller";
import { selectInitialStep } from "../initialStep";
import { firstNonFinite } from "../rhs";
import { stepKernel } from "./compiledKernels";
import type { StepKernel } from "./compiledKernels";
import { interpolateDop853, interpolateHermite, interpolatePolynomial, prepareDop853Dense } from "./rungeKuttaDense";

/** Consecutive non-finite attempts (each halving h) before giving up with "nonFinite". */
const MAX_NONFINITE_RETRIES = 12;

/**
 * The one engine for every explicit Runge–Kutta tableau: fixed-step (Euler, Midpoint, RK4)
 * and embedded adaptive pairs (BS3, DOPRI5, Tsit5, DOP853) with a PI controller.
 *
 * Stage vectors live in one Float64Array K (row i = k_i); every work array is allocated in
 * the constructor and the step loop allocates nothing.
 */
export class ExplicitRungeKuttaStepper extends StepperBase implements Stepper {
  readonly name: string;
  /** Set once Hairer's stiffness test has fired 15 times (only with `detectStiffness`). */
  stiffDetected = false;

  private readonly tableau: ExplicitTableau;
  private readonly s: number;
  private readonly A: Float64Array;
  private readonly C: Float64Array;
  private readonly B: Float64Array;
  private readonly E: Float64Array;
  private readonly K: Float64Array;
  /** Stages, y_new and the error norm of one attempt, generated for this tableau. */
  private readonly attempt: StepKernel;
  private readonly k: Float64Array[];
  private readonly fNewRow: number;
  private yNew: Float64Array;
  private readonly yStage: Float64Array;
  private readonly fixed: boolean;
  private readonly t0: number;
  private readonly fixedStep: number;
  private fixedIndex = 0;
  private hAbs: number;
  private hLast = 0;
  private needK1 = false;
  private readonly controller: PIController | null;
  /** DOP853's extra coefficients (its error norm, controller and dense output), else null. */
  private readonly dop853: Dop853Extras | null;
  private readonly dense853: Float64Array | null;
  private dense853Ready = false;
  private readonly P: Float64Array | null;
  private readonly pCols: number;
  private readonly q: Float64Array;
  private readonly detectStiffness: boolean;
  private readonly yStiff: Float64Array | null;
  private stiffCount = 0;
  private nonStiffCount = 0;
  /** Told of every accepted step, or null; `evals` (s + 1) and `k0Eval` number the stages' evaluations for it. */
  private readonly tape: StepTape | null;
  private readonly evals: Int32Array | null;
  private k0Eval: number;

  constructor(tableau: ExplicitTableau, config: StepperConfig, options: { detectStiffness?: boolean } = {}) {
    super(config);
    const n = config.y0.length;
    const s = tableau.stages;
    this.tableau = tableau;
    this.name = tableau.name;
    this.s = s;
    this.t0 = config.t0;
    this.fixed = tableau.errorOrder === 0;
    this.fixedStep = config.step;
    this.dop853 = tableau.dop853 ?? null;

    this.A = new Float64Array(s * s);
    for (let i = 0; i < s; i++) for (let j = 0; j < i; j++) this.A[i * s + j] = tableau.a[i][j] ?? 0;
    this.C = Float64Array.from(tableau.c);
    this.B = Float64Array.from(tableau.b);
    this.E = new Float64Array(s + 1);
    for (let i = 0; i < tableau.e.length; i++) this.E[i] = tableau.e[i];
    this.fNewRow = tableau.fsal ? s - 1 : s;
    this.attempt = stepKernel(tableau);
    const rows = this.dop853 !== null ? s + 4 : s + 1;
    this.K = new Float64Array(rows * n);
    this.k = [];
    for (let i = 0; i < rows; i++) this.k.push(this.K.subarray(i * n, (i + 1) * n));
    this.yNew = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.q = new Float64Array(rows);
    this.dense853 = this.dop853 !== null ? new Float64Array(7 * n) : null;
    if (tableau.P) {
      this.pCols = tableau.P[0].length;
      this.P = new Float64Array((s + 1) * this.pCols);
      tableau.P.forEach((row, i) => row.forEach((v, j) => (this.P![i * this.pCols + j] = v)));
    } else {
      this.pCols = 0;
      this.P = null;
    }
    this.detectStiffness = (options.detectStiffness ?? false) && tableau.stiffnessStage !== undefined;
    this.yStiff = this.detectStiffness ? new Float64Array(n) : null;
    this.controller = this.fixed ? null : new PIController(tableau.errorOrder, this.dop853 !== null ? 0 : 0.04);
    this.tape = config.tape ?? null;
    this.evals = this.tape !== null ? new Int32Array(s + 1) : null;

    // k_1 = f(t0, y0) (or the caller's copy of it); every later k_1 is the previous step's f(t + h, y_new).
    if (config.f0 != null) {
      this.k[0].set(config.f0);
      this.k0Eval = config.f0Eval ?? -1;
    } else {
      this.k0Eval = this.stats.nfev;
      this.f(this.t, this.y, this.k[0]);
    }
    const spanLength = Math.abs(config.tBound - config.t0);
    if (this.fixed) {
      this.hAbs = this.fixedStep;
    } else if (config.firstStep > 0) {
      this.hAbs = Math.min(config.firstStep, this.maxStep);
    } else {
      this.hAbs = selectInitialStep(
        this.f,
        this.t,
        this.y,
        this.k[0],
        this.direction,
        tableau.errorOrder,
        this.rtol,
        this.atol,
        this.maxStep,
        spanLength,
        this.yNew,
        this.yStage,
      );
    }
  }

  step(): StepOutcome {
    const n = this.n;
    const K = this.K;
    if (this.needK1) {
      const from = this.fNewRow * n;
      for (let m = 0; m < n; m++) K[m] = K[from + m];
      this.needK1 = false;
      this.dense853Ready = false;
    }
    let nonFiniteRetries = 0;
    let nonFiniteWhere: string | null = null;
    for (;;) {
      if (this.outOfSteps()) return "maxSteps";
      let tNew: number;
      let h: number;
      if (this.fixed) {
        tNew = this.t0 + (this.fixedIndex + 1) * this.fixedStep * this.direction;
        if ((tNew - this.tBound) * this.direction > -1e-12 * this.fixedStep) tNew = this.tBound;
        h = tNew - this.t;
      } else {
        const minStep = this.minStep();
        if (this.hAbs < minStep && nonFiniteWhere !== null) {
          this.failureMessage = `non-finite ${nonFiniteWhere} near t=${this.t}: step size reductions down to |h|=${this.hAbs} did not avoid it`;
          return "nonFinite";
        }
        if (this.hAbs < minStep) {
          this.failureMessage = `step size underflow at t=${this.t}: |h|=${this.hAbs} is below ${minStep} (the problem may be stiff, singular or blowing up)`;
          return "stepSizeUnderflow";
        }
        h = this.hAbs * this.direction;
        tNew = this.t + h;
        if ((tNew - this.tBound) * this.direction >= 0) {
          tNew = this.tBound;
          h = tNew - this.t;
        }
      }
      const firstEval = this.stats.nfev;
      const err = this.attempt(
        this.f,
        this.t,
        h,
        n,
        this.y,
        this.yNew,
        this.yStage,
        this.yStiff,
        this.k,
        this.atol,
        this.rtol,
        this.normLength,
      );
      this.stats.nsteps++;
      const hAbs = Math.abs(h);
      const bad = firstNonFinite(this.yNew);
      if (bad >= 0 || !(err === err) || err === Infinity) {
        // A non-finite stage or state: retry smaller, as a rejection, unless fixed-step.
        this.stats.nreject++;
        this.record(h, NaN, false);
        nonFiniteWhere = bad >= 0 ? `state component ${bad}` : "error estimate (a stage derivative)";
        if (this.fixed || ++nonFiniteRetries > MAX_NONFINITE_RETRIES) {
          this.failureMessage = `non-finite ${nonFiniteWhere} in the step from t=${this.t} with h=${h}${this.fixed ? "" : ` after ${MAX_NONFINITE_RETRIES} step reductions`}`;
          return "nonFinite";
        }
        this.hAbs = hAbs * 0.25;
        continue;
      }
      if (!this.fixed && err > 1) {
        this.stats.nreject++;
        this.record(h, err, false);
        this.hAbs = hAbs * this.controller!.reject(err);
        continue;
      }
      // Accept.
      this.stats.naccept++;
      this.record(h, this.fixed ? NaN : err, true);
      const previous = this.yOld;
      this.yOld = this.y;
      this.y = this.yNew;
      this.yNew = previous;
      this.tOld = this.t;
      this.t = tNew;
      this.hLast = h;
      this.fixedIndex++;
      const fNewEval = this.tableau.fsal ? firstEval + this.s - 2 : this.stats.nfev;
      if (!this.tableau.fsal) this.f(tNew, this.y, this.k[this.fNewRow]);
      this.needK1 = true;
      if (this.tape !== null) this.report(h, firstEval, fNewEval);
      this.k0Eval = fNewEval;
      if (!this.fixed) this.hAbs = Math.min(hAbs * this.controller!.accept(err), this.maxStep);
      if (this.detectStiffness) this.testStiffness(hAbs);
      return "ok";
    }
  }

  /** Tells the tape of the step just accepted: stage i ≥ 1 was evaluation firstEval + i − 1 of the attempt. */
  private report(h: number, firstEval: number, fNewEval: number): void {
    const evals = this.evals!;
    evals[0] = this.k0Eval;
    for (let i = 1; i < this.s; i++) evals[i] = firstEval + i - 1;
    evals[this.s] = fNewEval;
    this.tape!.accept(this.tOld, h, this.yOld, this.y, this.K, evals);
  }

  /** The |h| the controller proposes for the next step (the fixed step of fixed-step methods). */
  get nextStepSize(): number {
    return this.hAbs;
  }

  /** f(t, y) at the current state (after the first step: the last one's f(t_new, y_new)). A view: copy it to keep it. */
  get fNew(): Float64Array {
    return this.needK1 ? this.k[this.fNewRow] : this.k[0];
  }

  /** Hairer's stiffness detection (dopri5.f): h·|λ| ≈ |h|·‖k_new − k_6‖/‖y_new − y_6‖ > 3.25 fifteen times. */
  private testStiffness(hAbs: number): void {
    const n = this.n;
    const K = this.K;
    const stage = this.tableau.stiffnessStage! * n;
    const fNew = this.fNewRow * n;
    let num = 0;
    let den = 0;
    for (let m = 0; m < n; m++) {
      const dk = K[fNew + m] - K[stage + m];
      const dy = this.y[m] - this.yStiff![m];
      num += dk * dk;
      den += dy * dy;
    }
    if (den > 0 && hAbs * Math.sqrt(num / den) > 3.25) {
      this.nonStiffCount = 0;
      if (++this.stiffCount >= 15) this.stiffDetected = true;
    } else if (++this.nonStiffCount >= 6) {
      this.stiffCount = 0;
    }
  }

  private record(h: number, error: number, accepted: boolean): void {
    if (this.recorder === null) return;
    this.recorder.push({
      t: this.t,
      h,
      error,
      accepted,
      jacobianUpdated: false,
      luUpdated: false,
      order: this.tableau.order,
      method: this.name,
    });
  }

  interpolate(s: number, out: Float64Array): Float64Array {
    const h = this.hLast;
    if (h === 0) {
      out.set(this.y);
      return out;
    }
    const theta = (s - this.tOld) / h;
    if (this.dop853 !== null) {
      if (!this.dense853Ready) {
        prepareDop853Dense(
          this.dop853,
          this.f,
          this.tOld,
          this.yOld,
          this.y,
          h,
          this.K,
          this.n,
          this.yStage,
          this.dense853!,
        );
        this.dense853Ready = true;
      }
      return interpolateDop853(this.dense853!, this.n, this.yOld, theta, out);
    }
    if (this.P !== null) {
      return interpolatePolynomial(this.P, this.pCols, this.s + 1, this.K, this.n, this.yOld, h, theta, this.q, out);
    }
    return interpolateHermite(this.yOld, this.y, this.k[0], this.k[this.fNewRow], h, theta, out);
  }

  denseSegment(): DenseSegment {
    const tOld = this.tOld;
    const t = this.t;
    const h = this.hLast;
    const n = this.n;
    const yOld = Float64Array.from(this.yOld);
    if (this.dop853 !== null) {
      const probe = new Float64Array(n);
      this.interpolate(t, probe); // makes sure the dense coefficients exist
      const F = Float64Array.from(this.dense853!);
      return {
        tOld,
        t,
        evaluate: (s, out) => interpolateDop853(F, n, yOld, h === 0 ? 0 : (s - tOld) / h, out),
        bytes: F.byteLength + yOld.byteLength,
      };
    }
    if (this.P !== null) {
      const P = this.P;
      const cols = this.pCols;
      const rows = this.s + 1;
      const K = Float64Array.from(this.K);
      const q = new Float64Array(rows);
      return {
        tOld,
        t,
        evaluate: (s, out) => interpolatePolynomial(P, cols, rows, K, n, yOld, h, h === 0 ? 0 : (s - tOld) / h, q, out),
        bytes: K.byteLength + yOld.byteLength + q.byteLength,
      };
    }
    const y = Float64Array.from(this.y);
    const f0 = Float64Array.from(this.k[0]);
    const f1 = Float64Array.from(this.k[this.fNewRow]);
    return {
      tOld,
      t,
      evaluate: (s, out) => interpolateHermite(yOld, y, f0, f1, h, h === 0 ? 0 : (s - tOld) / h, out),
      bytes: yOld.byteLength + y.byteLength + f0.byteLength + f1.byteLength,
    };
  }
}
