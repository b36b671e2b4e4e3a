import { test } from "node:test";
import assert from "node:assert/strict";
import { stabilityFunction, bdfBoundaryLocus, bdfStabilityAngle } from "../../lib/analysis/stabilityFunction";
import { realStabilityInterval, stabilityBoundary } from "../../lib/analysis/stabilityBoundary";
import { polynomialRoots } from "../../lib/analysis/polynomialRoots";
import { solveIVP } from "../../lib/ode/solveIVP";
import { OdeArgumentError } from "../../lib/ode/errors";
import { dormandPrince54 } from "../../lib/ode/tableaus/dormandPrince54";

/** Complex points spread over the plane where the stability functions are tested. */
const Z: [number, number][] = [
  [-1, 0],
  [-2.5, 1.5],
  [0.3, -0.7],
  [-0.1, 2.9],
  [-4, -3],
  [1.2, 0.4],
];

/** Σ c_k z^k, complex z. */
function poly(c: number[], zr: number, zi: number): [number, number] {
  let pr = 0;
  let pi = 0;
  for (let k = c.length - 1; k >= 0; k--) [pr, pi] = [pr * zr - pi * zi + c[k], pr * zi + pi * zr];
  return [pr, pi];
}
const close = (a: [number, number], b: [number, number], tol: number, what: string) =>
  assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1]) <= tol * Math.max(1, Math.hypot(...b)), `${what}: ${a} vs ${b}`);

test("Euler: R(z) = 1 + z (1e-15)", () => {
  const R = stabilityFunction("Euler");
  for (const [x, y] of Z) close(R.value(x, y)!, [1 + x, y], 1e-15, `z = ${x}+${y}i`);
});

test("RK4: R(z) = Σ_{k≤4} z^k/k! (1e-14 relative)", () => {
  const R = stabilityFunction("RK4");
  for (const [x, y] of Z) close(R.value(x, y)!, poly([1, 1, 1 / 2, 1 / 6, 1 / 24], x, y), 1e-14, `z = ${x}+${y}i`);
});

test("DOPRI5: R(z) = Σ_{k≤5} z^k/k! + z⁶/600 (HW II §IV.2), coefficients bᵀA^{k−1}𝟙 of its tableau (1e-14)", () => {
  // The z^k coefficient of 1 + z bᵀ(I − zA)⁻¹𝟙 is bᵀA^{k−1}𝟙 (Neumann series; A nilpotent).
  const tab = dormandPrince54;
  const s = tab.b.length;
  const coeff = [1];
  let v = new Array(s).fill(1);
  for (let k = 1; k <= s; k++) {
    coeff.push(tab.b.reduce((acc, b, i) => acc + b * v[i], 0));
    v = tab.a.slice(0, s).map((row) => row.reduce((acc, a, j) => acc + a * v[j], 0));
  }
  const expected = [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 600, 0];
  coeff.forEach((c, k) => assert.ok(Math.abs(c - expected[k]) < 1e-14, `z^${k}: ${c} vs ${expected[k]}`));
  const R = stabilityFunction("DOPRI5");
  for (const [x, y] of Z) close(R.value(x, y)!, poly(expected, x, y), 1e-13, `z = ${x}+${y}i`);
});

test("real stability intervals: RK4 −2.785293563… (root of 1 + x/2 + x²/6 + x³/24, 1e-10), DOPRI5 ≈ −3.31 (HW II Fig. IV.2.1; 0.01) with |R| = 1 there, Euler −2", () => {
  // R(x) − 1 = x(1 + x/2 + x²/6 + x³/24) for RK4: the left end is the real root of the cubic (Newton).
  let x = -3;
  for (let i = 0; i < 50; i++) x -= (1 + x / 2 + (x * x) / 6 + (x * x * x) / 24) / (1 / 2 + x / 3 + (x * x) / 8);
  assert.ok(Math.abs(realStabilityInterval(stabilityFunction("RK4")) + x) < 1e-10, `RK4: ${x}`);
  const r5 = realStabilityInterval(stabilityFunction("DOPRI5"));
  assert.ok(Math.abs(r5 - 3.31) < 0.01, `DOPRI5: ${r5}`);
  const at = poly([1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 600], -r5, 0);
  assert.ok(Math.abs(Math.abs(at[0]) - 1) < 1e-10, `|R(−${r5})| = ${at[0]}`);
  assert.ok(Math.abs(realStabilityInterval(stabilityFunction("Euler")) - 2) < 1e-10);
});

