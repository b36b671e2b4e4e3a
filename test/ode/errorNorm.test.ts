import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP } from "../../lib/index";
import type { MethodName } from "../../lib/index";
import { problemSet } from "../../lib/problems/index";
import { dormandPrince54 } from "../../lib/ode/tableaus/dormandPrince54";
import {
  ZERO_SCALE_SQUARE,
  errorScale,
  rootMean,
  scaledRmsNorm,
  scaledSquare,
  weightedRmsNorm,
} from "../../lib/ode/errorNorm";

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

// The norm kernel itself (lib/ode/errorNorm.ts), against its definition
// ‖e‖ = √((1/k) Σ_{i<k} (c·e_i / s_i)²), s_i = atol_i + rtol_i·max(|y_i|, |ŷ_i|) (HNW I, eq. II.4.11).
const f64 = (xs: number[]) => Float64Array.from(xs);

test("weightedRmsNorm: errors that are r times their scale have norm |c·r|, scale from max(|y|, |ŷ|) per component", () => {
  const y = f64([1, -2, 0.5, 3]);
  const yNew = f64([-1.5, 1, 0.25, -4]);
  const atol = f64([1e-9, 1e-6, 1e-3, 0]);
  const rtol = f64([1e-6, 1e-3, 1e-4, 1e-2]);
  const c = 0.01;
  const r = 0.37;
  // s_i by hand: the larger magnitude of y_i and ŷ_i.
  const s = [1e-9 + 1e-6 * 1.5, 1e-6 + 1e-3 * 2, 1e-3 + 1e-4 * 0.5, 0 + 1e-2 * 4];
  const err = f64(s.map((si, i) => ((i % 2 === 0 ? 1 : -1) * r * si) / c));
  const norm = weightedRmsNorm(c, err, y, yNew, atol, rtol, 4);
  assert.ok(Math.abs(norm - r) <= 4 * Number.EPSILON * r, `norm ${norm} vs ${r}`);
  // Per-component tolerances matter: doubling atol_1 alone changes only the second term.
  const atol2 = f64([1e-9, 2e-6 + 2e-3, 1e-3, 0]); // s_1 doubles
  const expected = Math.sqrt((3 * r * r + (r / 2) ** 2) / 4);
  const norm2 = weightedRmsNorm(c, err, y, yNew, atol2, rtol, 4);
  assert.ok(Math.abs(norm2 - expected) <= 8 * Number.EPSILON * expected, `norm ${norm2} vs ${expected}`);
});

test("weightedRmsNorm: only the first k components count (the seminorm); k = 0 gives 0", () => {
  const y = f64([1, 2, 3]);
  const atol = f64([1e-6, 1e-6, 1e-6]);
  const rtol = f64([1e-3, 1e-3, 1e-3]);
  const err = f64([1e-3, 2e-3, 1e300]); // the last one is left out
  const first2 = weightedRmsNorm(1, err, y, y, atol, rtol, 2);
  const expected = Math.sqrt(((1e-3 / (1e-6 + 1e-3)) ** 2 + (2e-3 / (1e-6 + 2e-3)) ** 2) / 2);
  assert.ok(Math.abs(first2 - expected) <= 4 * Number.EPSILON * expected, `${first2} vs ${expected}`);
  assert.equal(weightedRmsNorm(1, err, y, y, atol, rtol, 0), 0);
});

test("weightedRmsNorm: atol 0 at y = ŷ = 0 counts a zero error as 0, a nonzero one as ZERO_SCALE_SQUARE, a NaN as NaN", () => {
  const zero = f64([0, 1]);
  const atol = f64([0, 0]);
  const rtol = f64([1e-6, 1e-6]);
  assert.equal(weightedRmsNorm(1, f64([0, 1e-7]), zero, zero, atol, rtol, 2), Math.sqrt(0.1 ** 2 / 2));
  assert.equal(weightedRmsNorm(1, f64([1e-30, 0]), zero, zero, atol, rtol, 2), Math.sqrt(ZERO_SCALE_SQUARE / 2));
  assert.ok(weightedRmsNorm(1, f64([1e-30, 0]), zero, zero, atol, rtol, 2) > 1e149, "a certain rejection");
  assert.ok(Number.isNaN(weightedRmsNorm(1, f64([NaN, 0]), zero, zero, atol, rtol, 2)), "NaN error at zero scale");
  assert.ok(Number.isNaN(weightedRmsNorm(1, f64([1, 0]), f64([NaN, 1]), zero, f64([1, 1]), rtol, 2)), "NaN state");
  assert.equal(scaledSquare(2, Infinity, 0), Infinity);
});

