import type { DenseSegment, StepOutcome, Stepper, StepperConfig } from "../types";
import { StepperBase } from "./stepperBase";
import type { IterationMatrix } from "../linalg/iterationMatrix";
import { createJacobianEvaluator } from "../jacobian";
import type { JacobianEvaluator } from "../jacobian";
import { scaledRmsNorm } from "../errorNorm";

const MAX_ORDER = 5;
const NEWTON_MAXITER = 4;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 10;
/**
 * The NDFs of Shampine & Reichelt (1997), Table 1, as scipy's `BDF`: γ_k = Σ_{j≤k} 1/j, the
 * Klopfenstein–Shampine κ_k (κ = 0 would be plain BDF), α_k = (1 − κ_k) γ_k and the error
 * constants κ_k γ_k + 1/(k+1). κ makes orders 1–4 more accurate at the same step (scipy's
 * accuracy bounds in test_ivp.py are met with κ, not without).
 */
const GAMMA = [0, 1, 1.5, 11 / 6, 25 / 12, 137 / 60];
/** κ_k of the NDFs, k = 1..5 (Shampine & Reichelt, SIAM J. Sci. Comput. 18 (1997) 1, Table 1). */
export const NDF_KAPPA: readonly number[] = [-0.185, -1 / 9, -0.0823, -0.0415, 0];
const KAPPA = [0, ...NDF_KAPPA];
const ALPHA = GAMMA.map((g, k) => (1 - KAPPA[k]) * g);
const ERROR_CONST = [...GAMMA.map((g, k) => KAPPA[k] * g + 1 / (k + 1)), 1 / 7];

/**
 * Variable-order (1–5), quasi-constant step size BDF in the backward-difference form of
 * L. F. Shampine & M. W. Reichelt, "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18 (1997) 1–22,
 * the algorithm of scipy's `BDF` (the NDFs, kappa as above): a simplified Newton iteration with the
 * Jacobian reused across steps until Newton fails to converge, the LU redone when h or the
 * order changes, order chosen from the error estimates of orders k−1, k, k+1. D holds the
 * backward differences of y scaled to the current step; changing h rescales D (change_D).
 */
export class BDFStepper extends StepperBase implements Stepper {
  readonly name = "BDF";

  private readonly newtonTol: number;
  private hAbs: number;
  private order = 1;
  private nEqualSteps = 0;
  /** Backward differences, (MAX_ORDER + 3) rows of n. */
  private readonly D: Float64Array;
  /** J and the LU of I − (h/α)J, dense or banded. */
  private readonly matrix: IterationMatrix;
  private readonly jac: JacobianEvaluator;
  /** A non-finite Jacobian entry met in the constructor, reported by the first step. */
  private jacobianFailure: string | null = null;
  private luValid = false;
  private readonly yPredict: Float64Array;
  private readonly yNew: Float64Array;
  private readonly psi: Float64Array;
  private readonly d: Float64Array;
  private readonly dy: Float64Array;
  private readonly fw: Float64Array;
  private readonly scale: Float64Array;
  private readonly R = new Float64Array(36);
  private readonly U = new Float64Array(36);
  private readonly RU = new Float64Array(36);
  private readonly Dtmp: Float64Array;
  private readonly p = new Float64Array(MAX_ORDER);
  private lastNewtonNonFinite = false;

  constructor(config: StepperConfig) {
    super(config);
    const n = config.y0.length;
    // scipy's newton_tol; with rtol per component, the strictest component's.
    let rtolMin = Infinity;
    for (let m = 0; m < n; m++) rtolMin = Math.min(rtolMin, this.rtol[m]);
    this.newtonTol = Math.max((10 * Number.EPSILON) / rtolMin, Math.min(0.03, Math.sqrt(rtolMin)));
    this.D = new Float64Array((MAX_ORDER + 3) * n);
    this.jac = createJacobianEvaluator(config, this.f, this.stats, this.rtol, this.atol);
    this.matrix = this.jac.matrix;
    this.yPredict = new Float64Array(n);
    this.yNew = new Float64Array(n);
    this.psi = new Float64Array(n);
    this.d = new Float64Array(n);
    this.dy = new Float64Array(n);
    this.fw = new Float64Array(n);
    this.scale = new Float64Array(n);
    this.Dtmp = new Float64Array((MAX_ORDER + 1) * n);

    const f0 = this.fw;
    this.f(this.t, this.y, f0);
    this.hAbs = this.firstStepSize(config.firstStep, f0, 1, this.yNew, this.dy);
    for (let m = 0; m < n; m++) {
      this.D[m] = this.y[m];
      this.D[n + m] = f0[m] * this.hAbs * this.direction;
    }
    this.jacobianFailure = this.jac.evaluate(this.t, this.y, f0, this.hAbs * this.direction);
  }

