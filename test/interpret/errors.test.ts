import { test } from "node:test";
import assert from "node:assert/strict";
import { saliency } from "../../lib/interpret/saliency";
import { integratedGradients } from "../../lib/interpret/integratedGradients";
import { smoothGrad } from "../../lib/interpret/smoothGrad";
import { lime } from "../../lib/interpret/lime";
import { attributionOverTime, globalAttribution } from "../../lib/interpret/overTime";
import { stepSensitivities } from "../../lib/interpret/stepSensitivities";
import { parametricField64 } from "../../lib/sensitivity/parametricField64";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";
import { mlpCase } from "./fixtures";

/** Throws cls with .argument === argument and a message containing every part. */
function throwsNaming(
  fn: () => unknown,
  cls: typeof OdeArgumentError | typeof OdeTypeError,
  argument: string,
  ...parts: string[]
) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.equal((e as OdeArgumentError).argument, argument);
    for (const p of parts) assert.ok((e as Error).message.includes(p), `"${(e as Error).message}" lacks "${p}"`);
    return true;
  });
}

test("bad targets: component out of range, a time not among t, time and timeIndex together, a bad scalar's cotangents", () => {
  const { field, y0, t } = mlpCase();
  throwsNaming(() => saliency(field, y0, t, { component: 3 }), OdeArgumentError, "target.component", "0 to 2", "got 3");
  throwsNaming(() => saliency(field, y0, t, { component: 1.5 }), OdeArgumentError, "target.component", "1.5");
  throwsNaming(() => saliency(field, y0, t, { component: 0, time: 0.7 }), OdeArgumentError, "target.time", "0.7");
  throwsNaming(
    () => saliency(field, y0, t, { component: 0, timeIndex: 5 }),
    OdeArgumentError,
    "target.timeIndex",
    "got 5",
  );
  throwsNaming(
    () => saliency(field, y0, t, { component: 0, timeIndex: 1, time: 1 }),
    OdeArgumentError,
    "target.time",
    "not both",
  );
  throwsNaming(() => saliency(field, y0, t, null as never), OdeTypeError, "target", "null");
  const short = { scalar: (y: readonly Float64Array[]) => ({ value: 1, cotangents: [y[0]] }) };
  throwsNaming(() => saliency(field, y0, t, short), OdeArgumentError, "target.scalar", "one entry", "(5)");
  const nan = { scalar: () => ({ value: NaN, cotangents: [] }) };
  throwsNaming(() => saliency(field, y0, t, nan), OdeArgumentError, "target.scalar", "NaN");
});

test("bad options: wrt, y0 of a batch, nodes, baseline length, sigma missing or negative, method, component; θ restored after a throw", () => {
  const { field, y0, t } = mlpCase();
  const target = { component: 0 };
  throwsNaming(
    () => saliency(field, y0, t, target, { wrt: "theta" as never }),
    OdeArgumentError,
    "options.wrt",
    "theta",
  );
  throwsNaming(() => saliency(field, new Float64Array(6), t, target), OdeArgumentError, "y0", "length 6");
  throwsNaming(
    () => saliency(field, y0, t, target, { solver: { rtol: -1 } }),
    OdeArgumentError,
    "options.solver.rtol",
    "-1",
  );
  throwsNaming(
    () => integratedGradients(field, y0, t, target, { nodes: 0 }),
    OdeArgumentError,
    "options.nodes",
    "got 0",
  );
  throwsNaming(() => integratedGradients(field, y0, t, target, { nodes: 65 }), OdeArgumentError, "options.nodes", "65");
  throwsNaming(
    () => integratedGradients(field, y0, t, target, { baseline: [0, 0] }),
    OdeArgumentError,
    "options.baseline",
    "length 2",
  );
  throwsNaming(
    () => integratedGradients(field, y0, t, target, { baseline: "0" as never }),
    OdeTypeError,
    "options.baseline",
  );
  throwsNaming(() => smoothGrad(field, y0, t, target, {} as never), OdeArgumentError, "options.sigma", "required");
  throwsNaming(() => smoothGrad(field, y0, t, target, { sigma: -0.1 }), OdeArgumentError, "options.sigma", "-0.1");
  throwsNaming(
    () => smoothGrad(field, y0, t, target, { sigma: 0.1, seed: 1.5 }),
    OdeArgumentError,
    "options.seed",
    "1.5",
  );
  throwsNaming(
    () => attributionOverTime(field, y0, t, { component: 0, method: "lrp" as never }),
    OdeArgumentError,
    "options.method",
    "lrp",
  );
  throwsNaming(() => attributionOverTime(field, y0, t, { component: 7 }), OdeArgumentError, "options.component", "7");
  throwsNaming(() => globalAttribution(field, [], t, { component: 0 }), OdeArgumentError, "y0s");
  throwsNaming(() => stepSensitivities(field, y0, [0]), OdeArgumentError, "t", "two times");
  const keep = Array.from(field.parameters);
  const throwing = {
    scalar: () => {
      throw new Error("user error");
    },
  };
  assert.throws(
    () => integratedGradients(field, y0, t, throwing as never, { wrt: "parameters", nodes: 2 }),
    /user error/,
  );
  assert.deepEqual(Array.from(field.parameters), keep);
});

