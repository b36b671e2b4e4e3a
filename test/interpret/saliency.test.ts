import { test } from "node:test";
import assert from "node:assert/strict";
import type { Field64 } from "../../lib/sensitivity/field64";
import type { AttributionTarget } from "../../lib/interpret/target";
import type { AttributionOptions } from "../../lib/interpret/options";
import { saliency } from "../../lib/interpret/saliency";
import { adjoint } from "../../lib/sensitivity/adjoint";
import { abcC, abcField, abcRateSensitivity, mlpCase, relError } from "./fixtures";

/** Central differences of the target's value in y0 or θ, each evaluated by the same solver. */
function centralDifferences(
  field: Field64,
  y0: Float64Array,
  t: number[],
  target: AttributionTarget,
  o: AttributionOptions,
  h: number,
): Float64Array {
  const x = o.wrt === "parameters" ? field.parameters : y0;
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    x[i] = keep + h;
    const plus = saliency(field, y0, t, target, o).value;
    x[i] = keep - h;
    const minus = saliency(field, y0, t, target, o).value;
    x[i] = keep;
    g[i] = (plus - minus) / (2 * h);
  }
  return g;
}

/** Σ_k Σ_i y_i(t_k)², a scalar function of the whole output with its cotangents 2 y(t_k). */
const energy: AttributionTarget = {
  name: "Σ‖y‖²",
  scalar: (y) => ({
    value: y.reduce((s, v) => s + v.reduce((a, b) => a + b * b, 0), 0),
    cotangents: y.map((v) => v.map((x) => 2 * x)),
  }),
};

test("saliency of a tanh MLP field = central differences, w.r.t. y0 and θ, component and scalar targets (RK4 steps 0.01: rel 1e-7; DOPRI5 rtol 1e-10: rel 1e-6)", () => {
  const { field, y0, t } = mlpCase();
  const targets: AttributionTarget[] = [{ component: 1, time: 1 }, { component: 2 }, energy];
  const solvers = [
    { solver: { method: "RK4" as const, step: 0.01 }, tol: 1e-7 },
    { solver: { method: "DOPRI5" as const, rtol: 1e-10, atol: 1e-12 }, tol: 1e-6 },
  ];
  for (const { solver, tol } of solvers)
    for (const wrt of ["y0", "parameters"] as const)
      for (const target of targets) {
        const o = { wrt, solver };
        const s = saliency(field, y0, t, target, o);
        const fd = centralDifferences(field, y0, t, target, o, 1e-5);
        const e = relError(s.gradient, fd);
        assert.ok(e < tol, `${solver.method} ${wrt} ${s.target}: rel error ${e}`);
        assert.equal(s.gradient.length, wrt === "y0" ? 3 : field.parameters.length);
      }
});

test("saliency through the continuous adjoint agrees with the discrete gradient (rel 1e-6, rtol 1e-10)", () => {
  const { field, y0, t } = mlpCase();
  const solver = { method: "DOPRI5" as const, rtol: 1e-10, atol: 1e-12 };
  const d = saliency(field, y0, t, { component: 0 }, { wrt: "parameters", solver });
  const a = saliency(field, y0, t, { component: 0 }, { wrt: "parameters", solver, gradient: adjoint() });
  assert.ok(relError(a.gradient, d.gradient) < 1e-6, `adjoint vs discrete ${relError(a.gradient, d.gradient)}`);
});

test("A → B → C: ∂C(T)/∂k from a parametric field equals the closed form (rel 1e-7), DOPRI5 and Rodas5; θ is restored", () => {
  const [k1, k2] = [0.7, 0.25];
  const field = abcField(k1, k2);
  const y0 = Float64Array.from([1, 0, 0]);
  const t = [0, 1, 4];
  for (const method of ["DOPRI5", "Rodas5"] as const) {
    const s = saliency(
      field,
      y0,
      t,
      { component: 2, time: 4 },
      {
        wrt: "parameters",
        solver: { method, rtol: 1e-11, atol: 1e-13 },
      },
    );
    const exact = abcRateSensitivity(k1, k2, 4);
    assert.ok(relError(s.gradient, exact) < 1e-7, `${method}: ${Array.from(s.gradient)} vs ${exact}`);
    assert.ok(Math.abs(s.value - abcC(k1, k2, 4)) < 1e-9, `${method}: C(4) = ${s.value} vs ${abcC(k1, k2, 4)}`);
    assert.deepEqual(Array.from(field.parameters), [k1, k2]);
  }
});
