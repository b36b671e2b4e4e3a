import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP } from "../../lib/index";
import type { MethodName } from "../../lib/index";

// Van der Pol (μ = 5) with a quadrature q' = x² appended. Counting only (x, v) in the error norm
// must give exactly the steps of solving (x, v) alone — the controller sees the same numbers —
// while q still comes out as the integral of x² along those steps.
const mu = 5;
const vdp = (_t: number, y: Float64Array, d: Float64Array) => {
  d[0] = y[1];
  d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
};
const vdpJac = (_t: number, y: Float64Array, J: Float64Array) => {
  J[0] = 0;
  J[1] = 1;
  J[2] = -2 * mu * y[0] * y[1] - 1;
  J[3] = mu * (1 - y[0] * y[0]);
};
const withQuadrature = (t: number, y: Float64Array, d: Float64Array) => {
  vdp(t, y, d);
  d[2] = y[0] * y[0];
};
const withQuadratureJac = (t: number, y: Float64Array, J: Float64Array) => {
  const J2 = new Float64Array(4);
  vdpJac(t, y, J2);
  J.fill(0);
  J[0] = J2[0];
  J[1] = J2[1];
  J[3] = J2[2];
  J[4] = J2[3];
  J[6] = 2 * y[0];
};

test("errorNormComponents: a trailing quadrature left out of the norm changes no step (explicit, Rodas5, BDF)", () => {
  for (const method of ["DOPRI5", "Tsit5", "DOP853", "Rodas5", "BDF"] as MethodName[]) {
    const common = { method, rtol: 1e-6, atol: 1e-9, firstStep: 1e-3, recordSteps: true };
    const alone = solveIVP(vdp, [0, 10], [2, 0], { ...common, jacobian: vdpJac });
    const semi = solveIVP(withQuadrature, [0, 10], [2, 0, 0], {
      ...common,
      jacobian: withQuadratureJac,
      errorNormComponents: 2,
    });
    const full = solveIVP(withQuadrature, [0, 10], [2, 0, 0], { ...common, jacobian: withQuadratureJac });
    assert.equal(semi.status, "success", `${method}: ${semi.message}`);
    assert.deepEqual(
      semi.steps!.map((s) => s.t),
      alone.steps!.map((s) => s.t),
      `${method}: the seminorm solve must take the steps of the two-component solve`,
    );
    // (Not fewer steps than the full norm in general: an RMS over more, quieter components is smaller.)
    assert.equal(full.status, "success");
    // q(10) = ∫ x² dt, against a tight solve: the quadrature is as accurate as the state's tolerance allows.
    const ref = solveIVP(withQuadrature, [0, 10], [2, 0, 0], { method: "DOP853", rtol: 1e-12, atol: 1e-12 });
    const q = semi.y[semi.y.length - 1][2];
    const qRef = ref.y[ref.y.length - 1][2];
    assert.ok(Math.abs(q - qRef) < 1e-3 * qRef, `${method}: q ${q} vs ${qRef}`);
  }
});

test("errorNormComponents must be an integer in [1, n]", () => {
  for (const bad of [0, 4, 1.5]) {
    assert.throws(
      () => solveIVP(withQuadrature, [0, 1], [2, 0, 0], { errorNormComponents: bad }),
      /invalid argument errorNormComponents: must be an integer in \[1, 3\]/,
    );
  }
});
