import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, problemSet } from "../../lib/index";
import type { MethodName } from "../../lib/index";

function peerError(y: Float64Array, ref: number[], rtol: number, atol: number): number {
  return Math.max(...ref.map((r, i) => Math.abs(y[i] - r) / (Math.abs(r) + atol / rtol)));
}

// Prothero–Robinson: y' = −λ(y − cos t) − sin t, y(0) = 1, exact y = cos t; stiff for λ = 1e4.
const lambda = 1e4;
const prothero = (t: number, y: Float64Array, d: Float64Array) => {
  d[0] = -lambda * (y[0] - Math.cos(t)) - Math.sin(t);
};
const protheroJac = (_t: number, _y: Float64Array, J: Float64Array) => {
  J[0] = -lambda;
};

for (const method of ["Rodas5", "BDF"] as MethodName[]) {
  test(`${method}: stiff Prothero–Robinson (λ=1e4) against cos t, with and without an analytic Jacobian`, () => {
    for (const jacobian of [protheroJac, undefined]) {
      const r = solveIVP(prothero, [0, 10], [1], { method, rtol: 1e-8, atol: 1e-10, jacobian, dense: true });
      assert.equal(r.status, "success", r.message);
      r.t.forEach((t, i) => assert.ok(Math.abs(r.y[i][0] - Math.cos(t)) < 1e-6, `t=${t}: ${r.y[i][0]}`));
      for (let i = 0; i <= 50; i++) {
        const t = (10 * i) / 50;
        assert.ok(Math.abs(r.sol!(t)[0] - Math.cos(t)) < 1e-6, `dense at t=${t}`);
      }
      assert.ok(r.stats.njev > 0);
      assert.ok(r.stats.nlu > 0);
      // An explicit method is held to |hλ| ≲ 3.3 (≥ 1.5e4 steps here); the stiff ones are not.
      const explicit = solveIVP(prothero, [0, 10], [1], { method: "DOPRI5", rtol: 1e-8, atol: 1e-10 });
      assert.ok(
        r.stats.nsteps * 4 < explicit.stats.nsteps,
        `${method} took ${r.stats.nsteps} steps, DOPRI5 ${explicit.stats.nsteps}`,
      );
    }
  });

  for (const name of ["rober", "hires", "vdp_stiff", "orego"] as const) {
    test(`${method}: ${name} reaches the reference final state at rtol 1e-8 (peer error < 1e-4)`, () => {
      const p = problemSet[name];
      const rtol = 1e-8;
      const atol = p.atolFor(rtol);
      const r = solveIVP(p.rhs, p.tSpan, p.y0, { method, rtol, atol, jacobian: p.jacobian, tEval: [p.tSpan[1]] });
      assert.equal(r.status, "success", r.message);
      const err = peerError(r.y[0], p.referenceFinal, rtol, atol);
      assert.ok(err < 1e-4, `error ${err.toExponential(2)}`);
    });
  }
}

test("ROBER conserves y1 + y2 + y3 = 1 along the Rodas5 and BDF solutions (to 1e-10)", () => {
  const p = problemSet.rober;
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    const r = solveIVP(p.rhs, [0, 1e5], p.y0, { method, rtol: 1e-8, atol: 1e-14, jacobian: p.jacobian });
    for (const y of r.y) assert.ok(Math.abs(y[0] + y[1] + y[2] - 1) < 1e-10, `${method}: sum ${y[0] + y[1] + y[2]}`);
  }
});

