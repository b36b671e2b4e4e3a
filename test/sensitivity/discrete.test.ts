import { test } from "node:test";
import assert from "node:assert/strict";
import type { Field64 } from "../../lib/sensitivity/field64";
import type { ExplicitTableau } from "../../lib/ode/tableaus/tableau";
import type { MethodName, StepperConfig } from "../../lib/ode/types";
import type { StepTape } from "../../lib/ode/steppers/stepTape";
import { discrete } from "../../lib/sensitivity/discrete";
import { SolveFailedError } from "../../lib/sensitivity/solveFailed";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import { solveIVP } from "../../lib/ode/solveIVP";
import { methodInfo } from "../../lib/ode/methods";
import { emptyStats } from "../../lib/ode/rhs";
import { interpolatePolynomial } from "../../lib/ode/steppers/rungeKuttaDense";
import { OdeArgumentError, OdeStateError } from "../../lib/ode/errors";
import { mulberry32 } from "../../lib/random/index";

/** A 2-16-2 tanh network on y³ (the spiral demo's shape), batch of three states. */
const net = () => mlp64({ dim: 2, hidden: [16], activation: "tanh", inputTransform: "cube", seed: 3 });
const y0 = Float64Array.from([2, 0, 1, 0.5, -0.5, 1]);
const times = [0, 0.3, 0.7, 1.0, 1.6];

/** Seeded cotangents, one per output time: L = Σ_k ⟨c_k, y(t_k)⟩. */
function cotangents(T: number, n: number, seed: number): Float64Array[] {
  const rand = mulberry32(seed);
  return Array.from({ length: T }, () => Float64Array.from({ length: n }, () => 2 * rand() - 1));
}
const dot = (ys: readonly Float64Array[], c: Float64Array[]) =>
  ys.reduce((acc, y, k) => acc + y.reduce((a, v, i) => a + v * c[k][i], 0), 0);

/** ‖a − b‖∞ / ‖b‖∞. */
function maxRel(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

/** Central differences of L at θ (in place, restored) and at y0, step eps. */
function centralDifferences(field: Field64, y0: Float64Array, L: (y0: Float64Array) => number, eps: number) {
  const th = field.parameters;
  const theta = new Float64Array(th.length);
  for (let p = 0; p < th.length; p++) {
    const v = th[p];
    th[p] = v + eps;
    const up = L(y0);
    th[p] = v - eps;
    const down = L(y0);
    th[p] = v;
    theta[p] = (up - down) / (2 * eps);
  }
  const dy0 = new Float64Array(y0.length);
  for (let i = 0; i < y0.length; i++) {
    const yp = Float64Array.from(y0);
    const ym = Float64Array.from(y0);
    yp[i] += eps;
    ym[i] -= eps;
    dy0[i] = (L(yp) - L(ym)) / (2 * eps);
  }
  return { theta, y0: dy0 };
}

/**
 * The discrete map with its steps frozen: the same tableau over the given accepted steps (t_n, h_n),
 * outputs from the continuous extension (or the step's end), written independently of the stepper.
 */
function replay(
  field: Field64,
  tab: ExplicitTableau,
  steps: { t: number; h: number }[],
  tEnd: number,
  y0: Float64Array,
  tOut: readonly number[],
): Float64Array[] {
  const n = y0.length;
  const s = tab.stages;
  const K = new Float64Array((s + 1) * n);
  const P = Float64Array.from(tab.P!.flat());
  const cols = tab.P![0].length;
  const q = new Float64Array(s + 1);
  let y = Float64Array.from(y0);
  const Y = new Float64Array(n);
  const out: Float64Array[] = [Float64Array.from(y0)];
  let next = 1;
  steps.forEach(({ t, h }, m) => {
    const end = m + 1 < steps.length ? steps[m + 1].t : tEnd;
    for (let i = 0; i < s; i++) {
      for (let c = 0; c < n; c++) {
        let acc = 0;
        for (let j = 0; j < i; j++) if (tab.a[i][j] !== 0) acc += tab.a[i][j] * K[j * n + c];
        Y[c] = i === 0 ? y[c] : y[c] + h * acc;
      }
      field.forward(t + tab.c[i] * h, Y, K.subarray(i * n, (i + 1) * n));
    }
    const yNew = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      let acc = 0;
      for (let j = 0; j < s; j++) if (tab.b[j] !== 0) acc += tab.b[j] * K[j * n + c];
      yNew[c] = y[c] + h * acc;
    }
    for (; next < tOut.length && tOut[next] <= end; next++)
      out.push(
        tOut[next] === end
          ? Float64Array.from(yNew)
          : interpolatePolynomial(P, cols, s + 1, K, n, y, h, (tOut[next] - t) / h, q, new Float64Array(n)),
      );
    y = yNew;
  });
  return out;
}

