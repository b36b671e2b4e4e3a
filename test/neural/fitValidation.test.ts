import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import { mlpField, fit } from "../../lib/neural/index";
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
  batch: { time: 4, size: 2 },
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

test("fit: solver, gradient, optimizer and schedule are checked before training, naming option and value", async () => {
  await rejects(
    { solver: { rtol: -1 } },
    OdeArgumentError,
    /invalid argument solver.rtol: must be a finite number > 0, got -1/,
  );
  await rejects(
    { solver: { atol: NaN } },
    OdeArgumentError,
    /invalid argument solver.atol: must be a finite number > 0, got NaN/,
  );
  await rejects(
    { solver: { rtol: "1e-6" } },
    OdeTypeError,
    /invalid argument solver.rtol: expected a number, got 1e-6/,
  );
  // The registry's names only: the lowercase tfjs-era names are unknown.
  await rejects(
    { solver: { method: "dopri5" } },
    OdeArgumentError,
    /invalid argument solver.method: unknown method "dopri5"; expected one of Euler, .*DOPRI5/,
  );
  await rejects(
    { solver: { method: "RK4", step: 0 } },
    OdeArgumentError,
    /invalid argument solver.step: must be a finite number > 0, got 0/,
  );
  await rejects(
    { solver: { maxSteps: 2.5 } },
    OdeArgumentError,
    /invalid argument solver.maxSteps: must be a positive integer, got 2.5/,
  );
  await rejects({ gradient: "adjoint" }, OdeTypeError, /invalid argument gradient: expected a GradientMethod/);
  await rejects({ optimizer: {} }, OdeTypeError, /invalid argument optimizer: expected adam\(\{ lr \}\), rmsprop/);
  await rejects(
    { optimizer: tf.train.adagrad(0.1) },
    OdeArgumentError,
    /invalid argument optimizer: tf.train optimizer "Adagrad" has no float64 twin/,
  );
  await rejects({ schedule: 0.01 }, OdeTypeError, /invalid argument schedule: expected a function/);
  await rejects(
    { schedule: () => NaN },
    OdeArgumentError,
    /invalid argument schedule: returned NaN at iteration 1; a learning rate must be finite and ≥ 0/,
  );
  // A schedule that goes bad later stops training there, naming the iteration.
  const field = mlpField({ dim: 2, hidden: [4], seed: 2 });
  await assert.rejects(
    () => fit(field, { ...base(), schedule: (it) => (it < 3 ? 1e-3 : -1) }),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /invalid argument schedule: returned -1 at iteration 3; a learning rate must be finite and ≥ 0/.test(
        (e as Error).message,
      ),
  );
});

test("fit: the tfjs-era options name what replaces them", async () => {
  await rejects(
    { batchTime: 4 },
    OdeArgumentError,
    /invalid argument options: option "batchTime" is gone; use batch: \{ time, size \}/,
  );
  await rejects({ method: "rk4" }, OdeArgumentError, /option "method" is gone; use solver: \{ method \}/);
  await rejects(
    { engine: "fused" },
    OdeArgumentError,
    /option "engine" is gone; use nothing \(fit always trains in float64/,
  );
  await rejects({ adjointNorm: "seminorm" }, OdeArgumentError, /option "adjointNorm" is gone; use gradient: adjoint/);
});

test("fit: counts, seed, batch, loss, early stopping, shooting, callbacks, model and unknown options", async () => {
  await rejects(
    { iterations: 0 },
    OdeArgumentError,
    /invalid argument iterations: must be an integer in \[1, ∞\], got 0/,
  );
  await rejects({ iterations: "10" }, OdeTypeError, /invalid argument iterations: expected a number, got "10"/);
  await rejects(
    { batch: { time: 13, size: 2 } },
    OdeArgumentError,
    /invalid argument batch.time: must be an integer in \[2, 12\] \(the shortest trajectory\), got 13/,
  );
  await rejects(
    { batch: { time: 4, size: 1.5 } },
    OdeArgumentError,
    /invalid argument batch.size: must be an integer in \[1, ∞\], got 1.5/,
  );
  await rejects({ batch: [4, 2] }, OdeTypeError, /invalid argument batch: expected \{ time, size \}, got \[4,2\]/);
  await rejects(
    { batch: undefined },
    OdeArgumentError,
    /invalid argument batch: is missing: give batch: \{ time, size \}/,
  );
  await rejects(
    { multipleShooting: { groupSize: 4 } },
    OdeArgumentError,
    /invalid argument batch: and multipleShooting exclude each other/,
  );
  await rejects({ seed: 1.5 }, OdeArgumentError, /invalid argument seed: must be an integer in \[0, 2³²\), got 1.5/);
  await rejects({ seed: undefined }, OdeTypeError, /invalid argument seed: expected a number, got undefined/);
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
    { batch: undefined, multipleShooting: { groupSize: 4, continuityWeight: NaN } },
    OdeArgumentError,
    /invalid argument multipleShooting.continuityWeight: must be a finite number ≥ 0, got NaN/,
  );
  await rejects(
    { batch: undefined, multipleShooting: { groupSize: 1 } },
    OdeArgumentError,
    /invalid argument multipleShooting.groupSize: must be an integer in \[2, 12\] \(the shortest trajectory\), got 1/,
  );
  await rejects({ onIteration: 5 }, OdeTypeError, /invalid argument onIteration: expected a function/);
  await rejects({ progress: "bar" }, OdeArgumentError, /invalid argument progress: unknown value "bar"/);
  await rejects({ batchsize: 4 }, OdeArgumentError, /invalid argument options: unknown option "batchsize"/);
  await assert.rejects(
    () => fit({ dim: 2 } as unknown as Parameters<typeof fit>[0], base()),
    (e: unknown) =>
      e instanceof OdeTypeError &&
      /invalid argument model: expected a VectorField .* or a Field64/.test((e as Error).message),
  );
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
