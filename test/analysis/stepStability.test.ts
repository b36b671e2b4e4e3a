import { test } from "node:test";
import assert from "node:assert/strict";
import { acceptedSteps, stepStability } from "../../lib/analysis/stepStability";
import { stabilityFunction } from "../../lib/analysis/stabilityFunction";
import { realStabilityInterval } from "../../lib/analysis/stabilityBoundary";
import { jacobianSpectrum } from "../../lib/analysis/spectrum";
import { solveIVP } from "../../lib/ode/solveIVP";
import { OdeArgumentError } from "../../lib/ode/errors";

/** y' = diag(−1, −λ) y: eigenvalues −1 and −λ at every point. */
const diagonal = (lambda: number) => ({
  rhs: (_t: number, y: Float64Array, d: Float64Array) => {
    d[0] = -y[0];
    d[1] = -lambda * y[1];
  },
  jac: (_t: number, _y: Float64Array, J: Float64Array) => {
    J.fill(0);
    J[0] = -1;
    J[3] = -lambda;
  },
});

test("RK4 with fixed h on y' = diag(−1, −1000)y: λh = −3 is outside, |R| = 1.375 (analytic, 1e-12), equal to the measured growth |y₂(t+h)/y₂(t)|; h = 0.002 is inside with |R| = 1/3", () => {
  const { rhs, jac } = diagonal(1000);
  for (const [h, R, out] of [
    [0.003, 1.375, 0.5],
    [0.002, 1 / 3, 0],
  ] as const) {
    const r = solveIVP(rhs, [0, 20 * h], [1, 1], { method: "RK4", step: h });
    const spec = jacobianSpectrum(jac, 2, r.t, r.y);
    const st = stepStability(spec, acceptedSteps(r), "RK4");
    // Eigenvalues come sorted by real part: index 1 is −1000.
    st.samples.forEach((s) => assert.ok(Math.abs(s.modulus[1] - R) < 1e-12, `h = ${h}: |R| ${s.modulus[1]}`));
    if (out > 0) assert.ok(Math.abs(st.worstModulus - R) < 1e-12);
    // 1 − 3 + 9/2 − 27/6 + 81/24 = 1.375: R(−3) of RK4; the measured ratio of successive states.
    const growth = Math.abs(r.y[5][1] / r.y[4][1]);
    assert.ok(Math.abs(growth - R) < 1e-12, `measured ${growth}`);
    assert.equal(st.fractionOutside, out, "half of the λh points (the −1000h ones) outside");
    assert.equal(st.fractionSamplesOutside, out * 2);
    st.samples.forEach((s) => assert.ok(Math.abs(s.h - h) < 1e-15 && Math.abs(s.re[1] + 1000 * h) < 1e-12));
  }
});

test("DOPRI5 on a stiff problem: after the transient λh sits on the real stability boundary −3.3066 (median within 0.01; HW II §IV.2), accepted steps outside occur in the transient; Rodas5 on it has every λh inside, at λh ≪ −3.3", () => {
  const { rhs, jac } = diagonal(1e4);
  const r = solveIVP(rhs, [0, 1], [1, 1], { method: "DOPRI5", rtol: 1e-6, atol: 1e-9, recordSteps: true });
  const st = stepStability(jacobianSpectrum(jac, 2, r.t, r.y), acceptedSteps(r), "DOPRI5");
  // After the transient the step size is limited by stability, not accuracy: −1e4·h stays at the
  // boundary of DOPRI5's region on the real axis.
  const late = st.samples
    .filter((s) => s.t > 0.5)
    .map((s) => s.re[1])
    .sort((x, y) => x - y);
  const median = late[late.length >> 1];
  const edge = -realStabilityInterval(stabilityFunction("DOPRI5"));
  assert.ok(Math.abs(median - edge) < 0.01, `median λh late ${median} vs ${edge}`);
  assert.ok(
    st.worstModulus > 1 && st.fractionOutside > 0 && st.fractionOutside < 0.1,
    `worst ${st.worstModulus}, outside ${st.fractionOutside}`,
  );
  const s = solveIVP(rhs, [0, 1], [1, 1], {
    method: "Rodas5",
    rtol: 1e-6,
    atol: 1e-9,
    jacobian: jac,
    recordSteps: true,
  });
  const ss = stepStability(jacobianSpectrum(jac, 2, s.t, s.y), acceptedSteps(s), "Rodas5");
  assert.equal(ss.fractionOutside, 0);
  assert.ok(Math.min(...ss.samples.map((p) => p.re[1])) < -100, "Rodas5 takes steps far beyond an explicit method's");
});

test("acceptedSteps: from recorded steps and from the output times agree (1e-15); BDF steps carry their orders; Auto needs the steps' methods", () => {
  const { rhs, jac } = diagonal(50);
  const a = solveIVP(rhs, [0, 2], [1, 1], { method: "BDF", jacobian: jac, recordSteps: true });
  const b = solveIVP(rhs, [0, 2], [1, 1], { method: "BDF", jacobian: jac });
  const sa = acceptedSteps(a);
  const sb = acceptedSteps(b);
  assert.equal(sa.h.length, sb.h.length);
  sa.h.forEach((h, k) => assert.ok(Math.abs(h - sb.h[k]) < 1e-15 * Math.max(1, Math.abs(h) * 1e3)));
  assert.ok(
    sa.order!.some((o) => o > 1),
    "BDF raised its order",
  );
  const st = stepStability(jacobianSpectrum(jac, 2, a.t, a.y), sa, "BDF");
  st.samples.forEach((s, k) => assert.ok(s.order >= 1 && s.order <= 5, `sample ${k}`));
  assert.equal(st.fractionOutside, 0, "BDF on a linear decay stays stable");
  assert.throws(
    () => stepStability(jacobianSpectrum(jac, 2, b.t, b.y), { t: sb.t, h: sb.h }, "Auto"),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "steps.method",
  );
  assert.throws(
    () => stepStability(jacobianSpectrum(jac, 2, b.t, b.y), { t: sb.t, h: sb.h.slice(1) }, "BDF"),
    (e: unknown) => e instanceof OdeArgumentError && /steps\.h.*entries/.test(e.message),
  );
});
