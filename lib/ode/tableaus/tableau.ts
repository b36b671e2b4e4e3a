/**
 * An explicit Runge–Kutta method as data (the torchdiffeq / diffrax habit: one engine,
 * methods are tableaus). Stage i is k_i = f(t + c_i h, y + h Σ_{j<i} a_ij k_j).
 */
export interface ExplicitTableau {
  name: string;
  /** Order of the propagated solution. */
  order: number;
  /** Order of the embedded error estimate; step control uses exponent 1/(errorOrder + 1). 0 = fixed-step. */
  errorOrder: number;
  /** Number of stages s (for FSAL methods the last stage is f(t + h, y_new)). */
  stages: number;
  c: number[];
  /** Strictly lower-triangular rows: a[i] has i entries. */
  a: number[][];
  b: number[];
  /**
   * Error weights e, length s + 1 (the last one multiplies f(t + h, y_new)):
   * err = h Σ e_i k_i. Empty for fixed-step methods.
   */
  e: number[];
  /** First Same As Last: the last stage equals f(t + h, y_new). */
  fsal: boolean;
  /**
   * Continuous extension y(t + θh) = y + h Σ_i k_i Σ_j P[i][j] θ^(j+1), rows for the
   * s + 1 values k_1..k_s, f(t + h, y_new). Absent: cubic Hermite interpolation.
   */
  P?: number[][];
  /** Stage whose abscissa is 1, used by Hairer's stiffness detection (dopri5.f, "stiffness detection"). */
  stiffnessStage?: number;
}
