import type { DenseSegment, StepOutcome, Stepper, StepperConfig } from "../types";
import { StepperBase } from "./stepperBase";
import { rodas5 } from "../tableaus/rodas5";
import type { IterationMatrix } from "../linalg/iterationMatrix";
import { createJacobianEvaluator } from "../jacobian";
import type { JacobianEvaluator } from "../jacobian";
import { firstNonFinite } from "../rhs";
import { weightedRmsNorm } from "../errorNorm";
import { PIController } from "../controller";

const STAGES = 8;
/** Consecutive singular or non-finite attempts (each quartering h) before giving up. */
const MAX_RETRIES = 12;

// Flattened coefficients: A[i*8 + j], Ch[i*8 + j] (C_ij, divided by h per step), H[r*8 + j].
const A = new Float64Array(STAGES * STAGES);
const Cc = new Float64Array(STAGES * STAGES);
const H = new Float64Array(3 * STAGES);
rodas5.a.forEach((row, i) => row.forEach((v, j) => (A[i * STAGES + j] = v)));
rodas5.C.forEach((row, i) => row.forEach((v, j) => (Cc[i * STAGES + j] = v)));
rodas5.h.forEach((row, r) => row.forEach((v, j) => (H[r * STAGES + j] = v)));

/**
 * Rodas5 (Di Marzo 1993; Hairer & Wanner II, Sec. IV.7): one Jacobian and one LU of
 * I/(hγ) − J per step, eight linear solves, no Newton iteration — which suits small stiff
 * systems. The Jacobian and ∂f/∂t are evaluated once per step position and reused across
 * rejected attempts (only the LU is redone for the new h). All work arrays are allocated here.
 */
export class Rodas5Stepper extends StepperBase implements Stepper {
  readonly name = "Rodas5";

  private readonly controller = new PIController(4, 0, 0.9, 0.2, 6);
  private hAbs: number;
  private hLast = 0;
  private yNew: Float64Array;
  private readonly K: Float64Array;
  private readonly k: Float64Array[];
  private readonly u: Float64Array;
  private readonly du: Float64Array;
  private readonly f0: Float64Array;
  private readonly dT: Float64Array;
  /** J and the LU of W = I/(hγ) − J, dense or banded. */
  private readonly matrix: IterationMatrix;
  private readonly jac: JacobianEvaluator;
  private readonly dense: Float64Array;
  private jacobianCurrent = false;
  private jacobianFlagged = false;
  /** Consecutive accepted steps that an explicit method could have taken stably (see below). */
  private nonStiffCount = 0;
  /** Set by `detectNonStiffness` once 15 consecutive steps passed the non-stiffness test. */
  nonStiffDetected = false;
  private readonly detectNonStiffness: boolean;
  /** Start of this stepper's interval (the ∂f/∂t probe stays inside [t0, tBound]). */
  private readonly t0: number;

  constructor(config: StepperConfig, options: { detectNonStiffness?: boolean } = {}) {
    super(config);
    this.detectNonStiffness = options.detectNonStiffness ?? false;
    this.t0 = config.t0;
    const n = config.y0.length;
    this.yNew = new Float64Array(n);
    this.K = new Float64Array(STAGES * n);
    this.k = [];
    for (let i = 0; i < STAGES; i++) this.k.push(this.K.subarray(i * n, (i + 1) * n));
    this.u = new Float64Array(n);
    this.du = new Float64Array(n);
    this.f0 = new Float64Array(n);
    this.dT = new Float64Array(n);
    this.jac = createJacobianEvaluator(config, this.f, this.stats, this.rtol, this.atol);
    this.matrix = this.jac.matrix;
    this.dense = new Float64Array(3 * n);
    this.f(this.t, this.y, this.f0);
    this.hAbs = this.firstStepSize(config.firstStep, this.f0, 4, this.u, this.du);
  }

