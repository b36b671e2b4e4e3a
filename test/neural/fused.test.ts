import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField, odeint, toField64, hybridField, advanced } from "../../lib/neural/index";

const { splitGradient } = advanced;
import { lossAndGradient } from "../../lib/sensitivity/lossAndGradient";
import { adjoint } from "../../lib/sensitivity/adjoint";
import { discrete } from "../../lib/sensitivity/discrete";
import type { Field64 } from "../../lib/sensitivity/field64";
import type { MethodName } from "../../lib/ode/types";

before(async () => {
  await ready();
});

const t = [0, 0.3, 0.6, 1.0];
const y0 = [0.8, -0.4, -0.5, 0.9]; // batch of two 2-d states
const targets = t.map((s) => Float64Array.from([Math.cos(s), -Math.sin(s), -0.5 + 0.1 * s, 0.9 - 0.2 * s]));

interface LossOptions {
  method?: MethodName;
  rtol: number;
  atol: number;
  step?: number;
  loss: "mse";
  adjointNorm?: "seminorm";
}

/** Loss and gradients of a solve through the continuous adjoint (lib/sensitivity), stats flattened. */
function adjointLoss(field: Field64, y0: Float64Array, t: number[], targets: Float64Array[], o: LossOptions) {
  const gradient = adjoint(o.adjointNorm ? { norm: o.adjointNorm } : {});
  const solver = { method: o.method ?? "DOPRI5", rtol: o.rtol, atol: o.atol, step: o.step };
  const r = lossAndGradient(field, y0, t, targets, { solver, gradient, loss: o.loss });
  return { loss: r.loss, grads: r.grads, gradY0: r.gradY0, ...r.stats };
}

/** The same by exact reverse mode through the accepted steps (discrete()). */
function backpropLoss(field: Field64, y0: Float64Array, t: number[], targets: Float64Array[], o: LossOptions) {
  const solver = { method: o.method ?? "DOPRI5", rtol: o.rtol, atol: o.atol, step: o.step };
  const r = lossAndGradient(field, y0, t, targets, { solver, gradient: discrete(), loss: o.loss });
  return { loss: r.loss, grads: r.grads, gradY0: r.gradY0, ...r.stats };
}

/** Known physics y' = −y in float64 (for the hybrid case). */
const decay = {
  rhs: (_t: number, y: Float64Array, d: Float64Array) => {
    for (let i = 0; i < y.length; i++) d[i] = -y[i];
  },
  jacobian: (_t: number, y: Float64Array, J: Float64Array) => {
    const n = y.length;
    J.fill(0);
    for (let i = 0; i < n; i++) J[i * n + i] = -1;
  },
};

function makeField(timeDependent = false) {
  return mlpField({ dim: 2, hidden: [6], activation: "tanh", inputTransform: "cube", timeDependent, seed: 17 });
}

test("fused float64 forward equals the tfjs field (float32) to 1e-6", () => {
  const field = makeField(true);
  const mlp = toField64(field);
  const out = new Float64Array(4);
  mlp.forward(0.7, Float64Array.from(y0), out);
  const ref = field.forward(0.7, tf.tensor2d([y0.slice(0, 2), y0.slice(2)])).dataSync();
  out.forEach((v, i) => assert.ok(Math.abs(v - ref[i]) < 1e-6, `${i}: ${v} vs ${ref[i]}`));
});