  step(): StepOutcome {
    if (this.jacobianFailure !== null) {
      this.failureMessage = this.jacobianFailure;
      return "nonFinite";
    }
    const n = this.n;
    const D = this.D;
    const t = this.t;
    const minStep = this.minStep();
    let hAbs = this.hAbs;
    if (hAbs > this.maxStep) {
      this.changeD(this.order, this.maxStep / hAbs);
      hAbs = this.maxStep;
      this.nEqualSteps = 0;
    } else if (hAbs < minStep && minStep <= this.maxStep) {
      // Raised to the smallest usable step, never past maxStep (below it, the loop reports underflow).
      this.changeD(this.order, minStep / hAbs);
      hAbs = minStep;
      this.nEqualSteps = 0;
    }
    const order = this.order;
    const alpha = ALPHA[order];
    let currentJac = false;
    let tNew = t;
    let h = 0;
    let errorNorm = 0;
    let nIter = 0;
    for (;;) {
      if (this.outOfSteps()) return "maxSteps";
      if (hAbs < minStep) {
        if (this.lastNewtonNonFinite) {
          this.failureMessage = `non-finite right-hand side near t=${t}: step size reductions down to |h|=${hAbs} did not avoid it`;
          return "nonFinite";
        }
        this.failureMessage = `step size underflow at t=${t}: |h|=${hAbs} is below ${minStep}`;
        return "stepSizeUnderflow";
      }
      h = hAbs * this.direction;
      tNew = t + h;
      if ((tNew - this.tBound) * this.direction > 0) {
        tNew = this.tBound;
        this.changeD(order, Math.abs(tNew - t) / hAbs);
        this.nEqualSteps = 0;
        this.luValid = false;
      }
      h = tNew - t;
      hAbs = Math.abs(h);
      this.stats.nsteps++;

      // Predictor y_pred = Σ_{j≤k} D_j; psi = Σ_{j=1..k} γ_j D_j / α_k.
      const yPredict = this.yPredict;
      const scale = this.scale;
      const psi = this.psi;
      for (let m = 0; m < n; m++) {
        let yp = 0;
        let ps = 0;
        for (let j = 0; j <= order; j++) yp += D[j * n + m];
        for (let j = 1; j <= order; j++) ps += GAMMA[j] * D[j * n + m];
        yPredict[m] = yp;
        psi[m] = ps / alpha;
        // Newton's convergence is measured in the error weights at the predictor (scipy's bdf.py).
        // errorScale's one-state scale, written out in this loop and below: V8 does not inline a
        // call into this long step, and calling it cost ~9 % on ROBER and HIRES (measured).
        scale[m] = this.atol[m] + this.rtol[m] * Math.abs(yp);
      }
      const c = h / alpha;
      let converged = false;
      let jacobianUpdated = false;
      let luUpdated = false;
      for (;;) {
        if (!this.luValid) {
          this.stats.nlu++;
          luUpdated = true;
          if (this.matrix.factor(1, -c) !== 0) {
            this.luValid = false;
            converged = false;
            break;
          }
          this.luValid = true;
        }
        nIter = this.newton(tNew, c);
        converged = nIter > 0;
        // A non-finite f is not cured by a new Jacobian (and would poison it): shrink h instead.
        if (converged || currentJac || this.lastNewtonNonFinite) break;
        this.f(tNew, yPredict, this.fw);
        const bad = this.jac.evaluate(tNew, yPredict, this.fw, h);
        if (bad !== null) {
          this.failureMessage = bad;
          return "nonFinite";
        }
        jacobianUpdated = true;
        this.luValid = false;
        currentJac = true;
      }
      if (!converged) {
        this.stats.nreject++;
        this.record(t, h, NaN, false, jacobianUpdated, luUpdated);
        hAbs *= 0.5;
        this.changeD(order, 0.5);
        this.nEqualSteps = 0;
        this.luValid = false;
        continue;
      }
      const safety = (0.9 * (2 * NEWTON_MAXITER + 1)) / (2 * NEWTON_MAXITER + nIter);
      for (let m = 0; m < n; m++) scale[m] = this.atol[m] + this.rtol[m] * Math.abs(this.yNew[m]);
      errorNorm = scaledRmsNorm(ERROR_CONST[order], this.d, 0, scale, this.normLength);
      if (errorNorm > 1) {
        this.stats.nreject++;
        this.record(t, h, errorNorm, false, jacobianUpdated, luUpdated);
        const factor = Math.max(MIN_FACTOR, safety * Math.pow(errorNorm, -1 / (order + 1)));
        hAbs *= factor;
        this.changeD(order, factor);
        this.nEqualSteps = 0;
        continue;
      }
      this.stats.naccept++;
      this.record(t, h, errorNorm, true, jacobianUpdated, luUpdated);
      break;
    }

    this.nEqualSteps++;
    const previous = this.yOld;
    this.yOld = this.y;
    this.y = previous;
    this.y.set(this.yNew);
    this.tOld = t;
    this.t = tNew;
    this.hAbs = hAbs;

    // D^{j+1} y_n = D^j y_n − D^j y_{n−1}: update the differences with the Newton correction d.
    const d = this.d;
    const k = order;
    for (let m = 0; m < n; m++) {
      D[(k + 2) * n + m] = d[m] - D[(k + 1) * n + m];
      D[(k + 1) * n + m] = d[m];
    }
    for (let i = k; i >= 0; i--) for (let m = 0; m < n; m++) D[i * n + m] += D[(i + 1) * n + m];

    if (this.nEqualSteps < order + 1) return "ok";

    // Order selection from the error estimates at orders k−1, k, k+1.
    const scale = this.scale;
    let errM = Infinity;
    let errP = Infinity;
    if (order > 1) errM = scaledRmsNorm(ERROR_CONST[order - 1], D, order * n, scale, this.normLength);
    if (order < MAX_ORDER) errP = scaledRmsNorm(ERROR_CONST[order + 1], D, (order + 2) * n, scale, this.normLength);
    const fM = Math.pow(errM, -1 / order);
    const f0 = Math.pow(errorNorm, -1 / (order + 1));
    const fP = Math.pow(errP, -1 / (order + 2));
    let best = f0;
    let delta = 0;
    if (fM > best) {
      best = fM;
      delta = -1;
    }
    if (fP > best) {
      best = fP;
      delta = 1;
    }
    this.order = order + delta;
    const safety = (0.9 * (2 * NEWTON_MAXITER + 1)) / (2 * NEWTON_MAXITER + nIter);
    const factor = Math.min(MAX_FACTOR, safety * best);
    this.hAbs *= factor;
    this.changeD(this.order, factor);
    this.nEqualSteps = 0;
    this.luValid = false;
    return "ok";
  }

