import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, toDataFrame, statsFrame, stepsFrame, trainingFrame } from "../../lib/index";
import type { TrainingRecordRow } from "../../lib/neural/training/fitOptions";
import { OdeTypeError } from "../../lib/ode/errors";

const decay = (_t: number, y: Float64Array, d: Float64Array) => {
  d[0] = -y[0];
  d[1] = -2 * y[1];
};

test("toDataFrame: t plus one column per component, values equal to the solution", () => {
  const r = solveIVP(decay, [0, 1], [1, 1], { tEval: [0, 0.5, 1], rtol: 1e-10, atol: 1e-12 });
  const df = toDataFrame(r, ["a", "b"]);
  assert.deepEqual(df.shape, [3, 3]);
  assert.deepEqual(df.columns, ["t", "a", "b"]);
  const b = df["b"].values as number[];
  b.forEach((v, i) => assert.ok(Math.abs(v - Math.exp(-2 * r.t[i])) < 1e-9));
  assert.deepEqual(toDataFrame(r).columns, ["t", "y0", "y1"]);
  assert.throws(
    () => toDataFrame(r, ["only-one"]),
    /invalid argument names: has 1 entries but the state has 2 components/,
  );
});

test("statsFrame and stepsFrame: rows match the runs and the recorded attempts", () => {
  const a = solveIVP(decay, [0, 5], [1, 1], { method: "DOPRI5", recordSteps: true, firstStep: 2 });
  const b = solveIVP(decay, [0, 5], [1, 1], { method: "BDF" });
  const stats = statsFrame({ dopri: a, bdf: b });
  assert.deepEqual(stats.shape, [2, 9]); // run, method, status and the six counters
  assert.deepEqual(stats["nfev"].values, [a.stats.nfev, b.stats.nfev]);
  const steps = stepsFrame(a);
  assert.equal(steps.shape[0], a.stats.nsteps);
  assert.equal((steps["accepted"].values as boolean[]).filter((x) => !x).length, a.stats.nreject);
  assert.throws(() => stepsFrame(b), /recordSteps: true/);
});

test("trainingFrame: one row per iteration, one column per record field, values as recorded", () => {
  const record: TrainingRecordRow[] = [1, 2, 3].map((it) => ({
    iteration: it,
    loss: 1 / it,
    learningRate: 1e-3 * it,
    nfeForward: 10 * it,
    nfeBackward: 20 * it,
    naccept: it,
    nreject: 0,
    minStep: 0.1 / it,
    wallMs: 2.5,
    gradNorm: Math.sqrt(it),
  }));
  const df = trainingFrame({ record });
  assert.deepEqual(df.shape, [3, 10]);
  assert.deepEqual(df.columns, Object.keys(record[0]));
  for (const k of Object.keys(record[0]) as (keyof TrainingRecordRow)[])
    assert.deepEqual(
      df[k].values,
      record.map((r) => r[k]),
      k,
    );
  assert.throws(
    () => trainingFrame({ record: "none" } as unknown as { record: TrainingRecordRow[] }),
    (e: unknown) =>
      e instanceof OdeTypeError && /invalid argument result: expected fit's result/.test((e as Error).message),
  );
});