test("adjoint() on a FusedMlp: gradients match float64 central differences (rel. 1e-5) for θ and y0", () => {
  const mlp = toField64(makeField(true));
  const opts = { method: "DOPRI5" as const, rtol: 1e-11, atol: 1e-13, loss: "mse" as const };
  const g = adjointLoss(mlp, Float64Array.from(y0), t, targets, opts);
  const eps = 1e-6;
  for (const p of [0, 5, 13, mlp.parameters.length - 1]) {
    const keep = mlp.parameters[p];
    mlp.parameters[p] = keep + eps;
    const lp = adjointLoss(mlp, Float64Array.from(y0), t, targets, opts).loss;
    mlp.parameters[p] = keep - eps;
    const lm = adjointLoss(mlp, Float64Array.from(y0), t, targets, opts).loss;
    mlp.parameters[p] = keep;
    const fd = (lp - lm) / (2 * eps);
    assert.ok(Math.abs(fd - g.grads[p]) <= 1e-5 * Math.abs(fd) + 1e-9, `θ[${p}]: adjoint ${g.grads[p]}, FD ${fd}`);
  }
  const yp = Float64Array.from(y0);
  yp[3] += eps;
  const ym = Float64Array.from(y0);
  ym[3] -= eps;
  const fd = (adjointLoss(mlp, yp, t, targets, opts).loss - adjointLoss(mlp, ym, t, targets, opts).loss) / (2 * eps);
  assert.ok(Math.abs(fd - g.gradY0[3]) <= 1e-5 * Math.abs(fd) + 1e-9, `y0[3]: adjoint ${g.gradY0[3]}, FD ${fd}`);
  assert.ok(g.nfeForward > 0 && g.nfeBackward > 0);
});

test("fused float64 gradients agree with tfjs backprop through odeint (rel. 1e-3, float32 reference)", () => {
  const field = makeField();
  const mlp = toField64(field);
  const g = adjointLoss(mlp, Float64Array.from(y0), t, targets, {
    method: "DOPRI5",
    rtol: 1e-9,
    atol: 1e-11,
    loss: "mse",
  });
  const target = tf.tensor3d(targets.map((x) => [Array.from(x.subarray(0, 2)), Array.from(x.subarray(2))]));
  const { grads } = tf.variableGrads(
    () =>
      tf.mean(
        tf.square(
          tf.sub(odeint(field, tf.tensor2d([y0.slice(0, 2), y0.slice(2)]), t, { method: "RK4", step: 0.01 }), target),
        ),
      ) as tf.Scalar,
    field.variables,
  );
  const split = splitGradient(field, g.grads);
  field.variables.forEach((v, k) => {
    const ref = grads[v.name].dataSync();
    const scale = Math.max(...Array.from(ref, Math.abs));
    split[k].forEach((x, i) =>
      assert.ok(Math.abs(x - ref[i]) <= 1e-3 * scale + 1e-7, `${v.name}[${i}]: fused ${x}, tfjs ${ref[i]}`),
    );
  });
  tf.dispose(grads);
});