test("bad LIME arguments: f, x0, width, features, samples, kernelWidth, a non-finite value of f", () => {
  const f = (x: Float64Array) => x[0] + x[1];
  throwsNaming(() => lime("f" as never, [1, 2], { width: 1 }), OdeTypeError, "f");
  throwsNaming(() => lime(f, [1, NaN], { width: 1 }), OdeArgumentError, "x0", "NaN");
  throwsNaming(() => lime(f, [1, 2], { width: 0 }), OdeArgumentError, "options.width", "> 0");
  throwsNaming(() => lime(f, [1, 2], { width: [1, 2, 3] }), OdeArgumentError, "options.width", "length 3");
  throwsNaming(
    () => lime(f, [1, 2], { width: 1, features: 3 }),
    OdeArgumentError,
    "options.features",
    "1 to 2",
    "got 3",
  );
  throwsNaming(() => lime(f, [1, 2], { width: 1, samples: 3 }), OdeArgumentError, "options.samples", "at least 4");
  throwsNaming(() => lime(f, [1, 2], { width: 1, kernelWidth: -1 }), OdeArgumentError, "options.kernelWidth", "-1");
  throwsNaming(() => lime((x) => (x[0] > 1.5 ? Infinity : 0), [1, 2], { width: 1 }), OdeArgumentError, "f", "Infinity");
});

test("parametricField64: spec errors name the field; vjp, jvp and the block-diagonal Jacobian agree on a batch of two (1e-15)", () => {
  throwsNaming(() => parametricField64({ dim: 0 } as never), OdeArgumentError, "spec.dim", "0");
  throwsNaming(
    () => parametricField64({ dim: 1, parameters: [1], rhs: () => {}, jacobianY: () => {}, jacobianP: 3 } as never),
    OdeTypeError,
    "spec.jacobianP",
  );
  throwsNaming(
    () => parametricField64({ dim: 1, parameters: [NaN], rhs: () => {}, jacobianY: () => {}, jacobianP: () => {} }),
    OdeArgumentError,
    "spec.parameters",
    "NaN",
  );
  // f(y; p) = (p0·y0·y1, p1·y0²): nonlinear in y, linear in p.
  const field = parametricField64({
    dim: 2,
    parameters: [0.7, -1.3],
    rhs: (_t, y, p, out) => out.set([p[0] * y[0] * y[1], p[1] * y[0] * y[0]]),
    jacobianY: (_t, y, p, out) => out.set([p[0] * y[1], p[0] * y[0], 2 * p[1] * y[0], 0]),
    jacobianP: (_t, y, _p, out) => out.set([y[0] * y[1], 0, 0, y[0] * y[0]]),
  });
  const y = Float64Array.from([0.5, 2, -1, 0.3]);
  const J = new Float64Array(16);
  const JP = new Float64Array(8);
  field.jacobian(0, y, J, JP);
  const a = Float64Array.from([1, -2, 0.5, 3]);
  const f = new Float64Array(4);
  const gy = new Float64Array(4);
  const gT = new Float64Array(2);
  field.vjp(0, y, a, f, gy, gT, 1);
  for (let j = 0; j < 4; j++) {
    let acc = 0;
    for (let i = 0; i < 4; i++) acc += a[i] * J[i * 4 + j];
    assert.ok(Math.abs(gy[j] - acc) < 1e-15, `vjp y ${j}`);
  }
  for (let q = 0; q < 2; q++) {
    let acc = 0;
    for (let i = 0; i < 4; i++) acc += a[i] * JP[i * 2 + q];
    assert.ok(Math.abs(gT[q] - acc) < 1e-15, `vjp θ ${q}`);
  }
  const v = Float64Array.from([0.1, 0.2, -0.3, 0.4]);
  const vT = Float64Array.from([2, -1]);
  const out = new Float64Array(4);
  field.jvp(0, y, v, vT, null, out);
  for (let i = 0; i < 4; i++) {
    let acc = 0;
    for (let j = 0; j < 4; j++) acc += J[i * 4 + j] * v[j];
    for (let q = 0; q < 2; q++) acc += JP[i * 2 + q] * vT[q];
    assert.ok(Math.abs(out[i] - acc) < 1e-15, `jvp ${i}`);
  }
  assert.equal(J[0 * 4 + 2], 0, "samples do not couple");
  throwsNaming(() => field.forward(0, new Float64Array(3), new Float64Array(3)), OdeArgumentError, "y", "length 3");
});
