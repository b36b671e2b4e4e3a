import { test } from "node:test";
import assert from "node:assert/strict";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { discrete } from "../../lib/sensitivity/discrete";
import { adjoint } from "../../lib/sensitivity/adjoint";
import { forwardSensitivity } from "../../lib/sensitivity/forwardSensitivity";
import type { GradientMethod, SolverSpec } from "../../lib/sensitivity/gradientMethod";
import { mlp64 } from "../../lib/neural/fields/mlp64";

// stats.keptBytes is what a gradient method says its solution holds for the pullback; here it is
// held against what the process really keeps (array-buffer bytes still alive after a full garbage
// collection, minus the same before the solve; discrete()'s tape belongs to the method object and
// stays after the solution is dropped), and against its analytic form where there is one.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
// V8 frees array-buffer backing stores on a background sweeper thread: under load a reading right
// after gc() can still count the solve's temporaries (CI saw +67 KB, gone 20–40 ms later). Garbage
// only ever inflates a reading, so the least of eight readings 20 ms apart is the live bytes.
const held = async () => {
  let least = Infinity;
  for (let i = 0; i < 8; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
    least = Math.min(least, process.memoryUsage().arrayBuffers);
  }
  return least;
};

const field = mlp64({ dim: 2, hidden: [16], activation: "tanh", seed: 5, initStd: 0.3 });
const B = 20;
const y0 = Float64Array.from({ length: 2 * B }, (_, i) => Math.sin(1 + i));
const t = Array.from({ length: 21 }, (_, k) => 0.1 * k);

async function measure(method: GradientMethod, solver: SolverSpec): Promise<{ kept: number; measured: number }> {
  const before = await held();
  const sol = method.solve(field, y0, t, solver);
  const measured = (await held()) - before;
  const kept = sol.stats.keptBytes;
  assert.ok(sol.y.length === t.length); // keeps `sol` alive through the measurement
  return { kept, measured };
}

test("keptBytes: the reversed adjoint keeps exactly the outputs and their copies, 2·T·n·8 bytes", async () => {
  const { kept } = await measure(adjoint({ state: "reversed" }), { method: "RK4", step: 0.025 });
  assert.equal(kept, 2 * t.length * y0.length * 8);
});

test("keptBytes agrees with the array-buffer bytes the process keeps (discrete, adjoint interpolated, forward sensitivities; 10 %)", async () => {
  for (const [name, method, solver] of [
    ["discrete RK4", discrete(), { method: "RK4", step: 0.0125 }],
    ["discrete DOPRI5", discrete(), { method: "DOPRI5", rtol: 1e-9, atol: 1e-11 }],
    ["adjoint interpolated DOPRI5", adjoint(), { method: "DOPRI5", rtol: 1e-9, atol: 1e-11 }],
    ["forward sensitivities DOPRI5", forwardSensitivity(), { method: "DOPRI5", rtol: 1e-6, atol: 1e-8 }],
  ] as const) {
    const { kept, measured } = await measure(method, solver);
    assert.ok(kept > 10_000, `${name}: keptBytes ${kept}`);
    assert.ok(Math.abs(measured - kept) <= 0.1 * kept, `${name}: keptBytes ${kept}, measured ${measured}`);
  }
});

test("keptBytes of discrete() grows in proportion to the steps (RK4, 1 : 2 : 4 steps, within 5 %)", async () => {
  const kept = [];
  for (const step of [0.05, 0.025, 0.0125]) kept.push((await measure(discrete(), { method: "RK4", step })).kept);
  assert.ok(Math.abs(kept[1] / kept[0] - 2) < 0.1 && Math.abs(kept[2] / kept[1] - 2) < 0.1, `${kept}`);
});
