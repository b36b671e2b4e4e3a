import { test } from "node:test";
import assert from "node:assert/strict";
import { stabilityRegionFigure, gradientGrowthFigure } from "../../lib/plot/stability";
import { stabilityFunction } from "../../lib/analysis/stabilityFunction";
import { gradientGrowthWithDepth, gradientGrowthWithTime } from "../../lib/analysis/gradientGrowth";
import { linearField64 } from "../../lib/analysis/linearField64";
import type { StepStabilityResult } from "../../lib/analysis/stepStability";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

test("stabilityRegionFigure: one boundary trace per method whose vertices have |R| = 1 (1e-10), λh points split inside / outside, JSON-serialisable", () => {
  const points: StepStabilityResult = {
    samples: [
      { t: 0, h: 1, method: "RK4", order: 4, re: [-1, -3], im: [0, 0], modulus: [0.375, 1.375], inside: [true, false] },
    ],
    fractionOutside: 0.5,
    fractionSamplesOutside: 1,
    worstModulus: 1.375,
    worst: { t: 0, re: -3, im: 0 },
  };
  const fig = stabilityRegionFigure(["RK4", "DOPRI5", { method: "BDF", order: 3, formula: "bdf" }], {
    points,
    resolution: 120,
  });
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["RK4", "DOPRI5", "BDF-3", "λh inside", "λh outside"],
  );
  const rk4 = stabilityFunction("RK4");
  const x = fig.data[0].x as (number | null)[];
  const y = fig.data[0].y as (number | null)[];
  x.forEach((v, i) => {
    if (v !== null) assert.ok(Math.abs(rk4.modulus(v, y[i]!) - 1) < 1e-10);
  });
  assert.deepEqual(fig.data[3].x, [-1]);
  assert.deepEqual(fig.data[4].x, [-3]);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)).data[4].y, [0]);
  assert.throws(() => stabilityRegionFigure([]), OdeTypeError);
  assert.throws(
    () => stabilityRegionFigure(["RK4"], { points: [{ name: "p", re: [1, 2], im: [1] }] }),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "options.points[0]",
  );
});

test("gradientGrowthFigure: ‖∂y/∂y0‖₂ and σ_min traces per sweep on a log axis, x = T or depth", () => {
  const f = linearField64([0.2, 0, 0, -0.5], 2);
  const y0 = Float64Array.from([1, 1]);
  const time = gradientGrowthWithTime(f, y0, [1, 2, 3]);
  const depth = gradientGrowthWithDepth(f, y0, 2, [1, 4, 16]);
  const ft = gradientGrowthFigure([{ name: "linear", growth: time }]);
  assert.equal(ft.data.length, 2);
  assert.deepEqual(ft.data[0].x, [1, 2, 3]);
  assert.deepEqual(
    ft.data[0].y,
    time.points.map((p) => p.jacobianNorm),
  );
  assert.equal((ft.layout.yaxis as { type: string }).type, "log");
  const fd = gradientGrowthFigure([{ name: "Euler", growth: depth }], { x: "depth" });
  assert.deepEqual(fd.data[1].x, [1, 4, 16]);
  assert.throws(
    () => gradientGrowthFigure([{ name: "t", growth: time }], { x: "depth" }),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "sweeps[0].growth",
  );
});