test("Rodas5: R(z) equals the measured one-step amplification of the Rodas5 stepper on y' = λy (1e-10), and R(−∞) = 0 (L-stable)", () => {
  const R = stabilityFunction("Rodas5");
  const h = 0.1;
  for (const [x, y] of [...Z, [-50, 20] as [number, number], [-1e4, 3] as [number, number]]) {
    // λ = (x + iy)/h as the real 2×2 system [[a, −b], [b, a]]; one step of size h from (1, 0) gives (Re R, Im R).
    const a = x / h;
    const b = y / h;
    const r = solveIVP(
      (_t, u, du) => {
        du[0] = a * u[0] - b * u[1];
        du[1] = b * u[0] + a * u[1];
      },
      [0, h],
      [1, 0],
      {
        method: "Rodas5",
        firstStep: h,
        rtol: 1e10,
        atol: 1e10,
        recordSteps: true,
        jacobian: (_t, _u, J) => {
          J[0] = a;
          J[1] = -b;
          J[2] = b;
          J[3] = a;
        },
      },
    );
    assert.equal(r.steps!.filter((s) => s.accepted).length, 1, "one step");
    close(R.value(x, y)!, [r.y[1][0], r.y[1][1]], 1e-10, `z = ${x}+${y}i`);
  }
  // R is rational with a numerator of lower degree: |R(z)| ~ C/|z| → 0.
  const m1 = R.modulus(-1e6, 0);
  const m2 = R.modulus(-1e8, 0);
  assert.ok(m2 < 1e-6 && m1 / m2 > 50, `|R(−1e6)| = ${m1}, |R(−1e8)| = ${m2}`);
  assert.ok(R.modulus(-1e8, 1e8) < 1e-6);
  // A-stable: |R| ≤ 1 on the imaginary axis and in the left half plane.
  for (let y = 0; y <= 1000; y += 0.5) assert.ok(R.modulus(0, y) <= 1 + 1e-12, `|R(${y}i)| = ${R.modulus(0, y)}`);
  assert.equal(realStabilityInterval(R, 1000, 0.1), Infinity);
});

test("BDF: BDF-1 modulus = 1/|1 − z| (1e-13); BDF-1/2 boundary loci in Re z ≥ 0 (A-stable); A(α) angles of BDF-3..6 (HW II §V.2: 86.03°, 73.35°, 51.84°, 17.84°, 0.01°) and NDF-3..5 (Shampine & Reichelt 1997 Table 1: 80°, 66°, 51°, 1°)", () => {
  const b1 = stabilityFunction("BDF", { order: 1, formula: "bdf" });
  for (const [x, y] of Z) assert.ok(Math.abs(b1.modulus(x, y) - 1 / Math.hypot(1 - x, y)) < 1e-13);
  for (const k of [1, 2]) {
    const locus = bdfBoundaryLocus(k, "bdf");
    assert.ok(Math.min(...locus.re) > -1e-14, `BDF-${k}: min Re ${Math.min(...locus.re)}`);
    const f = stabilityFunction("BDF", { order: k, formula: "bdf" });
    for (const [x, y] of Z) if (x < 0) assert.ok(f.modulus(x, y) <= 1, `BDF-${k} at ${x}+${y}i: ${f.modulus(x, y)}`);
  }
  [86.03, 73.35, 51.84, 17.84].forEach((alpha, i) =>
    assert.ok(
      Math.abs(bdfStabilityAngle(i + 3, "bdf") - alpha) < 0.01,
      `BDF-${i + 3}: ${bdfStabilityAngle(i + 3, "bdf")}`,
    ),
  );
  [80, 66, 51].forEach((alpha, i) =>
    assert.ok(
      Math.abs(bdfStabilityAngle(i + 3, "ndf") - alpha) < 1,
      `NDF-${i + 3}: ${bdfStabilityAngle(i + 3, "ndf")}`,
    ),
  );
  // On the locus a root has |ζ| = 1: the largest modulus is ≥ 1 there, and = 1 where the locus bounds the region.
  const f3 = stabilityFunction("BDF", { order: 3, formula: "bdf" });
  const loc = bdfBoundaryLocus(3, "bdf", 37);
  for (let p = 1; p < 36; p++) assert.ok(f3.modulus(loc.re[p], loc.im[p]) >= 1 - 1e-9);
});