const polynomialMethods: MethodName[] = ["DOPRI5", "Tsit5", "BS3"];

test("forward outputs are solveIVP's with the same method, tolerances and tEval, bit for bit, with the same work", () => {
  const field = net();
  for (const method of polynomialMethods) {
    const sol = discrete().solve(field, y0, times, { method, rtol: 1e-6, atol: 1e-8 });
    const ref = solveIVP((t, y, d) => field.forward(t, y, d), [times[0], times[times.length - 1]], y0, {
      method,
      rtol: 1e-6,
      atol: 1e-8,
      tEval: times,
    });
    assert.equal(ref.status, "success");
    sol.y.forEach((y, k) => assert.deepEqual(Array.from(y), Array.from(ref.y[k]), `${method}, output ${k}`));
    assert.equal(sol.stats.nfeForward, ref.stats.nfev, method);
    assert.equal(sol.stats.naccept, ref.stats.naccept, method);
    assert.equal(sol.stats.nreject, ref.stats.nreject, method);
    assert.equal(sol.stats.minStep, ref.stats.minStep, method);
  }
});

test("pullback is the derivative of the same discrete map (steps frozen): central differences in θ and y0 within 1e-6", () => {
  const field = net();
  for (const method of polynomialMethods) {
    const opts = { method, rtol: 1e-6, atol: 1e-8 };
    const sol = discrete().solve(field, y0, times, opts);
    const c = cotangents(times.length, y0.length, 7);
    const g = sol.pullback(c);
    // The accepted steps of the same solve (solveIVP takes them bit for bit: previous test).
    const rec = solveIVP((t, y, d) => field.forward(t, y, d), [times[0], times[times.length - 1]], y0, {
      ...opts,
      recordSteps: true,
    });
    const steps = rec.steps!.filter((r) => r.accepted);
    assert.equal(steps.length, sol.stats.naccept);
    const tab = methodInfo(method).tableau!;
    const tEnd = times[times.length - 1];
    // The replay is the map the stepper computed.
    replay(field, tab, steps, tEnd, y0, times).forEach((y, k) =>
      assert.deepEqual(Array.from(y), Array.from(sol.y[k]), `${method}: replayed output ${k}`),
    );
    const fd = centralDifferences(field, y0, (x) => dot(replay(field, tab, steps, tEnd, x, times), c), 1e-5);
    const eTheta = maxRel(g.theta, fd.theta);
    const eY0 = maxRel(g.y0, fd.y0);
    assert.ok(eTheta < 1e-6, `${method}: θ-gradient vs differences, relative ${eTheta}`);
    assert.ok(eY0 < 1e-6, `${method}: y0-gradient vs differences, relative ${eY0}`);
  }
});