  step(): StepOutcome {
    const n = this.n;
    let jacobianUpdated = false;
    if (!this.jacobianCurrent) {
      const bad = this.jac.evaluate(this.t, this.y, this.f0, this.hAbs * this.direction);
      if (bad !== null) {
        this.failureMessage = bad;
        return "nonFinite";
      }
      this.timeDerivative();
      this.jacobianCurrent = true;
      jacobianUpdated = true;
      this.jacobianFlagged = false;
    }
    let retries = 0;
    let trouble: string | null = null;
    /** What the last retried attempt met: reported as the status if h underflows while retrying. */
    let troubleOutcome: StepOutcome = "nonFinite";
    for (;;) {
      if (this.outOfSteps()) return "maxSteps";
      const minStep = this.minStep();
      if (this.hAbs < minStep) {
        if (trouble !== null) {
          this.failureMessage = `${trouble} near t=${this.t}: step size reductions down to |h|=${this.hAbs} did not avoid it`;
          return troubleOutcome;
        }
        this.failureMessage = `step size underflow at t=${this.t}: |h|=${this.hAbs} is below ${minStep}`;
        return "stepSizeUnderflow";
      }
      let h = this.hAbs * this.direction;
      let tNew = this.t + h;
      if ((tNew - this.tBound) * this.direction >= 0) {
        tNew = this.tBound;
        h = tNew - this.t;
      }
      const hAbs = Math.abs(h);
      this.stats.nsteps++;

      // W = I/(hγ) − J, factorised once for all eight stages.
      this.stats.nlu++;
      const singular = this.matrix.factor(1 / (h * rodas5.gamma), -1);
      if (singular !== 0) {
        this.stats.nreject++;
        this.record(h, NaN, false, jacobianUpdated && !this.jacobianFlagged);
        trouble = `singular iteration matrix I/(hγ) − J (pivot ${singular - 1})`;
        troubleOutcome = "singularMatrix";
        if (++retries > MAX_RETRIES) {
          this.failureMessage = `${trouble} at t=${this.t} with h=${h}`;
          return "singularMatrix";
        }
        this.hAbs = hAbs * 0.25;
        continue;
      }
      const err = this.stages(h);
      const bad = firstNonFinite(this.yNew);
      if (bad >= 0 || !(err < Infinity)) {
        this.stats.nreject++;
        this.record(h, NaN, false, jacobianUpdated && !this.jacobianFlagged);
        trouble = bad >= 0 ? `non-finite state component ${bad}` : "non-finite error estimate";
        troubleOutcome = "nonFinite";
        if (++retries > MAX_RETRIES) {
          this.failureMessage = `${trouble} in the step from t=${this.t} with h=${h} after ${MAX_RETRIES} step reductions`;
          return "nonFinite";
        }
        this.hAbs = hAbs * 0.25;
        continue;
      }
      if (err > 1) {
        this.stats.nreject++;
        this.record(h, err, false, jacobianUpdated && !this.jacobianFlagged);
        this.hAbs = hAbs * this.controller.reject(err);
        continue;
      }
      this.stats.naccept++;
      this.record(h, err, true, jacobianUpdated && !this.jacobianFlagged);
      this.prepareDense();
      const previous = this.yOld;
      this.yOld = this.y;
      this.y = this.yNew;
      this.yNew = previous;
      this.tOld = this.t;
      this.t = tNew;
      this.hLast = h;
      this.f(this.t, this.y, this.f0);
      this.jacobianCurrent = false;
      this.hAbs = Math.min(hAbs * this.controller.accept(err), this.maxStep);
      if (this.detectNonStiffness) this.testNonStiffness();
      return "ok";
    }
  }

  /**
   * The way back for "Auto" (the idea of LSODA's method switching, Petzold 1983): the next step
   * is explicitly stable if h·ρ(J) is inside DOPRI5's stability region, whose real extent is
   * ≈ 3.3. ‖J‖∞ bounds ρ(J) from above, so h·‖J‖∞ ≤ 2 is a conservative test; it must hold on
   * 15 consecutive accepted steps (the count dopri5.f uses for the opposite test).
   */
  private testNonStiffness(): void {
    const norm = this.matrix.normInf();
    if (this.hAbs * norm <= 2) {
      if (++this.nonStiffCount >= 15) this.nonStiffDetected = true;
    } else this.nonStiffCount = 0;
  }

  /** The step size the controller proposes next. */
  get nextStepSize(): number {
    return this.hAbs;
  }

  /**
   * ∂f/∂t by a one-sided difference (one f call), |δ| = sqrt(u)·max(1, |t|), probing only inside
   * the interval solved so far or still to solve: toward tBound when that leaves room, else back
   * toward t0, else over the larger of the two. f may be undefined outside [t0, tBound] — the
   * adjoint's backward solve interpolates the forward solution, which ends at t0, and a probe
   * before an observation at t = 1e-8 used to fall outside it.
   */
  private timeDerivative(): void {
    const dir = this.direction || 1;
    let delta = Math.sqrt(Number.EPSILON) * Math.max(1, Math.abs(this.t));
    const ahead = Math.abs(this.tBound - this.t);
    const behind = Math.abs(this.t - this.t0);
    let sign = dir;
    if (ahead < delta) {
      if (behind >= delta) sign = -dir;
      else if (behind > ahead) {
        sign = -dir;
        delta = behind;
      } else delta = ahead;
    }
    delta = this.t + sign * delta - this.t; // exactly representable
    if (delta === 0) {
      this.dT.fill(0); // no room on either side: t is alone in its interval
      return;
    }
    this.f(this.t + delta, this.y, this.dT);
    const inv = 1 / delta;
    for (let i = 0; i < this.n; i++) this.dT[i] = (this.dT[i] - this.f0[i]) * inv;
  }

