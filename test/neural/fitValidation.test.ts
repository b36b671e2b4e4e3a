import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField, fit, fusedBackpropLoss, fusedAdjointLoss, createFusedField } from "../../lib/neural/index";
import type { FitOptions } from "../../lib/neural/index";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

const t = Array.from({ length: 12 }, (_, i) => i * 0.1);
const trajectory = (phase: number) => ({ t, y: t.map((s) => [Math.cos(s + phase), -Math.sin(s + phase)]) });
const base = (): FitOptions => ({
  data: [trajectory(0), trajectory(1)],
  iterations: 3,
  batchTime: 4,
  batchSize: 2,
  seed: 1,
  progress: "none",
});

/**
 * `fit` rejects before its first iteration (onIteration never runs) with the given error class,
 * and the message names the option and value.
 */
async function rejects(
  extra: Record<string, unknown>,
  kind: typeof OdeArgumentError | typeof OdeTypeError,
  message: RegExp,
): Promise<void> {
  let iterations = 0;
  const field = mlpField({ dim: 2, hidden: [4], seed: 2 });
  await assert.rejects(
    () => fit(field, { ...base(), onIteration: () => iterations++, ...extra } as FitOptions),
    (e: unknown) => {
      assert.ok(e instanceof kind, `${JSON.stringify(extra)}: ${(e as Error).name}: ${(e as Error).message}`);
      assert.ok(kind === OdeTypeError ? e instanceof TypeError : e instanceof RangeError);
      assert.match((e as Error).message, message);
      return true;
    },
  );
  assert.equal(iterations, 0, `${JSON.stringify(extra)} trained ${iterations} iterations before failing`);
}

test("fit: tolerances, method and step are checked before training (both engines), naming option and value", async () => {
  for (const engine of ["tfjs", "fused"] as const) {
    await rejects({ engine, rtol: -1 }, OdeArgumentError, /invalid argument rtol: must be a finite number > 0, got -1/);
    await rejects(
      { engine, atol: NaN },
      OdeArgumentError,
      /invalid argument atol: must be a finite number > 0, got NaN/,
    );
    await rejects({ engine, rtol: "1e-6" }, OdeTypeError, /invalid argument rtol: expected a number, got "1e-6"/);
    await rejects(
      { engine, method: "RK45" },
      OdeArgumentError,
      /invalid argument method: unknown value "RK45"; expected one of "euler", .*"tsit5"/,
    );
    await rejects(
      { engine, method: "dopri5", step: 0.01 },
      OdeArgumentError,
      /invalid argument step: 0.01 is the step of the fixed-step methods/,
    );
    await rejects(
      { engine, method: "rk4", step: 0 },
      OdeArgumentError,
      /invalid argument step: must be a finite number > 0, got 0/,
    );
  }
  // The stiff methods need the fused engine, and train by the adjoint.
  await rejects({ method: "BDF" }, OdeArgumentError, /invalid argument method: "BDF" runs on the float64 fused engine/);
  await rejects(
    { engine: "fused", method: "Rodas5", gradient: "backprop" },
    OdeArgumentError,
    /invalid argument gradient: "backprop" is not available with Rodas5/,
  );
  await rejects({ engine: "gpu" }, OdeArgumentError, /invalid argument engine: unknown value "gpu"/);
  await rejects(
    { gradient: "adjoint", adjointNorm: "semi" },
    OdeArgumentError,
    /invalid argument adjointNorm: unknown value "semi"/,
  );
  await rejects(
    { adjointNorm: "seminorm" },
    OdeArgumentError,
    /invalid argument adjointNorm: "seminorm" sets the norm of the adjoint's backward solve; it needs gradient: "adjoint" \(gradient is "backprop"\)/,
  );
});

