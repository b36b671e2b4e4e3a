import { test } from "node:test";
import assert from "node:assert/strict";
import { reactions } from "../../lib/systems/kinetics/network";
import { rateConstantField } from "../../lib/systems/kinetics/rateConstantField";
import { saliency } from "../../lib/interpret/saliency";
import { integratedGradients } from "../../lib/interpret/integratedGradients";
import { OdeTypeError } from "../../lib/ode/errors";
import { abcRateSensitivity, relError } from "./fixtures";

test("rateConstantField of A + B → C, 2C ⇌ D: f and ∂f/∂y equal the network's compiled rhs and Jacobian (1e-14), ∂f/∂k central differences (1e-9)", () => {
  const net = reactions`A + B -> C, 2.0; 2C <-> D, 0.5, 0.1`;
  const field = rateConstantField(net);
  assert.deepEqual(Array.from(field.parameters), [2, 0.5, 0.1]);
  const y = Float64Array.from([0.8, 0.3, 0.45, 0.2]);
  const f = new Float64Array(4);
  const ref = new Float64Array(4);
  field.forward(0, y, f);
  net.rhs(0, y, ref);
  assert.ok(relError(f, ref) < 1e-14, `${Array.from(f)} vs ${Array.from(ref)}`);
  const J = new Float64Array(16);
  const JP = new Float64Array(12);
  const Jnet = new Float64Array(16);
  field.jacobian(0, y, J, JP);
  net.jacobian(0, y, Jnet);
  assert.ok(relError(J, Jnet) < 1e-14, `${Array.from(J)} vs ${Array.from(Jnet)}`);
  const h = 1e-6;
  for (let q = 0; q < 3; q++) {
    const keep = field.parameters[q];
    const plus = new Float64Array(4);
    const minus = new Float64Array(4);
    field.parameters[q] = keep + h;
    field.forward(0, y, plus);
    field.parameters[q] = keep - h;
    field.forward(0, y, minus);
    field.parameters[q] = keep;
    for (let i = 0; i < 4; i++)
      assert.ok(Math.abs((plus[i] - minus[i]) / (2 * h) - JP[i * 3 + q]) < 1e-9, `∂f_${i}/∂k_${q}`);
  }
  assert.throws(
    () => rateConstantField({} as never),
    (e: unknown) => e instanceof OdeTypeError && e.argument === "net",
  );
});

test("A → B → C as a kinetics network: saliency of C(4) w.r.t. (k1, k2) = the closed form (1e-8), IG completeness gap < 1e-9 from k/2", () => {
  const [k1, k2] = [0.7, 0.25];
  const net = reactions`A -> B, ${k1}; B -> C, ${k2}`;
  const field = rateConstantField(net);
  const y0 = Float64Array.from([1, 0, 0]);
  const solver = { method: "Rodas5" as const, rtol: 1e-11, atol: 1e-13 };
  const s = saliency(field, y0, [0, 4], { component: net.species.indexOf("C") }, { wrt: "parameters", solver });
  const exact = abcRateSensitivity(k1, k2, 4);
  assert.ok(relError(s.gradient, exact) < 1e-8, `${Array.from(s.gradient)} vs ${exact}`);
  const ig = integratedGradients(
    field,
    y0,
    [0, 4],
    { component: 2 },
    { wrt: "parameters", baseline: [k1 / 2, k2 / 2], solver },
  );
  assert.ok(ig.gap < 1e-9, `gap ${ig.gap}`);
});
