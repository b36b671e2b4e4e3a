import { test } from "node:test";
import assert from "node:assert/strict";
import { attributionOverTime, globalAttribution } from "../../lib/interpret/overTime";
import { stepSensitivities } from "../../lib/interpret/stepSensitivities";
import { lime } from "../../lib/interpret/lime";
import { attributionFrame, compareAttributionsFrame, limeFrame, sensitivityFrame } from "../../lib/data/attribution";
import { attributionBars, attributionHeatmap, attributionLines, sensitivityHeatmap } from "../../lib/plot/attribution";
import { OdeArgumentError } from "../../lib/ode/errors";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import { lrpEpsilon } from "../../lib/interpret/lrp/rules";
import { lrpGlobal, lrpOverTime } from "../../lib/interpret/lrp/overTime";
import { abcField, linearField } from "./fixtures";

const solver = { method: "RK4" as const, step: 0.05 };

test("frames hold the results' numbers in long form (time, input, attribution | meanAbs, mean | sensitivity), LIME and method comparisons one row per input", () => {
  const field = linearField();
  const y0 = Float64Array.from([1, -1, 0.5]);
  const t = [0, 0.5, 1];
  const ig = attributionOverTime(field, y0, t, { component: 0, method: "integratedGradients", nodes: 4, solver });
  const f = attributionFrame(ig, ["a", "b", "c"]);
  assert.deepEqual(f.columns, ["time", "input", "attribution", "gap"]);
  assert.equal(f.shape[0], 9);
  const v = f.values as (number | string)[][];
  assert.deepEqual(v[4], [0.5, "b", ig.attributions[1][1], ig.gap![1]]);
  const g = globalAttribution(field, [y0, Float64Array.from([2, 0, 1])], t, { component: 2, solver });
  const gf = attributionFrame(g);
  assert.deepEqual(gf.columns, ["time", "input", "meanAbs", "mean"]);
  assert.deepEqual((gf.values as (number | string)[][])[8], [1, "x2", g.meanAbs[2][2], g.mean[2][2]]);
  const s = stepSensitivities(abcField(0.7, 0.25), Float64Array.from([1, 0, 0]), [0, 1, 2], {
    wrt: "parameters",
    solver,
  });
  const sf = sensitivityFrame(s, 2, ["k1", "k2"]);
  assert.deepEqual((sf.values as (number | string)[][])[5], [2, "k2", s.matrices[2][2 * 2 + 1]]);
  const l = lime((x) => 2 * x[0] - x[2], [1, 2, 3], { width: 0.5, features: 2, samples: 50 });
  const lf = limeFrame(l);
  assert.deepEqual(
    (lf.values as (number | string)[][]).map((r) => r[3]),
    [0, 1, 2].map((i) => l.selected.indexOf(i)),
  );
  const cf = compareAttributionsFrame({ saliency: [1, 2, 3], ig: Float64Array.from([4, 5, 6]) });
  assert.deepEqual(cf.columns, ["input", "saliency", "ig"]);
  assert.throws(() => compareAttributionsFrame({ a: [1, 2], b: [1] }), OdeArgumentError);
  assert.throws(
    () => attributionFrame(ig, ["a"]),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "inputNames",
  );
});

test("figures: heatmaps carry the T × inputs values (signed: diverging around 0), named columns; lines and grouped bars", () => {
  const field = linearField();
  const y0 = Float64Array.from([1, -1, 0.5]);
  const t = [0, 0.5, 1];
  const r = attributionOverTime(field, y0, t, { component: 1, solver });
  const h = attributionHeatmap(r, { inputNames: ["a", "b", "c"] });
  assert.deepEqual(h.data[0].z, r.attributions);
  assert.deepEqual(h.data[0].y, t);
  assert.equal(h.data[0].zmid, 0);
  assert.deepEqual((h.layout.xaxis as { ticktext: string[] }).ticktext, ["a", "b", "c"]);
  const g = attributionHeatmap(globalAttribution(field, [y0], t, { component: 1, solver }));
  assert.equal(g.data[0].zmid, undefined);
  const s = stepSensitivities(field, y0, t, { solver });
  const sh = sensitivityHeatmap(s, 1);
  assert.deepEqual(
    sh.data[0].z,
    s.matrices.map((M) => Array.from(M.subarray(3, 6))),
  );
  assert.equal(attributionLines(r).data.length, 3);
  const b = attributionBars({ saliency: [1, 2, 3], lime: [1.1, 2, 2.9] });
  assert.deepEqual(
    b.data.map((d) => d.name),
    ["saliency", "lime"],
  );
  assert.throws(
    () => sensitivityHeatmap(s, 3),
    (e: unknown) => e instanceof OdeArgumentError && e.argument === "component",
  );
  assert.equal(JSON.parse(JSON.stringify(h)).data[0].z.length, 3);
});

test("attributionHeatmap draws LRP's views too: lrpOverTime signed around 0, lrpGlobal's mean |relevance|, both w.r.t. h(0)", () => {
  const field = mlp64({ dim: 2, hidden: [6], activation: "tanh", seed: 2 });
  const settings = { method: "RK4" as const, step: 0.05, t1: 0.5, rule: lrpEpsilon(1e-6), component: 0 };
  const y0 = [0.3, -0.7];
  const over = lrpOverTime(field, y0, settings);
  const h = attributionHeatmap(over, { inputNames: ["x", "p"] });
  assert.deepEqual(h.data[0].z, over.attributions);
  assert.equal(h.data[0].zmid, 0);
  assert.match(JSON.stringify(h.layout.title), /LRP relevance of h_0\(t\) w\.r\.t\. h\(0\)/);
  const glob = lrpGlobal(field, [y0, [0.1, 0.2]], settings);
  const g = attributionHeatmap(glob);
  assert.deepEqual(g.data[0].z, glob.meanAbs);
  assert.match(JSON.stringify(g.layout.title), /mean \|LRP relevance\| .* over 2 states/);
});
