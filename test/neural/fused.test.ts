import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField, odeint, FusedMlp, fusedAdjointLoss } from "../../lib/neural/index";

before(async () => {
  await ready();
});

const t = [0, 0.3, 0.6, 1.0];
const y0 = [0.8, -0.4, -0.5, 0.9]; // batch of two 2-d states
const targets = t.map((s) => Float64Array.from([Math.cos(s), -Math.sin(s), -0.5 + 0.1 * s, 0.9 - 0.2 * s]));

function makeField(timeDependent = false) {
  return mlpField({ dim: 2, hidden: [6], activation: "tanh", inputTransform: "cube", timeDependent, seed: 17 });
}

test("fused float64 forward equals the tfjs field (float32) to 1e-6", () => {
  const field = makeField(true);
  const mlp = new FusedMlp(field);
  const out = new Float64Array(4);
  mlp.forward(0.7, Float64Array.from(y0), out);
  const ref = field.forward(0.7, tf.tensor2d([y0.slice(0, 2), y0.slice(2)])).dataSync();
  out.forEach((v, i) => assert.ok(Math.abs(v - ref[i]) < 1e-6, `${i}: ${v} vs ${ref[i]}`));
});

test("fused adjoint gradients match float64 central differences (rel. 1e-5) for θ and y0", () => {
  const mlp = new FusedMlp(makeField(true));
  const opts = { method: "dopri5" as const, rtol: 1e-11, atol: 1e-13, loss: "mse" as const };
  const g = fusedAdjointLoss(mlp, Float64Array.from(y0), t, targets, opts);
  const eps = 1e-6;
  for (const p of [0, 5, 13, mlp.nParams - 1]) {
    const keep = mlp.theta[p];
    mlp.theta[p] = keep + eps;
    const lp = fusedAdjointLoss(mlp, Float64Array.from(y0), t, targets, opts).loss;
    mlp.theta[p] = keep - eps;
    const lm = fusedAdjointLoss(mlp, Float64Array.from(y0), t, targets, opts).loss;
    mlp.theta[p] = keep;
    const fd = (lp - lm) / (2 * eps);
    assert.ok(Math.abs(fd - g.grads[p]) <= 1e-5 * Math.abs(fd) + 1e-9, `θ[${p}]: adjoint ${g.grads[p]}, FD ${fd}`);
  }
  const yp = Float64Array.from(y0);
  yp[3] += eps;
  const ym = Float64Array.from(y0);
  ym[3] -= eps;
  const fd =
    (fusedAdjointLoss(mlp, yp, t, targets, opts).loss - fusedAdjointLoss(mlp, ym, t, targets, opts).loss) / (2 * eps);
  assert.ok(Math.abs(fd - g.gradY0[3]) <= 1e-5 * Math.abs(fd) + 1e-9, `y0[3]: adjoint ${g.gradY0[3]}, FD ${fd}`);
  assert.ok(g.nfeForward > 0 && g.nfeBackward > 0);
});

test("fused float64 gradients agree with tfjs backprop through odeint (rel. 1e-3, float32 reference)", () => {
  const field = makeField();
  const mlp = new FusedMlp(field);
  const g = fusedAdjointLoss(mlp, Float64Array.from(y0), t, targets, {
    method: "dopri5",
    rtol: 1e-9,
    atol: 1e-11,
    loss: "mse",
  });
  const target = tf.tensor3d(targets.map((x) => [Array.from(x.subarray(0, 2)), Array.from(x.subarray(2))]));
  const { grads } = tf.variableGrads(
    () =>
      tf.mean(
        tf.square(
          tf.sub(odeint(field, tf.tensor2d([y0.slice(0, 2), y0.slice(2)]), t, { method: "rk4", step: 0.01 }), target),
        ),
      ) as tf.Scalar,
    field.variables,
  );
  const split = mlp.split(g.grads);
  field.variables.forEach((v, k) => {
    const ref = grads[v.name].dataSync();
    const scale = Math.max(...Array.from(ref, Math.abs));
    split[k].forEach((x, i) =>
      assert.ok(Math.abs(x - ref[i]) <= 1e-3 * scale + 1e-7, `${v.name}[${i}]: fused ${x}, tfjs ${ref[i]}`),
    );
  });
  tf.dispose(grads);
});

test("the fused adjoint trains through the stiff solvers: Rodas5 and BDF gradients match DOPRI5's (rel. 1e-4)", () => {
  const mlp = new FusedMlp(makeField());
  const ref = fusedAdjointLoss(mlp, Float64Array.from(y0), t, targets, {
    method: "dopri5",
    rtol: 1e-10,
    atol: 1e-12,
    loss: "mse",
  });
  for (const method of ["Rodas5", "BDF"] as const) {
    const g = fusedAdjointLoss(mlp, Float64Array.from(y0), t, targets, {
      method,
      rtol: 1e-9,
      atol: 1e-11,
      loss: "mse",
    });
    const scale = Math.max(...Array.from(ref.grads, Math.abs));
    g.grads.forEach((x, i) =>
      assert.ok(Math.abs(x - ref.grads[i]) <= 1e-4 * scale, `${method} θ[${i}]: ${x} vs ${ref.grads[i]}`),
    );
  }
});
