import { test } from "node:test";
import assert from "node:assert/strict";
import { attributionOverTime, globalAttribution } from "../../lib/interpret/overTime";
import { integratedGradients } from "../../lib/interpret/integratedGradients";
import { stepSensitivities, sensitivityOfComponent } from "../../lib/interpret/stepSensitivities";
import { A3, expm, linearField, mlpCase, relError } from "./fixtures";

test("saliency over time = row j of the step sensitivities (1e-7 rel), IG over time = IG per target (RK4, 1e-13), IG gaps all < 1e-9", () => {
  const { field, y0, t } = mlpCase();
  const dopri = { method: "DOPRI5" as const, rtol: 1e-11, atol: 1e-13 };
  const s = attributionOverTime(field, y0, t, { component: 1, solver: dopri });
  const rows = sensitivityOfComponent(stepSensitivities(field, y0, t, { solver: dopri }), 1);
  t.forEach((_, k) =>
    assert.ok(relError(s.attributions[k], rows[k]) < 1e-7, `t_${k}: ${relError(s.attributions[k], rows[k])}`),
  );
  assert.deepEqual(s.attributions[0], [0, 1, 0]);
  const rk4 = { method: "RK4" as const, step: 0.05 };
  const ig = attributionOverTime(field, y0, t, { component: 1, method: "integratedGradients", nodes: 12, solver: rk4 });
  assert.equal(ig.stats.solves, 1);
  t.forEach((_, k) => {
    const one = integratedGradients(field, y0, t, { component: 1, timeIndex: k }, { nodes: 12, solver: rk4 });
    assert.ok(relError(ig.attributions[k], one.attributions) < 1e-13, `t_${k}`);
    assert.ok(Math.abs(ig.values[k] - one.value) < 1e-14);
    assert.ok(ig.gap![k] < 1e-9, `gap ${ig.gap![k]}`);
  });
  const sg = attributionOverTime(field, y0, t, {
    component: 1,
    method: "smoothGrad",
    sigma: 0,
    samples: 3,
    solver: rk4,
  });
  const sal = attributionOverTime(field, y0, t, { component: 1, solver: rk4 });
  t.forEach((_, k) => assert.ok(relError(sg.attributions[k], sal.attributions[k]) < 1e-13));
});

test("global saliency of y' = Ay over initial states: mean |∂h_j(t_k)/∂h(0)| = |row j of expm(t_k A)| for any states (1e-9)", () => {
  const field = linearField();
  const t = [0, 0.5, 1, 2];
  const y0s = [
    [1, 0, 0],
    [0.3, -2, 1],
    [-1, 1, 4],
  ].map((v) => Float64Array.from(v));
  const g = globalAttribution(field, y0s, t, { component: 2, solver: { method: "DOPRI5", rtol: 1e-12, atol: 1e-14 } });
  assert.equal(g.samples, 3);
  t.forEach((tk, k) => {
    const row = Array.from(expm(A3, tk).subarray(6, 9));
    assert.ok(relError(g.meanAbs[k], row.map(Math.abs)) < 1e-9, `t = ${tk}: ${g.meanAbs[k]} vs ${row}`);
    assert.ok(relError(g.mean[k], row) < 1e-9);
  });
});

test("global IG and SmoothGrad over a tanh MLP's states: one batched solve across states equals the mean of per-state results (RK4, 1e-13); w.r.t. θ one solve per point", () => {
  const { field, t } = mlpCase();
  const rk4 = { method: "RK4" as const, step: 0.05 };
  const y0s = [
    [0.6, -0.4, 0.9],
    [-0.2, 0.5, 0.1],
    [1, 1, -1],
  ].map((v) => Float64Array.from(v));
  for (const extra of [
    { method: "integratedGradients" as const, nodes: 6 },
    { method: "smoothGrad" as const, sigma: 0.05, samples: 10, seed: 9 },
  ]) {
    const g = globalAttribution(field, y0s, t, { component: 0, solver: rk4, ...extra });
    assert.equal(g.stats.solves, 1);
    const each = y0s.map((y0, s) =>
      attributionOverTime(field, y0, t, {
        component: 0,
        solver: rk4,
        ...extra,
        seed: (extra as { seed?: number }).seed === undefined ? undefined : 9 + s,
      }),
    );
    t.forEach((_, k) => {
      const meanAbs = [0, 1, 2].map((i) => each.reduce((a, r) => a + Math.abs(r.attributions[k][i]), 0) / 3);
      assert.ok(relError(g.meanAbs[k], meanAbs) < 1e-13, `${extra.method} t_${k}: ${relError(g.meanAbs[k], meanAbs)}`);
    });
  }
  const p = globalAttribution(field, y0s.slice(0, 2), t, { component: 0, wrt: "parameters", solver: rk4 });
  assert.equal(p.stats.solves, 2);
  assert.equal(p.meanAbs[0].length, field.parameters.length);
});