test("stabilityBoundary: every vertex of DOPRI5's and RK4's boundary has |R| = 1 (1e-10), DOPRI5's main curve meets the real axis at −3.3066, and its two lobes in Re z > 0 are found", () => {
  for (const m of ["DOPRI5", "RK4"] as const) {
    const R = stabilityFunction(m);
    const b = stabilityBoundary(R, { re: [-5, 1.5], im: [-4.5, 4.5], resolution: 300 });
    for (const c of b.curves)
      c.re.forEach((x, i) =>
        assert.ok(Math.abs(Math.log(R.modulus(x, c.im[i]))) < 1e-10, `${m}: |R(${x}+${c.im[i]}i)|`),
      );
    if (m === "DOPRI5") {
      const lobes = b.curves.filter((c) => Math.min(...c.re) > 0);
      assert.equal(lobes.length, 2, "two lobes across the imaginary axis");
      const left = Math.min(...b.curves.flatMap((c) => c.re));
      assert.ok(Math.abs(left + realStabilityInterval(R)) < 1e-3, `leftmost ${left}`);
    }
  }
});

test("polynomialRoots: roots of (x − 1)(x + 2i)(x − 3 + i) (1e-12); bad input throws", () => {
  // Expanded with complex arithmetic: (x − r1)(x − r2)(x − r3).
  const roots: [number, number][] = [
    [1, 0],
    [0, -2],
    [3, -1],
  ];
  let cr = [1];
  let ci = [0];
  for (const [rr, ri] of roots) {
    const nr = new Array(cr.length + 1).fill(0);
    const ni = new Array(cr.length + 1).fill(0);
    cr.forEach((_, j) => {
      nr[j + 1] += cr[j];
      ni[j + 1] += ci[j];
      nr[j] -= rr * cr[j] - ri * ci[j];
      ni[j] -= rr * ci[j] + ri * cr[j];
    });
    cr = nr;
    ci = ni;
  }
  const got = polynomialRoots(cr, ci);
  for (const [rr, ri] of roots)
    assert.ok(
      got.re.some((x, j) => Math.hypot(x - rr, got.im[j] - ri) < 1e-12),
      `${rr}+${ri}i in ${got.re}, ${got.im}`,
    );
  assert.throws(() => polynomialRoots([1, 0], [0, 0]), OdeArgumentError);
});

test("bad arguments: Auto has no single stability function; BDF order out of range; bad window", () => {
  assert.throws(
    () => stabilityFunction("Auto"),
    (e: unknown) => e instanceof OdeArgumentError && /Auto.*DOPRI5 or Rodas5/.test(e.message),
  );
  assert.throws(
    () => stabilityFunction("BDF", { order: 6 }),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "options.order",
  );
  assert.throws(() => stabilityFunction("Nope" as "RK4"), OdeArgumentError);
  assert.throws(
    () => bdfBoundaryLocus(3, "xdf" as "bdf"),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "formula",
  );
  assert.throws(
    () => stabilityBoundary(stabilityFunction("RK4"), { re: [1, -1] }),
    (e: unknown) => e instanceof OdeArgumentError && /options\.re.*\[1, -1\]/.test(e.message),
  );
});
