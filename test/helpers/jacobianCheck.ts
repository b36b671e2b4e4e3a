import assert from "node:assert/strict";
import type { JacobianInPlace, Rhs } from "../../lib/ode/types";

/**
 * Asserts an analytic Jacobian (row-major, in place) equals central differences of the rhs at y,
 * h = 1e-6·max(1, |y_j|). Error relative to max(1, |J_ij|, |FD|) ("entry"), or to the row's
 * largest entry ("row": FD round-off scales with a row's largest rate, e.g. ROBER's 3e7).
 */
export function assertJacobianMatchesFD(
  label: string,
  rhs: Rhs,
  jacobian: JacobianInPlace,
  t: number,
  y: Float64Array,
  o: { scale?: "entry" | "row"; tol?: number } = {},
): void {
  const n = y.length;
  const tol = o.tol ?? 1e-6;
  const J = new Float64Array(n * n);
  jacobian(t, y, J);
  const fp = new Float64Array(n);
  const fm = new Float64Array(n);
  const call = (yy: Float64Array, out: Float64Array) => {
    const r = rhs(t, yy, out);
    if (r) for (let i = 0; i < n; i++) out[i] = r[i];
  };
  for (let j = 0; j < n; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(y[j]));
    const yp = y.slice();
    const ym = y.slice();
    yp[j] += h;
    ym[j] -= h;
    call(yp, fp);
    call(ym, fm);
    for (let i = 0; i < n; i++) {
      const fd = (fp[i] - fm[i]) / (2 * h);
      let scale = Math.max(1, Math.abs(J[i * n + j]), Math.abs(fd));
      if (o.scale === "row") for (let l = 0; l < n; l++) scale = Math.max(scale, Math.abs(J[i * n + l]));
      assert.ok(
        Math.abs(fd - J[i * n + j]) <= tol * scale,
        `${label} ∂f${i}/∂y${j}: analytic ${J[i * n + j]}, finite difference ${fd}`,
      );
    }
  }
}
