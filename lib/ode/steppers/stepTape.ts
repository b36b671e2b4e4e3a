/**
 * What an explicit Runge–Kutta stepper reports about each accepted step, for a gradient method
 * that replays the steps in reverse (discrete reverse mode, as diffrax's RecursiveCheckpointAdjoint
 * differentiates through its solver's steps). The stepper calls `accept` once per accepted step and
 * never for a rejected attempt; with no tape (null) it does nothing extra.
 *
 * Evaluations are numbered by `stats.nfev` at the time of the call (the CountedRhs counts every
 * call once), so a right-hand side that keeps what it saw per call (the stage input, a field's
 * activations) can be matched to the stages of the accepted steps and rejected attempts skipped.
 */
export interface StepTape {
  /**
   * One accepted step from (tOld, yOld) with step h (the h of the stage formulas
   * Y_i = yOld + h Σ_j a_ij k_j; the new time is tOld + h, or the bound it was clipped to).
   * `K` holds the stage derivatives, row i = k_i = f(tOld + c_i h, Y_i) for i < s; `evals[i]` is
   * the evaluation that produced row i, and `evals[s]` the one of f(t_new, y_new) (for a FSAL
   * method the same as `evals[s - 1]`). All arrays are the stepper's buffers: copy what you keep.
   */
  accept(tOld: number, h: number, yOld: Float64Array, y: Float64Array, K: Float64Array, evals: Int32Array): void;
}
