import { test, before } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../../lib/neural/backend";
import { mlpField, fit, HamiltonianNetwork } from "../../lib/neural/index";
import { adam } from "../../lib/neural/training/hostOptimizer";
import type { FitOptions } from "../../lib/neural/index";
import { OdeTypeError } from "../../lib/ode/errors";

before(async () => {
  await ready();
});

// Data: the circle y = (cos t, −sin t), exact.
const t = Array.from({ length: 40 }, (_, i) => i * 0.1);
const data = { t, y: t.map((s) => [Math.cos(s), -Math.sin(s)]) };
const options = (extra: Partial<FitOptions>): FitOptions => ({
  data,
  iterations: 400,
  batch: { time: 6, size: 16 },
  seed: 1,
  solver: { method: "DOPRI5", rtol: 1e-6, atol: 1e-8 },
  optimizer: adam({ lr: 1e-2 }),
  progress: "none",
  ...extra,
});

test("fit yields to the event loop while it trains: callbacks scheduled before and during it run before it ends", async () => {
  const field = mlpField({ dim: 2, hidden: [16], seed: 3 });
  let iteration = 0;
  let timeoutRanAt = -1;
  let immediateRanAt = -1;
  let scheduledAt = 0;
  const ends: number[] = [];
  // Train for 300 ms whatever the machine's speed (then stop through the signal).
  const controller = new AbortController();
  // Scheduled before fit is called: it must run during training, not only after the last iteration.
  setTimeout(() => (timeoutRanAt = iteration), 0);
  const result = await fit(field, {
    ...options({}),
    iterations: 1_000_000,
    signal: controller.signal,
    onIteration: (row) => {
      iteration = row.iteration;
      const now = performance.now();
      ends.push(now);
      if (row.iteration === 1) {
        scheduledAt = now;
        setImmediate(() => (immediateRanAt = iteration));
      }
      if (now - scheduledAt > 300) controller.abort();
    },
  });
  const n = result.record.length;
  assert.equal(result.status, "interrupted");
  assert.ok(timeoutRanAt >= 1 && timeoutRanAt < n, `setTimeout ran after iteration ${timeoutRanAt} of ${n}`);
  // fit yields once ≥ 50 ms of work have passed since its last yield: the first iteration that
  // ends ≥ 50 ms after the immediate was scheduled is followed by a yield.
  const k = ends.findIndex((e) => e - scheduledAt >= 50) + 1;
  assert.ok(k >= 1 && k < n, `iteration ${k} of ${n} ends 50 ms after the first`);
  assert.ok(
    immediateRanAt >= 1 && immediateRanAt <= k,
    `setImmediate ran after iteration ${immediateRanAt}; due by ${k}`,
  );
});

test("signal: an abort from a timer stops training cleanly and returns the record so far (status interrupted)", async () => {
  const field = mlpField({ dim: 2, hidden: [16], seed: 3 });
  const before = field.variables.map((v) => Array.from(v.dataSync()));
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => controller.abort(), 120);
  const iterations = 1_000_000;
  const result = await fit(field, { ...options({}), iterations, signal: controller.signal });
  const took = performance.now() - started;
  assert.equal(result.status, "interrupted");
  assert.equal(result.stoppedEarly, false);
  const n = result.record.length;
  assert.ok(n > 0 && n < iterations, `${n} iterations`);
  assert.deepEqual(
    result.record.map((r) => r.iteration),
    Array.from({ length: n }, (_, i) => i + 1),
  );
  assert.ok(took < 5000, `stopped ${took} ms after starting (abort at 120 ms)`);
  // The trained weights (θ in float64) were written back to the tfjs variables.
  const after = field.variables.map((v) => Array.from(v.dataSync()));
  assert.notDeepEqual(after, before);
});

test("signal: aborted in onIteration stops after that iteration; an aborted signal trains nothing; a non-signal is a TypeError", async () => {
  const controller = new AbortController();
  const field = mlpField({ dim: 2, hidden: [8], seed: 4 });
  const result = await fit(field, {
    ...options({}),
    solver: { method: "RK4", step: 0.1 },
    signal: controller.signal,
    onIteration: (row) => row.iteration === 5 && controller.abort(),
  });
  assert.equal(result.record.length, 5);
  assert.equal(result.status, "interrupted");
  const none = await fit(field, { ...options({}), signal: controller.signal });
  assert.equal(none.record.length, 0);
  assert.equal(none.status, "interrupted");
  await assert.rejects(
    () => fit(field, { ...options({}), signal: { aborted: "no" } as unknown as AbortSignal }),
    (e: unknown) => e instanceof OdeTypeError && /invalid argument signal: expected an AbortSignal/.test(String(e)),
  );
});

test("HamiltonianNetwork.fit yields (a timer runs during training) and stops on its signal with the losses so far", async () => {
  const ys = Array.from({ length: 200 }, (_, s) => [1.2 * Math.sin(0.37 * s), 1.1 * Math.cos(0.23 * s)]);
  const dydt = ys.map(([q, p]) => [p, -Math.sin(q)]);
  const hnn = new HamiltonianNetwork({ dim: 2, hidden: 16, seed: 1 });
  const controller = new AbortController();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  setTimeout(() => controller.abort(), 150);
  const iterations = 10_000_000;
  const losses = await hnn.fit(ys, dydt, { iterations, learningRate: 1e-2, signal: controller.signal });
  clearInterval(timer);
  assert.ok(losses.length > 0 && losses.length < iterations, `${losses.length} iterations`);
  assert.ok(ticks >= 2, `the 5 ms interval ran ${ticks} times during training`);
  assert.ok(losses[losses.length - 1] < losses[0], `loss ${losses[0]} → ${losses[losses.length - 1]}`);
});