test("fixed-step and DOP853 land on every output time; the fixed-step map's differences match the pullback within 1e-6", () => {
  const field = net();
  const c = cotangents(times.length, y0.length, 11);
  for (const [method, step] of [
    ["RK4", 0.07],
    ["RK4", undefined],
    ["Midpoint", 0.05],
    ["Euler", 0.02],
  ] as const) {
    const opts = { method, step };
    const sol = discrete().solve(field, y0, times, opts);
    const g = sol.pullback(c);
    const fd = centralDifferences(field, y0, (x) => dot(discrete().solve(field, x, times, opts).y, c), 1e-5);
    const eTheta = maxRel(g.theta, fd.theta);
    const eY0 = maxRel(g.y0, fd.y0);
    assert.ok(eTheta < 1e-6, `${method} step ${step}: θ-gradient vs differences, relative ${eTheta}`);
    assert.ok(eY0 < 1e-6, `${method} step ${step}: y0-gradient vs differences, relative ${eY0}`);
  }
  // One RK4 step per output interval: 4 evaluations per interval, f at each restart not repeated.
  const one = discrete().solve(field, y0, times, { method: "RK4" });
  assert.equal(one.stats.naccept, times.length - 1);
  assert.equal(one.stats.nfeForward, 1 + 4 * (times.length - 1));
  // Outputs are the step ends: an interval's steps are those of solveIVP over that interval.
  const ref = solveIVP((t, y, d) => field.forward(t, y, d), [times[2], times[3]], one.y[2], {
    method: "RK4",
    step: times[3] - times[2],
  });
  assert.deepEqual(Array.from(one.y[3]), Array.from(ref.y[ref.y.length - 1]));
  // DOP853 (no differentiable extension of its own stages) also lands: its first interval is solveIVP's solve of it.
  const d8 = discrete().solve(field, y0, times, { method: "DOP853", rtol: 1e-8, atol: 1e-10 });
  const ref8 = solveIVP((t, y, d) => field.forward(t, y, d), [times[0], times[1]], y0, {
    method: "DOP853",
    rtol: 1e-8,
    atol: 1e-10,
  });
  assert.deepEqual(Array.from(d8.y[1]), Array.from(ref8.y[ref8.y.length - 1]));
  assert.ok(d8.stats.naccept >= times.length - 1);
});

/**
 * y' = A y with θ = A (row-major 2×2), per sample of the batch: a hand-written Field64 without
 * forwardRecord (the sweep calls vjp).
 */
function linearField(A: number[]): Field64 {
  const parameters = Float64Array.from(A);
  const apply = (M: Float64Array, y: Float64Array, out: Float64Array) => {
    for (let o = 0; o < y.length; o += 2) {
      const a = y[o];
      const b = y[o + 1];
      out[o] = M[0] * a + M[1] * b;
      out[o + 1] = M[2] * a + M[3] * b;
    }
  };
  return {
    dim: 2,
    parameters,
    forward: (_t, y, out) => apply(parameters, y, out),
    vjp: (_t, y, a, f, gy, gTheta, scale) => {
      apply(parameters, y, f);
      const M = parameters;
      for (let o = 0; o < y.length; o += 2) {
        gy[o] = M[0] * a[o] + M[2] * a[o + 1];
        gy[o + 1] = M[1] * a[o] + M[3] * a[o + 1];
        gTheta[0] += scale * a[o] * y[o];
        gTheta[1] += scale * a[o] * y[o + 1];
        gTheta[2] += scale * a[o + 1] * y[o];
        gTheta[3] += scale * a[o + 1] * y[o + 1];
      }
    },
    jvp: (_t, y, v, vTheta, f, out) => {
      if (f !== null) apply(parameters, y, f);
      apply(parameters, v, out);
      if (vTheta !== null) {
        const dy = new Float64Array(y.length);
        apply(vTheta, y, dy);
        for (let i = 0; i < y.length; i++) out[i] += dy[i];
      }
    },
    jacobian: (_t, y, jy, jTheta) => {
      const n = y.length;
      jy.fill(0);
      if (jTheta !== null) jTheta.fill(0);
      for (let o = 0; o < n; o += 2)
        for (let r = 0; r < 2; r++) {
          for (let col = 0; col < 2; col++) jy[(o + r) * n + o + col] = parameters[2 * r + col];
          if (jTheta !== null) for (let col = 0; col < 2; col++) jTheta[(o + r) * 4 + 2 * r + col] = y[o + col];
        }
    },
  };
}

