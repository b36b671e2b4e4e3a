import { test } from "node:test";
import assert from "node:assert/strict";
import type { AttributionTarget } from "../../lib/interpret/target";
import { integratedGradients } from "../../lib/interpret/integratedGradients";
import { A3, abcField, expm, linearField, mlpCase, relError } from "./fixtures";

const w = Float64Array.from([0.5, -1, 2]);
/** wᵀ y(T) raised to a power: the IG path integrand is a polynomial of degree power − 1 in α. */
const powerOfProjection = (power: number): AttributionTarget => ({
  name: `(wᵀy(T))^${power}`,
  scalar: (y) => {
    const yT = y[y.length - 1];
    const s = w[0] * yT[0] + w[1] * yT[1] + w[2] * yT[2];
    const cot: (Float64Array | null)[] = y.map(() => null);
    cot[y.length - 1] = w.map((wi) => power * s ** (power - 1) * wi);
    return { value: s ** power, cotangents: cot };
  },
});

test("linear model F(y0) = wᵀe^{TA}y0: IG = (e^{TA})ᵀw ⊙ (x − x′) to 1e-9 with one node, gap < 1e-12", () => {
  const field = linearField();
  const y0 = Float64Array.from([1, -0.5, 2]);
  const t = [0, 1.5];
  const baseline = [0.2, 0.1, -0.3];
  const r = integratedGradients(field, y0, t, powerOfProjection(1), {
    baseline,
    nodes: 1,
    solver: { method: "DOPRI5", rtol: 1e-12, atol: 1e-14 },
  });
  const E = expm(A3, 1.5);
  const expected = [0, 1, 2].map((i) => (E[i] * w[0] + E[3 + i] * w[1] + E[6 + i] * w[2]) * (y0[i] - baseline[i]));
  assert.ok(relError(r.attributions, expected) < 1e-9, `${Array.from(r.attributions)} vs ${expected}`);
  assert.ok(r.gap < 1e-12, `gap ${r.gap}`);
});

test("Gauss–Legendre is exact for a polynomial path integrand: (wᵀy(T))³ of a linear field has a quadratic integrand, so 2 nodes close the gap (< 1e-11) and 1 node does not (> 1e-3)", () => {
  const field = linearField();
  const y0 = Float64Array.from([1, -0.5, 2]);
  const t = [0, 1];
  const o = { solver: { method: "RK4" as const, step: 0.05 } };
  const one = integratedGradients(field, y0, t, powerOfProjection(3), { ...o, nodes: 1 });
  const two = integratedGradients(field, y0, t, powerOfProjection(3), { ...o, nodes: 2 });
  assert.ok(one.gap > 1e-3, `1 node: gap ${one.gap}`);
  assert.ok(two.gap < 1e-11 * Math.abs(two.value), `2 nodes: gap ${two.gap}, F = ${two.value}`);
});

test("tanh MLP: the completeness gap falls as nodes grow (1, 2, 4, 8, 16) to < 1e-9 at 16, w.r.t. y0 and θ", () => {
  const { field, y0, t } = mlpCase();
  for (const wrt of ["y0", "parameters"] as const) {
    const gaps = [1, 2, 4, 8, 16].map(
      (nodes) =>
        integratedGradients(field, y0, t, { component: 0 }, { wrt, nodes, solver: { method: "RK4", step: 0.05 } }).gap,
    );
    for (let i = 1; i < gaps.length; i++)
      assert.ok(gaps[i] < gaps[i - 1] || gaps[i] < 1e-12, `${wrt}: gaps ${gaps.join(", ")}`);
    assert.ok(gaps[4] < 1e-9, `${wrt}: gaps ${gaps.join(", ")}`);
  }
});

test("batched IG (one solve of m + 2 states) = one solve per node: RK4 to 1e-13, DOPRI5 rtol 1e-10 to rel 1e-7", () => {
  const { field, y0, t } = mlpCase();
  for (const [solver, tol] of [
    [{ method: "RK4" as const, step: 0.05 }, 1e-13],
    [{ method: "DOPRI5" as const, rtol: 1e-10, atol: 1e-12 }, 1e-7],
  ] as const) {
    const a = integratedGradients(field, y0, t, { component: 2, timeIndex: 3 }, { nodes: 8, solver, batch: true });
    const b = integratedGradients(field, y0, t, { component: 2, timeIndex: 3 }, { nodes: 8, solver, batch: false });
    assert.equal(a.stats.solves, 1);
    assert.equal(b.stats.solves, 10);
    assert.ok(
      relError(a.attributions, b.attributions) < tol,
      `${solver.method}: ${relError(a.attributions, b.attributions)}`,
    );
    assert.ok(Math.abs(a.value - b.value) < tol, `${solver.method}: F ${a.value} vs ${b.value}`);
  }
});

test("A → B → C, IG of C(T) over the rate constants from k′ = k/2: completeness gap < 1e-8 with 16 nodes", () => {
  const field = abcField(0.7, 0.25);
  const r = integratedGradients(
    field,
    Float64Array.from([1, 0, 0]),
    [0, 4],
    { component: 2 },
    {
      wrt: "parameters",
      baseline: [0.35, 0.125],
      solver: { method: "DOPRI5", rtol: 1e-11, atol: 1e-13 },
    },
  );
  assert.ok(r.gap < 1e-8, `gap ${r.gap}, attributions ${Array.from(r.attributions)}`);
  assert.equal(r.rule.alpha.length, 16);
});