  /**
   * Simplified Newton for y = y_pred + d with d solving (I − cJ) Δ = c f(t, y) − psi − d
   * (scipy's solve_bdf_system). Returns the iteration count (> 0) on convergence, else 0.
   * Writes yNew and d.
   */
  private newton(tNew: number, c: number): number {
    const n = this.n;
    const y = this.yNew;
    const d = this.d;
    const dy = this.dy;
    const fw = this.fw;
    y.set(this.yPredict);
    d.fill(0);
    let dyNormOld = -1;
    this.lastNewtonNonFinite = false;
    for (let k = 0; k < NEWTON_MAXITER; k++) {
      this.f(tNew, y, fw);
      let finite = true;
      for (let m = 0; m < n; m++) {
        const v = fw[m];
        if (v - v !== 0) finite = false;
        dy[m] = c * v - this.psi[m] - d[m];
      }
      if (!finite) {
        this.lastNewtonNonFinite = true;
        return 0;
      }
      this.matrix.solve(dy);
      // Convergence judged on the components of the error norm (a trailing quadrature's correction
      // converges with the rest, which it depends on).
      const dyNorm = scaledRmsNorm(1, dy, 0, this.scale, this.normLength);
      const rate = dyNormOld < 0 ? -1 : dyNorm / dyNormOld;
      if (rate >= 0 && (rate >= 1 || (Math.pow(rate, NEWTON_MAXITER - k) / (1 - rate)) * dyNorm > this.newtonTol))
        return 0;
      for (let m = 0; m < n; m++) {
        y[m] += dy[m];
        d[m] += dy[m];
      }
      if (dyNorm === 0 || (rate >= 0 && (rate / (1 - rate)) * dyNorm < this.newtonTol)) return k + 1;
      dyNormOld = dyNorm;
    }
    return 0;
  }

