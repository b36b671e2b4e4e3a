import { test } from "node:test";
import assert from "node:assert/strict";
import { stepSensitivities, sensitivityOfComponent } from "../../lib/interpret/stepSensitivities";
import { A3, abcField, abcRateSensitivity, expm, linearField, mlpCase, relError } from "./fixtures";

test("y' = Ay: ∂h(t_k)/∂h(0) = expm(t_k A) at every output time (1e-9 of the largest entry), DOPRI5 and Rodas5", () => {
  const field = linearField();
  const t = [0, 0.3, 1, 2.5];
  for (const method of ["DOPRI5", "Rodas5"] as const) {
    const s = stepSensitivities(field, Float64Array.from([1, 2, -1]), t, {
      solver: { method, rtol: 1e-12, atol: 1e-14 },
    });
    assert.equal(s.columns, 3);
    t.forEach((tk, k) => {
      const e = relError(s.matrices[k], expm(A3, tk));
      assert.ok(e < 1e-9, `${method} t = ${tk}: rel error ${e}`);
    });
  }
});

test("tanh MLP: ∂h(t_k)/∂h(0) and ∂h(t_k)/∂θ = central differences of h(t_k) (rel 1e-6 per time, DOPRI5 rtol 1e-11)", () => {
  const { field, y0, t } = mlpCase();
  const solver = { method: "DOPRI5" as const, rtol: 1e-11, atol: 1e-13 };
  for (const wrt of ["y0", "parameters"] as const) {
    const s = stepSensitivities(field, y0, t, { wrt, solver });
    const x = wrt === "y0" ? y0 : field.parameters;
    const h = 1e-5;
    const fd = t.map(() => new Float64Array(3 * x.length));
    for (let i = 0; i < x.length; i++) {
      const keep = x[i];
      x[i] = keep + h;
      const plus = stepSensitivities(field, y0, t, { solver }).y;
      x[i] = keep - h;
      const minus = stepSensitivities(field, y0, t, { solver }).y;
      x[i] = keep;
      t.forEach((_, k) => {
        for (let j = 0; j < 3; j++) fd[k][j * x.length + i] = (plus[k][j] - minus[k][j]) / (2 * h);
      });
    }
    t.forEach((tk, k) => {
      if (k === 0 && wrt === "parameters") {
        assert.ok(
          s.matrices[0].every((v) => v === 0),
          "∂h(t_0)/∂θ = 0",
        );
        return;
      }
      const e = relError(s.matrices[k], fd[k]);
      assert.ok(e < 1e-6, `${wrt} t = ${tk}: rel error ${e}`);
    });
  }
});

test("A → B → C: ∂C(t_k)/∂k over time (T × 2 heatmap rows) equals the closed form at every t_k (1e-8 absolute)", () => {
  const [k1, k2] = [0.7, 0.25];
  const t = [0, 0.5, 1, 2, 4, 8];
  const s = stepSensitivities(abcField(k1, k2), Float64Array.from([1, 0, 0]), t, {
    wrt: "parameters",
    solver: { method: "DOPRI5", rtol: 1e-12, atol: 1e-14 },
  });
  const rows = sensitivityOfComponent(s, 2);
  assert.equal(rows.length, t.length);
  t.forEach((tk, k) => {
    const exact = k === 0 ? [0, 0] : abcRateSensitivity(k1, k2, tk);
    for (let q = 0; q < 2; q++)
      assert.ok(Math.abs(rows[k][q] - exact[q]) < 1e-8, `t = ${tk}, k${q + 1}: ${rows[k][q]} vs ${exact[q]}`);
  });
});
