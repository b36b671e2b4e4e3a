import { test } from "node:test";
import assert from "node:assert/strict";
import {
  fft,
  ifft,
  heatEquation1D,
  heatFourierSolution,
  kuramotoSivashinsky,
  etdrk4KS,
  ksLargestLyapunov,
} from "../../lib/systems/pde/index";
import { solveIVP } from "../../lib/ode/solveIVP";

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

test("FFT: a known transform (cosine → two spikes), a round trip to 1e-14, non-powers of two rejected", () => {
  const n = 16;
  const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 3 * i) / n));
  const im = new Float64Array(n);
  fft(re, im);
  re.forEach((v, k) => assert.ok(Math.abs(v - (k === 3 || k === 13 ? n / 2 : 0)) < 1e-12, `Re X[${k}] = ${v}`));
  im.forEach((v, k) => assert.ok(Math.abs(v) < 1e-12, `Im X[${k}] = ${v}`));
  // sin(2πi/8) → X[1] = −4i, X[7] = +4i
  const sr = Float64Array.from({ length: 8 }, (_, i) => Math.sin((2 * Math.PI * i) / 8));
  const si = new Float64Array(8);
  fft(sr, si);
  si.forEach((v, k) => assert.ok(Math.abs(v - (k === 1 ? -4 : k === 7 ? 4 : 0)) < 1e-12, `Im X[${k}] = ${v}`));
  const x = Float64Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.37) + i / 64);
  const xr = x.slice();
  const xi = new Float64Array(64);
  fft(xr, xi);
  ifft(xr, xi);
  assert.ok(maxAbsDiff(xr, x) < 1e-14);
  assert.ok(maxAbsDiff(xi, new Float64Array(64)) < 1e-14);
  assert.throws(() => fft(new Float64Array(12), new Float64Array(12)), /power of two/);
  assert.throws(() => fft(new Float64Array(8), new Float64Array(4)), /argument im/);
});

test("heat equation by method of lines matches the Fourier series (nx = 100: < 1e-3); ~4× smaller at nx = 200", () => {
  const f = (x: number) => x * (1 - x) * (1 + x);
  const D = 0.5;
  const T = 0.1;
  const errors = [100, 200].map((nx) => {
    const heat = heatEquation1D({ nx, diffusivity: D, boundary: "dirichlet" });
    const sol = solveIVP(heat.rhs, [0, T], Array.from(heat.grid, f), {
      method: "BDF",
      rtol: 1e-11,
      atol: 1e-13,
      jacobian: heat.jacobian,
      tEval: [T],
    });
    assert.ok(sol.success, sol.message);
    const exact = heatFourierSolution(f, heat.grid, T, { length: 1, diffusivity: D, terms: 200 });
    return maxAbsDiff(sol.y[0], exact);
  });
  assert.ok(errors[0] < 1e-3, `nx=100 error ${errors[0]}`);
  const ratio = errors[0] / errors[1];
  assert.ok(ratio > 3.5 && ratio < 4.5, `error ratio ${ratio} (${errors})`);
  assert.throws(() => heatEquation1D({ nx: 1, diffusivity: 1 }), /argument nx/);
  assert.throws(() => heatEquation1D({ nx: 10, diffusivity: -1 }), /argument diffusivity/);
  assert.throws(
    () => heatEquation1D({ nx: 10, diffusivity: 1, boundary: "neumann" as "dirichlet" }),
    /argument boundary/,
  );
});

test("heat MOL Jacobian is the tridiagonal matrix and equals central differences of the rhs", () => {
  const heat = heatEquation1D({ nx: 6, length: 2, diffusivity: 0.3 });
  const n = heat.n;
  const J = new Float64Array(n * n);
  const u = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 0.5));
  heat.jacobian(0, u, J);
  const fp = new Float64Array(n);
  const fm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const up = u.slice();
    const um = u.slice();
    up[j] += 1e-6;
    um[j] -= 1e-6;
    heat.rhs(0, up, fp);
    heat.rhs(0, um, fm);
    for (let i = 0; i < n; i++) {
      const fd = (fp[i] - fm[i]) / 2e-6;
      assert.ok(Math.abs(fd - J[i * n + j]) <= 1e-6 * Math.max(1, Math.abs(fd)), `J[${i}][${j}]`);
      if (Math.abs(i - j) > 1) assert.equal(J[i * n + j], 0);
    }
  }
});