test("fit: counts, seed, optimizer, loss, early stopping, shooting, callbacks and unknown options", async () => {
  await rejects(
    { iterations: 0 },
    OdeArgumentError,
    /invalid argument iterations: must be an integer in \[1, ∞\], got 0/,
  );
  await rejects({ iterations: "10" }, OdeTypeError, /invalid argument iterations: expected a number, got "10"/);
  await rejects(
    { batchTime: 13 },
    OdeArgumentError,
    /invalid argument batchTime: must be an integer in \[2, 12\] \(the shortest trajectory\), got 13/,
  );
  await rejects(
    { batchSize: 1.5 },
    OdeArgumentError,
    /invalid argument batchSize: must be an integer in \[1, ∞\], got 1.5/,
  );
  await rejects({ seed: 1.5 }, OdeArgumentError, /invalid argument seed: must be an integer in \[0, 2³²\), got 1.5/);
  await rejects({ seed: undefined }, OdeTypeError, /invalid argument seed: expected a number, got undefined/);
  await rejects({ optimizer: {} }, OdeTypeError, /invalid argument optimizer: expected a tf.train optimizer/);
  await rejects(
    { hostOptimizer: true },
    OdeArgumentError,
    /invalid argument hostOptimizer: true applies to engine "fused"/,
  );
  await rejects(
    { loss: "l2" },
    OdeArgumentError,
    /invalid argument loss: unknown value "l2"; expected one of "mae", "mse"/,
  );
  await rejects(
    { earlyStopping: { patience: 0 } },
    OdeArgumentError,
    /invalid argument earlyStopping.patience: must be an integer in \[1, ∞\], got 0/,
  );
  await rejects(
    { earlyStopping: { patience: 3, minDelta: -1 } },
    OdeArgumentError,
    /invalid argument earlyStopping.minDelta: must be a finite number ≥ 0, got -1/,
  );
  await rejects(
    { multipleShooting: { groupSize: 4, continuityWeight: NaN } },
    OdeArgumentError,
    /invalid argument multipleShooting.continuityWeight: must be a finite number ≥ 0, got NaN/,
  );
  await rejects({ onIteration: 5 }, OdeTypeError, /invalid argument onIteration: expected a function/);
  await rejects({ progress: "bar" }, OdeArgumentError, /invalid argument progress: unknown value "bar"/);
  await rejects({ batchsize: 4 }, OdeArgumentError, /invalid argument options: unknown option "batchsize"/);
});

test("fit: data are checked, naming the trajectory, time index and component (a NaN is not a 'diverged' training)", async () => {
  const withNaN = trajectory(1);
  withNaN.y[7][1] = NaN;
  await rejects(
    { data: [trajectory(0), withNaN] },
    OdeArgumentError,
    /invalid argument data: trajectory 1: y\[7\]\[1\] is NaN \(time index 7, t = 0.7000000000000001, component 1\); data must be finite/,
  );
  const single = trajectory(0);
  single.y[3][0] = Infinity;
  await rejects(
    { data: single },
    OdeArgumentError,
    /invalid argument data: y\[3\]\[0\] is Infinity \(time index 3, t = 0.30000000000000004, component 0\)/,
  );
  const text = trajectory(0) as unknown as { y: unknown[][] };
  text.y[2][1] = "0.5";
  await rejects(
    { data: text },
    OdeTypeError,
    /invalid argument data: y\[2\]\[1\] \(time index 2, component 1\) is "0.5"/,
  );
  const badTime = trajectory(0);
  badTime.t = [...t];
  badTime.t[4] = NaN;
  await rejects({ data: badTime }, OdeArgumentError, /invalid argument data: t\[4\] is NaN; times must be finite/);
  const short = { t: t.slice(0, 5), y: trajectory(0).y };
  await rejects({ data: short }, OdeArgumentError, /invalid argument data: has 5 times but 12 states/);
  const wide = { t, y: t.map(() => [1, 2, 3]) };
  await rejects({ data: wide }, OdeArgumentError, /invalid argument data: state 0 has 3 components, the field has 2/);
  await rejects(
    { data: "spiral.csv" },
    OdeTypeError,
    /invalid argument data: expected a trajectory \{ t, y \} or a list of them, got "spiral.csv"/,
  );
  await rejects({ data: [] }, OdeArgumentError, /invalid argument data: is an empty list of trajectories/);
});

test("the fused losses check their own arguments: rtol −1 in fusedBackpropLoss no longer trains silently", () => {
  const field = createFusedField(mlpField({ dim: 2, hidden: [4], seed: 2 }));
  const y0 = new Float64Array([1, 0]);
  const tt = [0, 0.5, 1];
  const targets = tt.map(() => new Float64Array([1, 0]));
  assert.throws(
    () => fusedBackpropLoss(field, y0, tt, targets, { rtol: -1 }),
    /invalid argument rtol: must be a finite number > 0, got -1/,
  );
  assert.throws(
    () => fusedAdjointLoss(field, y0, tt, targets, { atol: 0 }),
    /invalid argument atol: must be a finite number > 0, got 0/,
  );
  assert.throws(
    () => fusedBackpropLoss(field, new Float64Array(3), tt, targets),
    /invalid argument y0: has length 3, not a positive multiple of the field's dim 2/,
  );
  assert.throws(
    () => fusedAdjointLoss(field, y0, tt, [targets[0], new Float64Array([1, NaN]), targets[2]]),
    /invalid argument targets: entry 1 \(t = 0.5\) component 1 is NaN; must be finite/,
  );
  assert.throws(
    () => fusedBackpropLoss(field, y0, tt, targets.slice(1)),
    /invalid argument targets: needs one Float64Array per time \(3\), got 2/,
  );
  assert.throws(
    () => fusedAdjointLoss(field, y0, tt, targets, { timeWeights: [1, -1, 1] }),
    /invalid argument timeWeights: entry 1 is -1; weights must be finite and ≥ 0/,
  );
});