test("adjoint() trains a FusedMlp through the stiff solvers: Rodas5 and BDF gradients match DOPRI5's (rel. 1e-4)", () => {
  const mlp = toField64(makeField());
  const ref = adjointLoss(mlp, Float64Array.from(y0), t, targets, {
    method: "DOPRI5",
    rtol: 1e-10,
    atol: 1e-12,
    loss: "mse",
  });
  for (const method of ["Rodas5", "BDF"] as const) {
    const g = adjointLoss(mlp, Float64Array.from(y0), t, targets, {
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

test("discrete() on FusedMlp and FusedHybrid: exact gradient of the discretised solve (FD rel. 1e-6 for RK4 and interpolating DOPRI5), close to the adjoint, hybrid fields too", () => {
  const fields = [toField64(makeField(true)), toField64(hybridField((_t, y) => tf.neg(y), makeField(), decay))];
  for (const fused of fields) {
    // Output times that fall inside DOPRI5 steps exercise the reverse pass through its dense output.
    for (const [method, tol] of [
      ["RK4", 1e-7],
      ["DOPRI5", 1e-5],
    ] as const) {
      const opts = { method, rtol: 1e-6, atol: 1e-9, step: 0.05, loss: "mse" as const };
      const g = backpropLoss(fused, Float64Array.from(y0), t, targets, opts);
      const scale = Math.max(...Array.from(g.grads, Math.abs));
      const eps = 1e-6;
      for (let p = 0; p < fused.parameters.length; p += 3) {
        const keep = fused.parameters[p];
        fused.parameters[p] = keep + eps;
        const lp = backpropLoss(fused, Float64Array.from(y0), t, targets, opts).loss;
        fused.parameters[p] = keep - eps;
        const lm = backpropLoss(fused, Float64Array.from(y0), t, targets, opts).loss;
        fused.parameters[p] = keep;
        const fd = (lp - lm) / (2 * eps);
        assert.ok(Math.abs(fd - g.grads[p]) <= tol * scale, `${method} θ[${p}]: backprop ${g.grads[p]}, FD ${fd}`);
      }
      for (let i = 0; i < y0.length; i++) {
        const yp = Float64Array.from(y0);
        const ym = Float64Array.from(y0);
        yp[i] += eps;
        ym[i] -= eps;
        const fd =
          (backpropLoss(fused, yp, t, targets, opts).loss - backpropLoss(fused, ym, t, targets, opts).loss) / (2 * eps);
        assert.ok(
          Math.abs(fd - g.gradY0[i]) <= tol * Math.max(1, Math.abs(fd)),
          `${method} y0[${i}]: ${g.gradY0[i]}, FD ${fd}`,
        );
      }
      // Both gradients approximate the same exact one: at these tolerances they agree to 1e-3.
      const a = adjointLoss(fused, Float64Array.from(y0), t, targets, { ...opts, rtol: 1e-10, atol: 1e-12 });
      g.grads.forEach((x, i) =>
        assert.ok(Math.abs(x - a.grads[i]) <= 1e-3 * scale, `${method} θ[${i}]: backprop ${x}, adjoint ${a.grads[i]}`),
      );
      assert.ok(g.nfeBackward > 0 && g.naccept > 0 && g.minStep > 0);
    }
  }
});

test('adjoint({ norm: "seminorm" }) on a FusedMlp (a_θ out of the backward error norm): gradient as accurate, fewer backward evaluations', () => {
  const mlp = toField64(mlpField({ dim: 2, hidden: [16], activation: "tanh", inputTransform: "cube", seed: 17 }));
  const tt = [0, 0.3, 0.6, 1.0, 1.5, 2.0];
  const tg = tt.map((s) => Float64Array.from([Math.cos(s), -Math.sin(s), -0.5 + 0.1 * s, 0.9 - 0.2 * s]));
  const ref = adjointLoss(mlp, Float64Array.from(y0), tt, tg, { rtol: 1e-12, atol: 1e-14, loss: "mse" });
  const relErr = (g: Float64Array) => {
    let e = 0;
    let s = 0;
    g.forEach((v, i) => {
      e = Math.max(e, Math.abs(v - ref.grads[i]));
      s = Math.max(s, Math.abs(ref.grads[i]));
    });
    return e / s;
  };
  for (const rtol of [1e-5, 1e-7]) {
    const opts = { rtol, atol: 1e-2 * rtol, loss: "mse" as const };
    const full = adjointLoss(mlp, Float64Array.from(y0), tt, tg, opts);
    const semi = adjointLoss(mlp, Float64Array.from(y0), tt, tg, { ...opts, adjointNorm: "seminorm" });
    assert.ok(semi.nfeBackward < full.nfeBackward, `rtol ${rtol}: NFE ${semi.nfeBackward} vs ${full.nfeBackward}`);
    // As accurate as the full norm (within 1.5×) and at the tolerance's scale.
    assert.ok(
      relErr(semi.grads) < 1.5 * relErr(full.grads) + rtol,
      `rtol ${rtol}: ${relErr(semi.grads)} vs ${relErr(full.grads)}`,
    );
    assert.ok(relErr(semi.grads) < 10 * rtol);
    assert.equal(semi.loss, full.loss);
  }
});
