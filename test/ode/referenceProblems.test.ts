import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, problemSet } from "../../lib/index";
import type { MethodName } from "../../lib/index";

// The shared problem set (../shared/peers/problems.json, copied into lib/problems with its
// reference final states from scipy DOP853/Radau at rtol 1e-13). Error measure as the peers':
// max_i |y_i − ref_i| / (|ref_i| + atol_i/rtol).
function peerError(y: Float64Array, ref: number[], rtol: number, atol: number): number {
  return Math.max(...ref.map((r, i) => Math.abs(y[i] - r) / (Math.abs(r) + atol / rtol)));
}

const nonStiff = ["lorenz", "arenstorf", "lotka_volterra", "brusselator"] as const;
for (const name of nonStiff) {
  for (const method of ["DOPRI5", "Tsit5", "DOP853"] as MethodName[]) {
    test(`${name} with ${method} at rtol 1e-10 reaches the reference final state`, () => {
      const p = problemSet[name];
      const rtol = 1e-10;
      const atol = 1e-3 * rtol;
      const r = solveIVP(p.rhs, p.tSpan, p.y0, { method, rtol, atol, tEval: [p.tSpan[1]] });
      assert.equal(r.status, "success", r.message);
      const err = peerError(r.y[0], p.referenceFinal, rtol, atol);
      // Lorenz is chaotic over [0, 20]: an error of 1e-10 per step grows by ~e^{0.9·20}; its bound is looser.
      const bound = name === "lorenz" ? 5e-3 : name === "arenstorf" ? 1e-3 : 1e-6;
      assert.ok(err < bound, `error ${err.toExponential(2)} ≥ ${bound}`);
    });
  }
}

test("Arenstorf orbit returns to its start after one period (DOP853, rtol 1e-12)", () => {
  const p = problemSet.arenstorf;
  const r = solveIVP(p.rhs, p.tSpan, p.y0, { method: "DOP853", rtol: 1e-12, atol: 1e-14 });
  const y = r.y[r.y.length - 1];
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(y[i] - p.y0[i]) < 1e-6, `component ${i}: ${y[i]} vs ${p.y0[i]}`);
});

test("DOPRI5's function evaluations stay within 10% of scipy RK45's on the shared problems (rtol 1e-6)", () => {
  // scipy 1.10.1 RK45 nfev at rtol 1e-6, atol 1e-9 (../shared/peers/RESULTS.md): same tableau, same norm.
  const scipyNfev: Record<string, number> = { lorenz: 5108, arenstorf: 1310, lotka_volterra: 620, brusselator: 974 };
  for (const name of nonStiff) {
    const p = problemSet[name];
    const r = solveIVP(p.rhs, p.tSpan, p.y0, { method: "DOPRI5", rtol: 1e-6, atol: 1e-9 });
    const ratio = r.stats.nfev / scipyNfev[name];
    assert.ok(
      Math.abs(ratio - 1) <= 0.1,
      `${name}: nfev ${r.stats.nfev} vs scipy ${scipyNfev[name]} (ratio ${ratio.toFixed(3)})`,
    );
  }
});

test("Auto switches from DOPRI5 to Rodas5 on stiff Van der Pol (μ=1000) and matches the reference", () => {
  const p = problemSet.vdp_stiff;
  const rtol = 1e-6;
  const atol = 1e-3 * rtol;
  const auto = solveIVP(p.rhs, p.tSpan, p.y0, { method: "Auto", rtol, atol, jacobian: p.jacobian });
  assert.equal(auto.status, "success", auto.message);
  assert.match(auto.method, /DOPRI5→Rodas5/);
  assert.ok(peerError(auto.y[auto.y.length - 1], p.referenceFinal, rtol, atol) < 1e-3);
  // The explicit method alone needs far more work on this problem (that is what stiffness means).
  const explicit = solveIVP(p.rhs, p.tSpan, p.y0, { method: "DOPRI5", rtol, atol, maxSteps: 20000 });
  assert.ok(explicit.status === "maxSteps" || explicit.stats.nfev > 10 * auto.stats.nfev, explicit.message);
});

test("Auto switches back to DOPRI5 when the stiffness ends (y' = −λ(t)(y − cos t) − sin t, λ: 1e5 → 0.1)", () => {
  // y = cos t for every λ(t); the harmonic oscillator beside it keeps the steps accuracy-limited.
  const lambda = (t: number) => 0.1 + 1e5 / (1 + Math.exp(10 * (t - 2)));
  const rhs = (t: number, y: Float64Array, d: Float64Array) => {
    d[0] = -lambda(t) * (y[0] - Math.cos(t)) - Math.sin(t);
    d[1] = y[2];
    d[2] = -y[1];
  };
  const jacobian = (t: number, _y: Float64Array, J: Float64Array) => {
    J.fill(0);
    J[0] = -lambda(t);
    J[5] = 1;
    J[7] = -1;
  };
  const opts = { rtol: 1e-8, atol: 1e-10, jacobian };
  const auto = solveIVP(rhs, [0, 40], [1, 0, 1], { ...opts, method: "Auto" });
  assert.equal(auto.status, "success", auto.message);
  const m = /^Auto\(DOPRI5→Rodas5 at t=([\d.e+-]+)→DOPRI5 at t=([\d.e+-]+)\)$/.exec(auto.method);
  assert.ok(m, `expected one switch each way, got ${auto.method}`);
  // Back to explicit only once h·λ is small: λ(t) has fallen below ~1e3 after t ≈ 2.5.
  assert.ok(Number(m[1]) < 0.1 && Number(m[2]) > 2 && Number(m[2]) < 6, auto.method);
  const y = auto.y[auto.y.length - 1];
  assert.ok(Math.abs(y[0] - Math.cos(40)) < 1e-8 && Math.abs(y[1] - Math.sin(40)) < 1e-6);
  // The non-stiff tail costs no Jacobians: far fewer than Rodas5 alone over the whole interval.
  const rodas = solveIVP(rhs, [0, 40], [1, 0, 1], { ...opts, method: "Rodas5" });
  assert.ok(auto.stats.njev < 0.5 * rodas.stats.njev, `njev ${auto.stats.njev} vs Rodas5 ${rodas.stats.njev}`);
});

test("Auto stays explicit on a non-stiff problem", () => {
  const p = problemSet.lotka_volterra;
  const r = solveIVP(p.rhs, p.tSpan, p.y0, { method: "Auto", rtol: 1e-8, atol: 1e-11 });
  assert.equal(r.method, "Auto(DOPRI5)");
  assert.ok(peerError(r.y[r.y.length - 1], p.referenceFinal, 1e-8, 1e-11) < 1e-5);
});