/**
 * exp(M) of a real 2×2 matrix in closed form: with m = tr M / 2, N = M − mI and δ² = m² − det M,
 * exp(M) = e^m (cosh δ I + sinh δ/δ N) (cos, sin of √−δ² when δ² < 0); Bernstein & So, IEEE Trans.
 * Autom. Control 38 (1993) 1228–1232, doi:10.1109/9.233156.
 */
function expm2(M: number[]): number[] {
  const m = (M[0] + M[3]) / 2;
  const d2 = m * m - (M[0] * M[3] - M[1] * M[2]);
  let c: number;
  let s: number;
  if (d2 > 0) {
    const d = Math.sqrt(d2);
    c = Math.cosh(d);
    s = Math.sinh(d) / d;
  } else if (d2 < 0) {
    const w = Math.sqrt(-d2);
    c = Math.cos(w);
    s = Math.sin(w) / w;
  } else {
    c = 1;
    s = 1;
  }
  const e = Math.exp(m);
  return [e * (c + s * (M[0] - m)), e * s * M[1], e * s * M[2], e * (c + s * (M[3] - m))];
}
const mul2 = (E: number[], v: ArrayLike<number>, o: number) => [
  E[0] * v[o] + E[1] * v[o + 1],
  E[2] * v[o] + E[3] * v[o + 1],
];

test("a linear field y' = A y: outputs are exp(A t) y0 and gradients those of the exact solution, to tolerance scale", () => {
  const A = [-0.1, 2, -2, -0.1];
  const tOut = [0, 0.4, 1.1, 2.5, 3];
  const c = cotangents(tOut.length, 4, 5);
  const yy0 = Float64Array.from([1, 0.5, -0.3, 0.8]);
  /** L of the exact solution at A. */
  const exact = (M: number[], x: ArrayLike<number>) =>
    tOut.reduce((acc, t, k) => {
      const E = expm2(M.map((v) => v * t));
      const [a, b] = mul2(E, x, 0);
      const [p, q] = mul2(E, x, 2);
      return acc + a * c[k][0] + b * c[k][1] + p * c[k][2] + q * c[k][3];
    }, 0);
  // ∂L/∂y0 = Σ_k exp(Aᵀ t_k) c_k; ∂L/∂A by central differences of the closed form (error ~1e-10).
  const gY0 = new Float64Array(4);
  tOut.forEach((t, k) => {
    const ET = expm2([A[0] * t, A[2] * t, A[1] * t, A[3] * t]);
    [0, 2].forEach((o) => mul2(ET, c[k], o).forEach((v, i) => (gY0[o + i] += v)));
  });
  const gA = Float64Array.from(A, (_, p) => {
    const up = A.slice();
    const down = A.slice();
    up[p] += 1e-6;
    down[p] -= 1e-6;
    return (exact(up, yy0) - exact(down, yy0)) / 2e-6;
  });
  for (const method of ["DOPRI5", "Tsit5", "DOP853"] as const) {
    const field = linearField(A);
    const sol = discrete().solve(field, yy0, tOut, { method, rtol: 1e-10, atol: 1e-12 });
    tOut.forEach((t, k) => {
      const E = expm2(A.map((v) => v * t));
      const want = Float64Array.from([...mul2(E, yy0, 0), ...mul2(E, yy0, 2)]);
      const err = maxRel(sol.y[k], want);
      assert.ok(err < 1e-8, `${method}: y(${t}) vs exp(At) y0, relative ${err}`);
    });
    const g = sol.pullback(c);
    const eY0 = maxRel(g.y0, gY0);
    const eA = maxRel(g.theta, gA);
    assert.ok(eY0 < 1e-8, `${method}: ∂L/∂y0 vs Σ exp(Aᵀt) c, relative ${eY0}`);
    assert.ok(eA < 1e-7, `${method}: ∂L/∂A vs the exact solution's, relative ${eA}`);
  }
});