test("Rodas5: observed order 5 under step halving; dense output order ≥ 4", () => {
  // y' = y cos t, y = exp(sin t); fixed steps via firstStep = maxStep = h and huge tolerances.
  const f = (t: number, y: Float64Array, d: Float64Array) => {
    d[0] = y[0] * Math.cos(t);
  };
  const errors: number[] = [];
  const denseErrors: number[] = [];
  for (const h of [0.2, 0.1, 0.05]) {
    const r = solveIVP(f, [0, 4], [1], {
      method: "Rodas5",
      firstStep: h,
      maxStep: h,
      rtol: 1e10,
      atol: 1e10,
      dense: true,
    });
    errors.push(Math.abs(r.y[r.y.length - 1][0] - Math.exp(Math.sin(4))));
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const t = (4 * (i + 0.37)) / 200;
      worst = Math.max(worst, Math.abs(r.sol!(t)[0] - Math.exp(Math.sin(t))));
    }
    denseErrors.push(worst);
  }
  const order = Math.log2(errors[1] / errors[2]);
  const denseOrder = Math.log2(denseErrors[1] / denseErrors[2]);
  assert.ok(
    Math.abs(order - 5) < 0.4,
    `observed order ${order.toFixed(2)} (errors ${errors.map((e) => e.toExponential(2))})`,
  );
  assert.ok(denseOrder > 3.6, `dense order ${denseOrder.toFixed(2)}`);
});

test("BDF: error falls with rtol (tolerance proportionality on HIRES)", () => {
  const p = problemSet.hires;
  const errs = [1e-4, 1e-6, 1e-8].map((rtol) => {
    const atol = p.atolFor(rtol);
    const r = solveIVP(p.rhs, p.tSpan, p.y0, { method: "BDF", rtol, atol, jacobian: p.jacobian, tEval: [p.tSpan[1]] });
    return peerError(r.y[0], p.referenceFinal, rtol, atol) * rtol; // back to an absolute-relative error
  });
  assert.ok(errs[1] < errs[0] / 10 && errs[2] < errs[1] / 10, `errors ${errs.map((e) => e.toExponential(2))}`);
});

test("stiff failures are reported with the time: non-finite f and a singular iteration matrix", () => {
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    const r = solveIVP((t, y) => [t < 1 ? -y[0] : NaN], [0, 2], [1], { method });
    assert.equal(r.status, "nonFinite", `${method}: ${r.status} ${r.message}`);
    assert.match(r.message, /t=(0\.9|1)/);
  }
  // W = I/(hγ) − J is singular exactly when 1/(hγ) is an eigenvalue of J: J = 1/(h0 γ) with h0 = 0.5.
  const jac = (_t: number, _y: Float64Array, J: Float64Array) => {
    J[0] = 1 / (0.5 * 0.19);
  };
  const r = solveIVP((_t, y) => [y[0] / (0.5 * 0.19)], [0, 1], [1], {
    method: "Rodas5",
    jacobian: jac,
    firstStep: 0.5,
    maxStep: 0.5,
    maxSteps: 1,
  });
  assert.equal(r.success, false);
  assert.ok(r.status === "singularMatrix" || r.status === "maxSteps", r.status);
  const rec = solveIVP((_t, y) => [y[0] / (0.5 * 0.19)], [0, 1], [1], {
    method: "Rodas5",
    jacobian: jac,
    firstStep: 0.5,
    recordSteps: true,
  });
  assert.equal(rec.steps![0].accepted, false, "the singular attempt must be rejected");
  assert.ok(Number.isNaN(rec.steps![0].error));
});

test("Rodas5 and BDF record Jacobian and LU updates; BDF reuses its Jacobian", () => {
  const p = problemSet.rober;
  const r = solveIVP(p.rhs, p.tSpan, p.y0, {
    method: "BDF",
    rtol: 1e-6,
    atol: 1e-14,
    jacobian: p.jacobian,
    recordSteps: true,
  });
  assert.equal(r.steps!.length, r.stats.nsteps);
  assert.ok(r.stats.njev < r.stats.naccept / 10, `njev ${r.stats.njev} vs ${r.stats.naccept} steps`);
  assert.ok(r.steps!.some((s) => s.order > 1));
  const q = solveIVP(p.rhs, p.tSpan, p.y0, {
    method: "Rodas5",
    rtol: 1e-6,
    atol: 1e-14,
    jacobian: p.jacobian,
    recordSteps: true,
  });
  assert.ok(q.steps!.every((s) => s.luUpdated));
  assert.equal(q.steps!.filter((s) => s.jacobianUpdated).length, q.stats.njev);
});