test("Kuramoto–Sivashinsky ETDRK4 converges at 4th order in dt (Kassam & Trefethen's problem, L = 32π, t = 5)", () => {
  const ks = kuramotoSivashinsky({ n: 64, L: 32 * Math.PI });
  const T = 5;
  const run = (dt: number) => {
    const r = etdrk4KS(ks.u0, { dt, steps: Math.round(T / dt), saveEvery: Math.round(T / dt), L: ks.L });
    assert.equal(r.u.length, 2);
    assert.ok(Math.abs(r.t[1] - T) < 1e-12);
    return r.u[1];
  };
  const dt = 0.2;
  const ref = run(dt / 16);
  const err = [dt, dt / 2, dt / 4].map((h) => maxAbsDiff(run(h), ref));
  const r1 = err[0] / err[1];
  const r2 = err[1] / err[2];
  assert.ok(r1 > 12 && r1 < 20 && r2 > 12 && r2 < 20, `error ratios ${r1}, ${r2} (${err})`);
  // The same semi-discretisation integrated as an ODE system (method of lines) agrees.
  const mol = solveIVP(ks.rhs, [0, T], ks.u0, { method: "DOP853", rtol: 1e-12, atol: 1e-12, tEval: [T] });
  assert.ok(mol.success, mol.message);
  assert.ok(maxAbsDiff(mol.y[0], ref) < 1e-8, `ETDRK4 vs DOP853: ${maxAbsDiff(mol.y[0], ref)}`);
});

test("Kuramoto–Sivashinsky: saveEvery, the conserved mean, 2/3 dealiasing and argument checks", () => {
  const ks = kuramotoSivashinsky();
  const r = etdrk4KS(ks.u0, { dt: 0.25, steps: 40, saveEvery: 8, dealias: true });
  assert.deepEqual(r.t, [0, 2, 4, 6, 8, 10]);
  const mean = (u: Float64Array) => u.reduce((a, b) => a + b, 0) / u.length;
  for (const u of r.u) assert.ok(Math.abs(mean(u) - mean(ks.u0)) < 1e-12);
  assert.throws(() => kuramotoSivashinsky({ n: 48 }), /argument n/);
  assert.throws(() => etdrk4KS(new Float64Array(64), { dt: 0, steps: 1 }), /argument dt/);
  assert.throws(() => etdrk4KS(new Float64Array(64), { dt: 0.1, steps: 1, saveEvery: 0 }), /argument saveEvery/);
  assert.throws(() => ksLargestLyapunov(new Float64Array(64), { dt: 0.1, steps: 10, eps: 0 }), /argument eps/);
});

test("Kuramoto–Sivashinsky on L = 22 (n = 64): largest Lyapunov exponent ≈ 0.043 (Edson et al.; accept 0.02–0.07)", () => {
  const L = 22;
  const { x } = kuramotoSivashinsky({ n: 64, L });
  const u0 = Array.from(x, (xi) => 0.1 * Math.cos((2 * Math.PI * xi) / L) + 0.05 * Math.sin((4 * Math.PI * xi) / L));
  const { exponent, history } = ksLargestLyapunov(u0, { L, dt: 0.25, steps: 12000, transient: 800, renormEvery: 4 });
  assert.ok(exponent > 0.02 && exponent < 0.07, `λ = ${exponent}`);
  assert.equal(history.t.length, 3000);
  assert.equal(history.lambda[history.lambda.length - 1], exponent);
});
