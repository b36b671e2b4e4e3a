import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../lib/neural/backend";
import {
  mlpField,
  odeint,
  fit,
  loadWeights,
  saveWeights,
  HamiltonianNetwork,
  toField64,
  mlp64,
} from "../../lib/neural/index";
import { odeintAdjoint } from "../../lib/neural/solve/adjoint";
import { discrete } from "../../lib/sensitivity/discrete";
import { lossAndGradient } from "../../lib/sensitivity/lossAndGradient";
import { SolveFailedError } from "../../lib/sensitivity/solveFailed";
import type { MlpFieldOptions } from "../../lib/neural/index";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

/** The thrown error is of `kind` (a TypeError or RangeError subclass) and its message matches. */
function throwsTyped(fn: () => unknown, kind: typeof OdeArgumentError | typeof OdeTypeError, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof kind, `${(e as Error).name}: ${(e as Error).message}`);
    assert.ok(kind === OdeTypeError ? e instanceof TypeError : e instanceof RangeError);
    assert.match((e as Error).message, message);
    return true;
  });
}

test("mlpField and odeint: wrong types are TypeErrors, bad values RangeErrors, naming argument and value", () => {
  const opts = (extra: object) => ({ dim: 2, hidden: [4], seed: 1, ...extra }) as MlpFieldOptions;
  throwsTyped(
    () => mlpField(opts({ hidden: 4 })),
    OdeTypeError,
    /invalid argument hidden: expected an array of layer widths, got 4/,
  );
  throwsTyped(
    () => mlpField(opts({ activation: "gelu" })),
    OdeArgumentError,
    /invalid argument activation: unknown value "gelu"/,
  );
  throwsTyped(
    () => mlpField(opts({ seed: undefined })),
    OdeTypeError,
    /invalid argument seed: is required .* got undefined/,
  );
  throwsTyped(
    () => mlpField(opts({ initStd: -0.1 })),
    OdeArgumentError,
    /invalid argument initStd: must be a finite number > 0, got -0.1/,
  );
  const field = mlpField(opts({}));
  const y0 = tf.tensor2d([[1, 0]]);
  throwsTyped(
    () => odeint(field, [[1, 0]] as unknown as tf.Tensor2D, [0, 1]),
    OdeTypeError,
    /invalid argument y0: expected a tf.Tensor2D \[batch, 2\]/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, 1], { rtol: "tight" as unknown as number }),
    OdeTypeError,
    /invalid argument rtol: expected a number, got tight/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, 1], { maxSteps: 0 }),
    OdeArgumentError,
    /invalid argument maxSteps: must be a positive integer, got 0/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, 1], { method: "RK4", step: -0.1 }),
    OdeArgumentError,
    /invalid argument step: must be a finite number > 0, got -0.1/,
  );
  // Method names are the registry's; the lowercase torchdiffeq names are gone.
  throwsTyped(
    () => odeint(field, y0, [0, 1], { method: "dopri5" as "DOPRI5" }),
    OdeArgumentError,
    /invalid argument method: unknown method "dopri5"; expected one of Euler, Midpoint, RK4, BS3, DOPRI5, Tsit5, DOP853, Rodas5, BDF, Auto/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, 1], { method: "Rodas5" }),
    OdeArgumentError,
    /invalid argument method: "Rodas5" is not an explicit Runge–Kutta method: odeint backpropagates through explicit steps; use odeintAdjoint for it/,
  );
  throwsTyped(
    () => odeintAdjoint(field, y0, [0, 1], { adjointNorm: "half" as "full" }),
    OdeArgumentError,
    /invalid argument adjointNorm: unknown value "half"; expected "full" or "seminorm"/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, 1], { stats: 3 as unknown as undefined }),
    OdeTypeError,
    /invalid argument stats: expected an object from emptySensitivityStats\(\), got 3/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, 1], { methd: "RK4" } as object),
    OdeArgumentError,
    /invalid argument methd: is not an option of odeint; expected one of method, rtol, atol, step, maxSteps, stats, adjointNorm/,
  );
  throwsTyped(
    () => odeint(field, y0, [0, Infinity]),
    OdeArgumentError,
    /invalid argument t: entry 1 is Infinity; times must be finite numbers/,
  );
  throwsTyped(
    () => odeint(field, tf.tensor2d([[1, NaN]]), [0, 1]),
    OdeArgumentError,
    /invalid argument y0: component 1 is NaN; must be finite/,
  );
});

test("solve failures are SolveFailedErrors (RangeError) with the status and the time reached, through odeint, odeintAdjoint and the float64 core", () => {
  const field = mlpField({ dim: 2, hidden: [4], seed: 1 });
  for (const solver of [odeint, odeintAdjoint])
    assert.throws(
      () => solver(field, tf.tensor2d([[1, 0]]), [0, 10], { rtol: 1e-7, atol: 1e-9, maxSteps: 3 }),
      (e: unknown) =>
        e instanceof SolveFailedError &&
        e instanceof RangeError &&
        e.status === "maxSteps" &&
        e.t > 0 &&
        e.t < 10 &&
        new RegExp(`maximum number of steps \\(3\\) .*t ?= ?${e.t}`).test(e.message),
    );
  const t = [0, 5];
  assert.throws(
    () =>
      lossAndGradient(
        toField64(field),
        new Float64Array([1, 0]),
        t,
        t.map(() => new Float64Array(2)),
        { gradient: discrete(), solver: { maxSteps: 2 } },
      ),
    (e: unknown) =>
      e instanceof SolveFailedError && e.status === "maxSteps" && /maximum number of steps \(2\)/.test(e.message),
  );
});

