import type { CountedRhs, JacobianInPlace, OdeStats } from "./types";

/**
 * Forward-difference Jacobian ∂f/∂y at (t, y) into row-major `jac`, given f0 = f(t, y).
 * Increments δ_j = sqrt(u·max(1e-5, |y_j|)) as in Hairer's RODAS (subroutine JACOBIAN of
 * decsol/rodas.f), u the unit round-off. `y` is perturbed and restored; `work` has length n.
 */
export function finiteDifferenceJacobian(
  f: CountedRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  jac: Float64Array,
  work: Float64Array,
  stats: OdeStats,
): void {
  const n = y.length;
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    const delta = Math.sqrt(Number.EPSILON * Math.max(1e-5, Math.abs(yj)));
    y[j] = yj + delta;
    f(t, y, work);
    y[j] = yj;
    const inv = 1 / delta;
    for (let i = 0; i < n; i++) jac[i * n + j] = (work[i] - f0[i]) * inv;
  }
  stats.njev++;
}

/** Evaluates the Jacobian: the analytic one when given, else forward differences. */
export function evaluateJacobian(
  analytic: JacobianInPlace | null,
  f: CountedRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  jac: Float64Array,
  work: Float64Array,
  stats: OdeStats,
): void {
  if (analytic !== null) {
    analytic(t, y, jac);
    stats.njev++;
  } else {
    finiteDifferenceJacobian(f, t, y, f0, jac, work, stats);
  }
}
