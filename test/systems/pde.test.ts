import { test } from "node:test";
import assert from "node:assert/strict";
import { fft, ifft, heatEquation1D, heatFourierSolution, KuramotoSivashinsky } from "../../lib/systems/pde/index";
import { solveIVP } from "../../lib/index";

test("FFT: a known transform (cosine → two spikes) and a round trip to 1e-14", () => {
  const n = 16;
  const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 3 * i) / n));
  const im = new Float64Array(n);
  fft(re, im);
  re.forEach((v, k) => assert.ok(Math.abs(v - (k === 3 || k === 13 ? n / 2 : 0)) < 1e-12, `Re X[${k}] = ${v}`));
  im.forEach((v) => assert.ok(Math.abs(v) < 1e-12));
  const x = Float64Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.37) + i / 64);
  const xr = x.slice();
  const xi = new Float64Array(64);
  fft(xr, xi);
  ifft(xr, xi);
  xr.forEach((v, i) => assert.ok(Math.abs(v - x[i]) < 1e-14));
  assert.throws(() => fft(new Float64Array(12), new Float64Array(12)), /power of two/);
});

test("heat equation by method of lines matches the Fourier series; error falls ~4× when nx doubles (2nd order)", () => {
  const f = (x: number) => x * (1 - x) * (1 + x);
  const errors = [39, 79].map((nx) => {
    const heat = heatEquation1D({ nx, diffusivity: 0.5 });
    const u0 = Array.from(heat.grid, f);
    const sol = solveIVP(heat.rhs, [0, 0.1], u0, {
      method: "BDF",
      rtol: 1e-11,
      atol: 1e-13,
      jacobian: heat.jacobian,
      tEval: [0.1],
    });
    const exact = heatFourierSolution(f, heat.grid, 0.1, { diffusivity: 0.5 });
    return Math.max(...Array.from(sol.y[0], (v, i) => Math.abs(v - exact[i])));
  });
  assert.ok(errors[0] < 1e-4, `nx=39 error ${errors[0]}`);
  const ratio = errors[0] / errors[1];
  assert.ok(ratio > 3.5 && ratio < 4.5, `error ratio ${ratio} (${errors})`);
});

test("Kuramoto–Sivashinsky ETDRK4 converges at 4th order in dt (Kassam & Trefethen's problem, t = 5)", () => {
  const L = 32 * Math.PI;
  const n = 64;
  const u0 = (x: number) => Math.cos(x / 16) * (1 + Math.sin(x / 16));
  const run = (dt: number) => {
    const ks = new KuramotoSivashinsky({ n, length: L, dt });
    const u = Float64Array.from(ks.x, u0);
    ks.advance(u, Math.round(5 / dt));
    return u;
  };
  const ref = run(0.2 / 32);
  const err = [0.2, 0.1, 0.05].map((dt) => Math.max(...Array.from(run(dt), (v, i) => Math.abs(v - ref[i]))));
  const r1 = err[0] / err[1];
  const r2 = err[1] / err[2];
  assert.ok(r1 > 12 && r1 < 20 && r2 > 12 && r2 < 20, `error ratios ${r1}, ${r2} (${err})`);
});

test("Kuramoto–Sivashinsky on L = 22: largest Lyapunov exponent ≈ 0.043 (Edson et al. 2019; accept 0.02–0.07)", () => {
  const ks = new KuramotoSivashinsky({ n: 64, length: 22, dt: 0.25 });
  const u0 = Array.from(ks.x, (x) => 0.1 * Math.cos((2 * Math.PI * x) / 22) + 0.05 * Math.sin((4 * Math.PI * x) / 22));
  const lambda = ks.largestLyapunov(u0, { steps: 12000, transient: 800, renormEvery: 4 });
  assert.ok(lambda > 0.02 && lambda < 0.07, `λ = ${lambda}`);
});