  /** R(k, factor)[i][j] = Π_{l=1..i} (l − 1 − factor·j)/l, the step-change matrix of Shampine & Reichelt (1997). */
  private computeR(order: number, factor: number, R: Float64Array): void {
    const s = order + 1;
    for (let j = 0; j < s; j++) R[j] = 1;
    for (let i = 1; i < s; i++) {
      R[i * s] = 0;
      for (let j = 1; j < s; j++) R[i * s + j] = (R[(i - 1) * s + j] * (i - 1 - factor * j)) / i;
    }
  }

  /** Rescales the differences D for a step-size change by `factor`: D ← (R U)ᵀ D. */
  private changeD(order: number, factor: number): void {
    const n = this.n;
    const s = order + 1;
    const { R, U, RU, D, Dtmp } = this;
    this.computeR(order, factor, R);
    this.computeR(order, 1, U);
    for (let i = 0; i < s; i++)
      for (let j = 0; j < s; j++) {
        let acc = 0;
        for (let l = 0; l < s; l++) acc += R[i * s + l] * U[l * s + j];
        RU[i * s + j] = acc;
      }
    for (let i = 0; i < s; i++)
      for (let m = 0; m < n; m++) {
        let acc = 0;
        for (let l = 0; l < s; l++) acc += RU[l * s + i] * D[l * n + m];
        Dtmp[i * n + m] = acc;
      }
    D.set(Dtmp.subarray(0, s * n));
  }

  private record(t: number, h: number, error: number, accepted: boolean, jacobianUpdated: boolean, luUpdated: boolean) {
    if (this.recorder === null) return;
    this.recorder.push({ t, h, error, accepted, jacobianUpdated, luUpdated, order: this.order, method: this.name });
  }

  interpolate(s: number, out: Float64Array): Float64Array {
    return interpolateBdf(this.D, this.n, this.order, this.t, this.hAbs * this.direction, s, this.p, out);
  }

  denseSegment(): DenseSegment {
    const { tOld, t, n, order } = this;
    const h = this.hAbs * this.direction;
    const D = this.D.slice(0, (order + 1) * n);
    const p = new Float64Array(MAX_ORDER);
    return {
      tOld,
      t,
      evaluate: (s, out) => interpolateBdf(D, n, order, t, h, s, p, out),
      bytes: D.byteLength + p.byteLength,
    };
  }
}

/** The BDF interpolating polynomial through the last k+1 points (scipy's BdfDenseOutput). */
function interpolateBdf(
  D: Float64Array,
  n: number,
  order: number,
  t: number,
  h: number,
  s: number,
  p: Float64Array,
  out: Float64Array,
): Float64Array {
  let acc = 1;
  for (let j = 0; j < order; j++) {
    acc *= (s - (t - h * j)) / (h * (1 + j));
    p[j] = acc;
  }
  for (let m = 0; m < n; m++) {
    let v = D[m];
    for (let j = 1; j <= order; j++) v += D[j * n + m] * p[j - 1];
    out[m] = v;
  }
  return out;
}
