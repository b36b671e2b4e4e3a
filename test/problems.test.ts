import { test } from "node:test";
import assert from "node:assert/strict";
import { problemSet } from "../lib/index";

// Each analytic Jacobian against central differences at y0 and at a perturbed state.
for (const [name, p] of Object.entries(problemSet)) {
  test(`${name}: analytic Jacobian matches central differences (rel. 1e-6)`, () => {
    const n = p.n;
    const states = [
      Float64Array.from(p.y0),
      Float64Array.from(p.y0, (v, i) => v + 0.1 * (i + 1) * (Math.abs(v) + 0.05)),
    ];
    for (const y of states) {
      const J = new Float64Array(n * n);
      p.jacobian(0.3, y, J);
      const fp = new Float64Array(n);
      const fm = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(y[j]));
        const yp = y.slice();
        const ym = y.slice();
        yp[j] += h;
        ym[j] -= h;
        p.rhs(0.3, yp, fp);
        p.rhs(0.3, ym, fm);
        for (let i = 0; i < n; i++) {
          const fd = (fp[i] - fm[i]) / (2 * h);
          const scale = Math.max(1, Math.abs(J[i * n + j]));
          assert.ok(Math.abs(fd - J[i * n + j]) / scale < 1e-6, `∂f${i}/∂y${j}: analytic ${J[i * n + j]}, FD ${fd}`);
        }
      }
    }
  });
}

test("rober: total concentration is conserved (Σ dy/dt = 0)", () => {
  const d = new Float64Array(3);
  problemSet.rober.rhs(0, Float64Array.from([0.3, 2e-5, 0.7]), d);
  assert.ok(Math.abs(d[0] + d[1] + d[2]) < 1e-15);
});
