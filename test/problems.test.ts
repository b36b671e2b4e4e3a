import { test } from "node:test";
import assert from "node:assert/strict";
import { problemSet } from "../lib/index";
import { assertJacobianMatchesFD } from "./helpers/jacobianCheck";

// Each analytic Jacobian against central differences at y0 and at a perturbed state.
for (const [name, p] of Object.entries(problemSet)) {
  test(`${name}: analytic Jacobian matches central differences (rel. 1e-6)`, () => {
    const states = [
      Float64Array.from(p.y0),
      Float64Array.from(p.y0, (v, i) => v + 0.1 * (i + 1) * (Math.abs(v) + 0.05)),
    ];
    for (const y of states) assertJacobianMatchesFD(name, p.rhs, p.jacobian!, 0.3, y);
  });
}

test("rober: total concentration is conserved (Σ dy/dt = 0)", () => {
  const d = new Float64Array(3);
  problemSet.rober.rhs(0, Float64Array.from([0.3, 2e-5, 0.7]), d);
  assert.ok(Math.abs(d[0] + d[1] + d[2]) < 1e-15);
});