  /** The eight stages for step h (LU of W ready); writes y_new, returns the scaled error norm of k_8. */
  private stages(h: number): number {
    const n = this.n;
    const K = this.K;
    const y = this.y;
    const u = this.u;
    const du = this.du;
    const dT = this.dT;
    const c = rodas5.c;
    const d = rodas5.d;
    const invH = 1 / h;
    for (let i = 0; i < STAGES; i++) {
      const ki = this.k[i];
      if (i === 0) {
        for (let m = 0; m < n; m++) ki[m] = this.f0[m] + h * d[0] * dT[m];
      } else {
        if (i <= 5) {
          // Stage input y + Σ_j a_ij k_j; stages 7, 8 reuse u = y + ... + k_{i−1} (stiffly accurate).
          for (let m = 0; m < n; m++) {
            let acc = y[m];
            for (let j = 0; j < i; j++) acc += A[i * STAGES + j] * K[j * n + m];
            u[m] = acc;
          }
        }
        this.f(this.t + c[i] * h, u, du);
        const hd = h * d[i];
        for (let m = 0; m < n; m++) {
          let acc = du[m] + hd * dT[m];
          for (let j = 0; j < i; j++) acc += Cc[i * STAGES + j] * invH * K[j * n + m];
          ki[m] = acc;
        }
      }
      this.matrix.solve(ki);
      if (i >= 5) for (let m = 0; m < n; m++) u[m] += ki[m];
    }
    this.yNew.set(u);
    // The last stage k8 is the embedded error estimate (Hairer & Wanner's rodas.f).
    return weightedRmsNorm(1, this.k[7], y, u, this.atol, this.rtol, this.normLength);
  }

  /** Dense-output vectors D_r = Σ_j h_rj k_j of the step just accepted. */
  private prepareDense(): void {
    const n = this.n;
    const K = this.K;
    for (let r = 0; r < 3; r++) {
      for (let m = 0; m < n; m++) {
        let acc = 0;
        for (let j = 0; j < STAGES; j++) acc += H[r * STAGES + j] * K[j * n + m];
        this.dense[r * n + m] = acc;
      }
    }
  }

  private record(h: number, error: number, accepted: boolean, jacobianUpdated: boolean): void {
    // Only the first attempt after a Jacobian evaluation is flagged as having updated it.
    this.jacobianFlagged = true;
    if (this.recorder === null) return;
    this.recorder.push({
      t: this.t,
      h,
      error,
      accepted,
      jacobianUpdated,
      luUpdated: true,
      order: 5,
      method: this.name,
    });
  }

  interpolate(s: number, out: Float64Array): Float64Array {
    const theta = this.hLast === 0 ? 1 : (s - this.tOld) / this.hLast;
    return interpolateRodas(this.yOld, this.y, this.dense, this.n, theta, out);
  }

  denseSegment(): DenseSegment {
    const { tOld, t, n, hLast } = this;
    const yOld = this.yOld.slice();
    const y = this.y.slice();
    const dense = this.dense.slice();
    return {
      tOld,
      t,
      evaluate: (s, out) => interpolateRodas(yOld, y, dense, n, hLast === 0 ? 1 : (s - tOld) / hLast, out),
      bytes: yOld.byteLength + y.byteLength + dense.byteLength,
    };
  }
}

/** y(θ) = (1−θ) y0 + θ (y1 + (1−θ)(D_1 + θ(D_2 + θ D_3))) — the Rodas dense output (HNW II, Sec. IV.7). */
function interpolateRodas(
  y0: Float64Array,
  y1: Float64Array,
  D: Float64Array,
  n: number,
  theta: number,
  out: Float64Array,
): Float64Array {
  const t1 = 1 - theta;
  for (let m = 0; m < n; m++) {
    out[m] = t1 * y0[m] + theta * (y1[m] + t1 * (D[m] + theta * (D[n + m] + theta * D[2 * n + m])));
  }
  return out;
}