test("a batch of B > 1 states: with fixed steps, the batch's pullback is the sum over its samples' pullbacks", () => {
  const field = net();
  const B = y0.length / 2;
  const c = cotangents(times.length, y0.length, 13);
  const opts = { method: "RK4" as const, step: 0.1 };
  const batch = discrete().solve(field, y0, times, opts);
  const g = batch.pullback(c);
  const theta = new Float64Array(field.parameters.length);
  for (let b = 0; b < B; b++) {
    const one = discrete().solve(field, y0.slice(2 * b, 2 * b + 2), times, opts);
    one.y.forEach((y, k) => assert.deepEqual(Array.from(y), Array.from(batch.y[k].slice(2 * b, 2 * b + 2))));
    const gb = one.pullback(c.map((ck) => ck.slice(2 * b, 2 * b + 2)));
    gb.theta.forEach((v, p) => (theta[p] += v));
    const e = maxRel(gb.y0, g.y0.slice(2 * b, 2 * b + 2));
    assert.ok(e < 1e-14, `sample ${b}: ∂L/∂y0 relative ${e}`);
  }
  const e = maxRel(g.theta, theta);
  assert.ok(e < 1e-13, `θ-gradient vs the sum over samples, relative ${e}`);
});

test("pullback: repeatable, null cotangents are zeros, and a stale tape or moved parameters are refused", () => {
  const field = net();
  const method = discrete();
  const sol = method.solve(field, y0, times, { rtol: 1e-6, atol: 1e-8 });
  const c = cotangents(times.length, y0.length, 17);
  const g1 = sol.pullback(c);
  const g2 = sol.pullback(c);
  assert.deepEqual(Array.from(g1.theta), Array.from(g2.theta));
  assert.deepEqual(Array.from(g1.y0), Array.from(g2.y0));
  assert.ok(sol.stats.nfeBackward > 0);
  const zeros = sol.pullback(c.map((ck, k) => (k === 2 ? new Float64Array(ck.length) : ck)));
  const nulls = sol.pullback(c.map((ck, k) => (k === 2 ? null : ck)));
  assert.deepEqual(Array.from(nulls.theta), Array.from(zeros.theta));
  assert.deepEqual(Array.from(nulls.y0), Array.from(zeros.y0));

  field.parameters[0] += 1e-3;
  assert.throws(
    () => sol.pullback(c),
    (e: unknown) =>
      e instanceof OdeStateError && /parameters changed since the forward solve \(parameter 0 was/.test(e.message),
  );
  field.parameters[0] -= 1e-3;
  method.solve(field, y0, times, { rtol: 1e-6, atol: 1e-8 });
  assert.throws(
    () => sol.pullback(c),
    (e: unknown) => e instanceof OdeStateError && /a later solve of the same field/.test(e.message),
  );
});

test("typed errors: non-explicit or unknown method, cotangents of the wrong length or count, step budget, non-finite field", () => {
  const field = net();
  for (const method of ["Rodas5", "BDF", "Auto"] as const)
    assert.throws(
      () => discrete().solve(field, y0, times, { method }),
      (e: unknown) =>
        e instanceof OdeArgumentError &&
        e instanceof RangeError &&
        e.argument === "solver.method" &&
        e.message.includes(`"${method}" is not an explicit Runge–Kutta method`) &&
        /continuous adjoint/.test(e.message),
    );
  assert.throws(
    () => discrete().solve(field, y0, times, { method: "dopri5" as MethodName }),
    (e: unknown) => e instanceof OdeArgumentError && /solver\.method: unknown method "dopri5"/.test(e.message),
  );
  const sol = discrete().solve(field, y0, times, {});
  const c = cotangents(times.length, y0.length, 1);
  c[2] = new Float64Array(5);
  assert.throws(
    () => sol.pullback(c),
    (e: unknown) => e instanceof OdeArgumentError && /yBar: entry 2 has length 5, y0 has 6/.test(e.message),
  );
  assert.throws(
    () => sol.pullback(c.slice(0, 3)),
    (e: unknown) =>
      e instanceof OdeArgumentError && /one cotangent \(or null\) per output time \(5\), got 3/.test(e.message),
  );
  assert.throws(
    () => discrete().solve(field, y0, times, { rtol: 1e-12, atol: 1e-14, maxSteps: 3 }),
    (e: unknown) =>
      e instanceof SolveFailedError &&
      e instanceof RangeError &&
      e.status === "maxSteps" &&
      e.t > 0 &&
      e.t < times[times.length - 1] &&
      /maximum number of steps \(3\) reached at t=/.test(e.message),
  );
  // f is NaN from t = 0.5 on: the solve stops there, naming the time.
  const broken: Field64 = {
    ...linearField([-1, 0, 0, -1]),
    forward: (t, y, out) => {
      for (let i = 0; i < y.length; i++) out[i] = t < 0.5 ? -y[i] : NaN;
    },
  };
  assert.throws(
    () => discrete().solve(broken, Float64Array.from([1, 1]), [0, 1], { method: "RK4", step: 0.1 }),
    (e: unknown) =>
      e instanceof SolveFailedError &&
      e.status === "nonFinite" &&
      Math.abs(e.t - 0.4) < 1e-12 &&
      /non-finite state component 0 in the step from t=0\.4/.test(e.message),
  );
});

test("the step tape: each accepted step's stages are f at yOld + h Σ a_ij k_j, numbered by evaluation; no change to the steps", () => {
  const f = (_t: number, y: Float64Array, d: Float64Array) => {
    d[0] = y[1];
    d[1] = 3 * (1 - y[0] * y[0]) * y[1] - y[0];
  };
  for (const method of ["DOPRI5", "RK4", "DOP853"] as const) {
    const info = methodInfo(method);
    const tab = info.tableau!;
    const s = tab.stages;
    const seen: Float64Array[] = [];
    const run = (tape: StepTape | null) => {
      const stats = emptyStats();
      const config: StepperConfig = {
        f: (t, y, d) => {
          if (tape !== null) seen[stats.nfev] = Float64Array.from(y);
          stats.nfev++;
          f(t, y, d);
        },
        t0: 0,
        y0: Float64Array.from([2, 0]),
        tBound: 3,
        rtol: Float64Array.from([1e-6, 1e-6]),
        atol: Float64Array.from([1e-8, 1e-8]),
        firstStep: 0,
        maxStep: 3,
        maxSteps: 10000,
        step: 0.01,
        jacobian: null,
        recorder: null,
        stats,
        normLength: 2,
        tape,
      };
      const stepper = info.create(config);
      const path: number[] = [];
      while (stepper.t < 3) {
        assert.equal(stepper.step(), "ok");
        path.push(stepper.t, ...stepper.y);
      }
      return path;
    };
    let checked = 0;
    let previousFNew = -1;
    const tape: StepTape = {
      accept(tOld, h, yOld, y, K, evals) {
        const n = 2;
        if (previousFNew >= 0) assert.equal(evals[0], previousFNew, `${method}: k_1 is the previous f(t_new, y_new)`);
        for (let i = 0; i < s; i++) {
          const Y = Float64Array.from(yOld, (v, c) => {
            let acc = 0;
            for (let j = 0; j < i; j++) if (tab.a[i][j] !== 0) acc += tab.a[i][j] * K[j * n + c];
            return i === 0 ? v : v + h * acc;
          });
          assert.deepEqual(Array.from(seen[evals[i]]), Array.from(Y), `${method}: stage ${i} input`);
          const k = new Float64Array(n);
          f(tOld + tab.c[i] * h, Y, k);
          assert.deepEqual(Array.from(K.subarray(i * n, (i + 1) * n)), Array.from(k), `${method}: stage ${i}`);
        }
        assert.deepEqual(Array.from(seen[evals[s]]), Array.from(y), `${method}: f(t_new, y_new)'s input`);
        if (tab.fsal) assert.equal(evals[s], evals[s - 1]);
        previousFNew = evals[s];
        checked++;
      },
    };
    const withTape = run(tape);
    assert.ok(checked > 10, `${method}: ${checked} steps checked`);
    assert.deepEqual(withTape, run(null), `${method}: the tape changes no step`);
  }
});
