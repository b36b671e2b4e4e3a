import { test } from "node:test";
import assert from "node:assert/strict";
import {
  lineFigure,
  phaseFigure,
  heatmapFigure,
  workPrecisionFigure,
  standaloneHtml,
  show,
  trainingFigure,
} from "../../lib/index";

test("lineFigure: one scatter trace per series, log axes on request, plain arrays", () => {
  const x = Float64Array.from([1, 10, 100]);
  const fig = lineFigure({
    x,
    series: [
      { name: "a", y: [1, 2, 3] },
      { name: "b", y: Float64Array.from([3, 2, 1]) },
    ],
    logX: true,
    xTitle: "t",
  });
  assert.equal(fig.data.length, 2);
  assert.deepEqual(fig.data[1].y, [3, 2, 1]);
  assert.ok(Array.isArray(fig.data[0].x));
  assert.equal((fig.layout.xaxis as { type?: string }).type, "log");
  assert.equal((fig.layout.yaxis as { type?: string }).type, undefined);
  assert.throws(
    () => lineFigure({ x, series: [{ name: "bad", y: [1, 2] }] }),
    /series "bad" has 2 y values but 3 x values/,
  );
});

test("lineFigure without a shared x: every series brings its own (a type error otherwise; at run time a TypeError naming series[i].x)", () => {
  const fig = lineFigure({ series: [{ name: "a", x: [0, 1], y: [2, 3] }] });
  assert.deepEqual(fig.data[0].x, [0, 1]);
  assert.throws(
    // @ts-expect-error a series without x in a figure without x no longer type-checks
    () => lineFigure({ series: [{ name: "a", y: [2, 3] }] }),
    (e: Error) => e.name === "OdeTypeError" && /series\[0\]\.x/.test(e.message),
  );
});

test("phaseFigure: the trajectory and extra traces take a mode (markers for fixed points)", () => {
  const fig = phaseFigure({
    x: [0, 1],
    y: [1, 0],
    more: [{ x: [0.5], y: [0.5], name: "fixed point", mode: "markers" }],
  });
  assert.deepEqual(
    fig.data.map((d) => d.mode),
    ["lines", "markers"],
  );
  const f3 = phaseFigure({
    x: [0, 1],
    y: [1, 0],
    z: [0, 1],
    mode: "markers",
    more: [{ x: [0], y: [0], z: [0], name: "p" }],
  });
  assert.deepEqual(
    f3.data.map((d) => d.mode),
    ["markers", "lines"],
  );
});

test("phaseFigure: scatter3d with z, scatter without; heatmap checks row lengths", () => {
  assert.equal(phaseFigure({ x: [0, 1], y: [1, 0], z: [0, 0] }).data[0].type, "scatter3d");
  assert.equal(phaseFigure({ x: [0, 1], y: [1, 0] }).data[0].type, "scatter");
  const h = heatmapFigure({
    z: [
      [1, 2],
      [3, 4],
    ],
  });
  assert.deepEqual(h.data[0].z, [
    [1, 2],
    [3, 4],
  ]);
  assert.throws(() => heatmapFigure({ z: [[1, 2], [3]] }), /row 1 of z has 1 values, row 0 has 2/);
});

test("workPrecisionFigure: one line per method, sorted by time, log-log", () => {
  const fig = workPrecisionFigure([
    { method: "A", time: 2, error: 1e-6 },
    { method: "A", time: 1, error: 1e-4 },
    { method: "B", time: 3, error: 1e-8 },
  ]);
  assert.equal(fig.data.length, 2);
  assert.deepEqual(fig.data[0].x, [1, 2]);
  assert.equal((fig.layout.yaxis as { type?: string }).type, "log");
});

test("standaloneHtml inlines plotly once and escapes </script> inside data", () => {
  const html = standaloneHtml(lineFigure({ x: [0, 1], series: [{ name: "</script><b>x", y: [0, 1] }] }));
  assert.equal(html.split('window.Plotly.newPlot("figure"').length, 2);
  assert.equal(html.split("define=undefined,module=undefined").length, 2, "plotly.js inlined exactly once");
  assert.ok(html.includes("<\\/script><b>x"));
  assert.ok(html.length > 1e6, "plotly.js should be inlined");
});

test("show() outside a tslab kernel prints a note instead of throwing", () => {
  const logged: string[] = [];
  const orig = console.log;
  console.log = (s: string) => logged.push(s);
  try {
    show(lineFigure({ x: [0, 1], series: [{ name: "a", y: [0, 1] }], title: "T" }));
  } finally {
    console.log = orig;
  }
  assert.match(logged.join("\n"), /figure "T": 1 trace/);
});

test("trainingFigure: loss, gradient norm and both NFE against iteration, log y; a zero backward NFE stays positive", () => {
  const record = [1, 2].map((it) => ({
    iteration: it,
    loss: 1 / it,
    learningRate: 1e-3,
    nfeForward: 14 * it,
    nfeBackward: it === 1 ? 0 : 30,
    naccept: 2,
    nreject: 0,
    minStep: 0.1,
    wallMs: 1,
    gradNorm: 3 * it,
  }));
  const fig = trainingFigure({ record });
  assert.deepEqual(
    fig.data.map((d) => d.name),
    ["loss", "gradient norm", "NFE forward", "NFE backward"],
  );
  assert.deepEqual(fig.data[0].x, [1, 2]);
  assert.deepEqual(fig.data[0].y, [1, 0.5]);
  assert.deepEqual(fig.data[1].y, [3, 6]);
  assert.deepEqual(fig.data[2].y, [14, 28]);
  assert.deepEqual(fig.data[3].y, [1e-300, 30]);
  assert.equal((fig.layout.yaxis as { type?: string }).type, "log");
  assert.throws(() => trainingFigure(null as unknown as { record: [] }), /invalid argument result/);
});