test("FusedMlp checks every buffer's length (an error, never a partial or overrunning write)", () => {
  const mlp = mlp64({ dim: 2, hidden: [3], seed: 1 });
  const y = new Float64Array([1, 0, 0.5, 0.5]);
  throwsTyped(
    () => mlp.forward(0.5, y, new Float64Array(3)),
    OdeArgumentError,
    /invalid argument out: FusedMlp.forward needs length 4 for a batch of 2, got 3 \(at t = 0.5\)/,
  );
  throwsTyped(
    () => mlp.forward(0, new Float64Array(3), new Float64Array(3)),
    OdeArgumentError,
    /invalid argument y: FusedMlp.forward needs B·2 entries, got 3/,
  );
  throwsTyped(
    () => mlp.jacobian(0, y, new Float64Array(4)),
    OdeArgumentError,
    /invalid argument jy: FusedMlp.jacobian needs length 16 .* got 4/,
  );
  const g = new Float64Array(4);
  throwsTyped(
    () => mlp.vjp(0, y, new Float64Array(4), new Float64Array(4), g, new Float64Array(mlp.parameters.length - 1), 1),
    OdeArgumentError,
    new RegExp(
      `invalid argument gTheta: FusedMlp.vjp needs length ${mlp.parameters.length} .* got ${mlp.parameters.length - 1}`,
    ),
  );
});

test("HamiltonianNetwork: constructor, samples and training options are checked; buffers are length-checked", async () => {
  throwsTyped(
    () => new HamiltonianNetwork({ dim: 3, hidden: 4, seed: 1 }),
    OdeArgumentError,
    /invalid argument dim: must be a positive even integer .* got 3/,
  );
  throwsTyped(
    () => new HamiltonianNetwork({ dim: 2, hidden: 0, seed: 1 }),
    OdeArgumentError,
    /invalid argument hidden: must be a positive integer, got 0/,
  );
  const hnn = new HamiltonianNetwork({ dim: 2, hidden: 4, seed: 1 });
  const ys = [
    [0, 1],
    [1, 0],
  ];
  const bad = [
    [1, 0],
    [0, NaN],
  ];
  await assert.rejects(
    () => hnn.fit(ys, bad, { iterations: 5 }),
    /invalid argument dydt: row 1 component 1 is NaN; must be finite/,
  );
  await assert.rejects(() => hnn.fit(ys, [[1, 0]], { iterations: 5 }), /invalid argument dydt: has 1 rows, y has 2/);
  await assert.rejects(
    () => hnn.fit(ys, ys, { iterations: 0 }),
    /invalid argument iterations: must be a positive integer, got 0/,
  );
  await assert.rejects(
    () => hnn.fit(ys, ys, { iterations: 2, learningRate: -1 }),
    /invalid argument learningRate: must be a finite number > 0, got -1/,
  );
  throwsTyped(
    () => hnn.energy([1, 2, 3]),
    OdeArgumentError,
    /invalid argument y: energy needs a state of length 2, got length 3/,
  );
  throwsTyped(
    () => hnn.rhs(0.25, new Float64Array(4), new Float64Array(4)),
    OdeArgumentError,
    /HamiltonianNetwork.rhs needs y and dydt of length 2, got 4 and 4 \(at t = 0.25\)/,
  );
  throwsTyped(
    () => hnn.lossAndGradient(ys, ys, [new Float64Array(8), new Float64Array(4), new Float64Array(3)]),
    OdeArgumentError,
    /invalid argument grads: entry 2 must be a Float64Array of length 4, got length 3/,
  );
});

test("loadWeights and fit's progress option: typed errors naming the value", async () => {
  const field = mlpField({ dim: 2, hidden: [3], seed: 1 });
  const entries = JSON.parse(saveWeights(field)) as { shape: number[]; values: (number | null)[] }[];
  entries[1].values[2] = null;
  throwsTyped(
    () => loadWeights(field, JSON.stringify(entries)),
    OdeArgumentError,
    /invalid argument json: tensor 1 value 2 is null; weights must be finite/,
  );
  entries[1].values = [1];
  throwsTyped(
    () => loadWeights(field, JSON.stringify(entries)),
    OdeArgumentError,
    /invalid argument json: tensor 1 has 1 values, its shape \[3\] needs 3/,
  );
  throwsTyped(
    () => loadWeights(field, 5 as unknown as string),
    OdeTypeError,
    /invalid argument json: expected the string saveWeights returns, got number/,
  );
  const t = [0, 0.1, 0.2, 0.3];
  await assert.rejects(
    () =>
      fit(field, {
        data: { t, y: t.map(() => [1, 0]) },
        iterations: 1,
        batch: { time: 2, size: 1 },
        seed: 0,
        progress: "notebook",
      }),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      /invalid argument progress: "notebook" needs the tslab kernel/.test((e as Error).message),
  );
});