test("errorScale + scaledRmsNorm (BDF's one-state scale, rows read at an offset) equal weightedRmsNorm with y twice", () => {
  const n = 4;
  const y = f64([0.5, -1, 2, 1e-3]);
  const atol = f64([1e-8, 1e-8, 1e-6, 1e-10]);
  const rtol = f64([1e-5, 1e-4, 1e-5, 1e-5]);
  const rows = f64([9, 9, 9, 9, 3e-6, -1e-5, 4e-5, 2e-9]); // row 1 is the estimate
  const scale = new Float64Array(n);
  assert.equal(errorScale(scale, y, atol, rtol, n), scale, "returns its output");
  for (let i = 0; i < n; i++) assert.equal(scale[i], atol[i] + rtol[i] * Math.abs(y[i]));
  const viaScale = scaledRmsNorm(0.7, rows, n, scale, 3);
  const direct = weightedRmsNorm(0.7, rows.slice(n), y, y, atol, rtol, 3);
  assert.equal(viaScale, direct);
  assert.equal(scaledRmsNorm(0.7, rows, n, scale, 0), 0);
});

test("DOPRI5's step error is the weighted RMS norm of h·Σ e_j k_j, recomputed from the tableau by an independent RK step", () => {
  const lz = problemSet.lorenz;
  const y0 = Float64Array.from(lz.y0);
  const h = 0.004;
  const rtol = [1e-7, 1e-6, 1e-5];
  const atol = [1e-9, 1e-10, 1e-8];
  const r = solveIVP(lz.rhs, [0, 0.1], lz.y0, { method: "DOPRI5", rtol, atol, firstStep: h, recordSteps: true });
  assert.equal(r.steps![0].h, h);
  const tab = dormandPrince54;
  const n = 3;
  const k = Array.from({ length: tab.stages }, () => new Float64Array(n));
  lz.rhs(0, y0, k[0]);
  const Y = new Float64Array(n);
  for (let i = 1; i < tab.stages; i++) {
    for (let m = 0; m < n; m++) {
      let acc = 0;
      for (let j = 0; j < i; j++) acc += tab.a[i][j] * k[j][m];
      Y[m] = y0[m] + h * acc;
    }
    lz.rhs(tab.c[i] * h, Y, k[i]);
  }
  // FSAL: the last stage's input is y_new.
  let sum = 0;
  for (let m = 0; m < n; m++) {
    let e = 0;
    for (let j = 0; j < tab.stages; j++) e += tab.e[j] * k[j][m];
    const s = atol[m] + rtol[m] * Math.max(Math.abs(y0[m]), Math.abs(Y[m]));
    sum += ((h * e) / s) ** 2;
  }
  const expected = Math.sqrt(sum / n);
  const got = r.steps![0].error;
  assert.ok(expected > 1e-3, `a nontrivial error estimate, ${expected}`);
  assert.ok(Math.abs(got - expected) <= 1e-12 * expected, `recorded ${got} vs recomputed ${expected}`);
});

test("the norm's array functions check their buffers' lengths (OdeArgumentError, a RangeError, naming the buffer)", () => {
  const a3 = new Float64Array(3);
  const a2 = new Float64Array(2);
  assert.throws(
    () => weightedRmsNorm(1, a3, a3, a2, a3, a3, 3),
    (e: Error) =>
      e instanceof RangeError &&
      /invalid argument yNew: has length 2, needs at least 3 \(the components in the norm\)/.test(e.message),
  );
  assert.throws(() => errorScale(a2, a3, a3, a3, 3), /invalid argument scale: has length 2, needs at least 3/);
  assert.throws(() => scaledRmsNorm(1, a3, 2, a3, 2), /invalid argument err: has length 3, needs at least 4/);
});
