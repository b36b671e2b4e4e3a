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
  /**
   * Hairer's DOP853 additions (HNW I, Sec. II.10; dop853.f). Present: the error norm combines a
   * 5th- and a 3rd-order estimate (`e5`, `e3`; `e` is not used), the step controller has no
   * PI term (β = 0, as dop853.f), and dense output takes three extra stages. Code reads this
   * field, never the tableau's name.
   */
  dop853?: Dop853Extras;
}

/** The coefficients DOP853 has beyond a Butcher tableau (dop853.f: er1..er12, bhh1..3, the contd8 stages). */
export interface Dop853Extras {
  /** 5th-order error weights, length s + 1 (the last multiplies f(t + h, y_new)). */
  e5: number[];
  /** 3rd-order error weights, length s + 1. */
  e3: number[];
  /** Abscissae and rows of the three extra dense-output stages. */
  extraC: number[];
  extraA: number[][];
  /** Dense-output coefficients d4..d7 (rows multiply k_1..k_16). */
  d: number[][];
}
