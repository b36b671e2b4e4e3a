import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { activations, activationNames, tanh64 } from "../../lib/neural/fields/activations";
import { mlpField } from "../../lib/neural/fields/mlpField";
import { FusedMlp } from "../../lib/neural/fields/fusedMlp";
import { toField64 } from "../../lib/neural/fields/toField64";
import { OdeArgumentError } from "../../lib/ode/errors";

const zs = Array.from({ length: 81 }, (_, i) => -8 + 0.2 * i + 0.013); // off the kinks of relu and elu at 0

test("activation table: one entry per name mlpField accepts, in its error message's order", () => {
  assert.deepEqual([...activationNames], ["tanh", "relu", "softplus", "sigmoid", "elu", "identity"]);
  assert.throws(
    () => mlpField({ dim: 2, hidden: [3], seed: 0, activation: "gelu" as "tanh" }),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /activation: unknown value "gelu"; expected one of tanh, relu, softplus, sigmoid, elu, identity/.test(e.message),
  );
});

for (const name of activationNames)
  test(`activation ${name}: float64 value = the tfjs op (float32, 2e-6 rel.), slope = central difference of the value (1e-7)`, () => {
    const k = activations[name];
    const viaTf = tf.tidy(() => k.tensor(tf.tensor2d(zs, [1, zs.length])).dataSync());
    zs.forEach((z, i) => {
      const v = k.value(z);
      assert.ok(Math.abs(v - viaTf[i]) <= 2e-6 * Math.max(1, Math.abs(v)), `${name}(${z}): ${v} vs tfjs ${viaTf[i]}`);
      const h = 1e-6;
      const fd = (k.value(z + h) - k.value(z - h)) / (2 * h);
      const slope = k.slopeFromValue(v);
      assert.ok(Math.abs(slope - fd) <= 1e-7 * Math.max(1, Math.abs(fd)), `${name}'(${z}): ${slope} vs FD ${fd}`);
    });
  });

test("tanh64 is within 5e-16 relative of Math.tanh on [-20, 20] (step 1e-4) and saturates to ±1", () => {
  let worst = 0;
  for (let i = -200000; i <= 200000; i++) {
    const z = i * 1e-4;
    const t = Math.tanh(z);
    if (t !== 0) worst = Math.max(worst, Math.abs(tanh64(z) - t) / Math.abs(t));
  }
  assert.ok(worst <= 5e-16, `worst relative error ${worst}`);
  assert.equal(tanh64(19.5), 1);
  assert.equal(tanh64(-40), -1);
  assert.equal(tanh64(0), 0);
});

test("FusedMlp refuses an activation outside the table, naming it (no silent identity), built directly or by toField64", () => {
  const field = mlpField({ dim: 2, hidden: [3], seed: 0 });
  const spec = { ...field.mlp!, activation: "swish" as "tanh" };
  assert.throws(
    () => new FusedMlp(spec, new Float64Array(17)),
    (e: unknown) =>
      e instanceof OdeArgumentError && /spec: has activation "swish"; the fused path knows tanh, relu/.test(e.message),
  );
  assert.throws(
    () => toField64({ ...field, mlp: spec }),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /field\.mlp: has activation "swish"; the fused path knows tanh, relu/.test(e.message),
  );
});
