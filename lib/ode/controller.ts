/**
 * PI step-size controller (Gustafsson 1991; the form of Hairer & Wanner, Solving ODEs II,
 * Sec. IV.2, eq. 2.43c, used in dopri5.f with beta = 0.04):
 *   h_new = h · clamp(safety · err^(−α) · errPrev^β),  α = 1/(q+1) − 0.75 β,
 * where q is the order of the error estimate. After a rejection the step may not grow.
 */
const LOG_1E_4 = Math.log(1e-4);

export class PIController {
  readonly alpha: number;
  readonly beta: number;
  readonly safety: number;
  readonly minFactor: number;
  readonly maxFactor: number;
  private readonly rejectExponent: number;
  /** log of the previous accepted error (max(err, 1e-4)); logs avoid two Math.pow calls per step. */
  private logErrPrev = Math.log(1e-4);
  private rejectedLast = false;

  constructor(errorOrder: number, beta = 0.04, safety = 0.9, minFactor = 0.2, maxFactor = 10) {
    this.beta = beta;
    this.alpha = 1 / (errorOrder + 1) - 0.75 * beta;
    this.rejectExponent = 1 / (errorOrder + 1);
    this.safety = safety;
    this.minFactor = minFactor;
    this.maxFactor = maxFactor;
  }

  /** Factor for the next step after an accepted step with scaled error `err` ≤ 1. */
  accept(err: number): number {
    const logErr = Math.log(err);
    let factor =
      err === 0
        ? this.maxFactor
        : Math.min(this.maxFactor, this.safety * Math.exp(this.beta * this.logErrPrev - this.alpha * logErr));
    if (this.rejectedLast) factor = Math.min(1, factor);
    factor = Math.max(this.minFactor, factor);
    this.logErrPrev = Math.max(logErr, LOG_1E_4);
    this.rejectedLast = false;
    return factor;
  }

  /** Factor (< 1) for retrying after a rejected step with scaled error `err` > 1. */
  reject(err: number): number {
    this.rejectedLast = true;
    return Math.max(this.minFactor, this.safety * Math.pow(err, -this.rejectExponent));
  }
}
