import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { methodInfo, methodNames, methods } from "../../lib/ode/methods";
import type { MethodInfo } from "../../lib/ode/methods";
import { explicitTableaus } from "../../lib/ode/methods";
import { solveIVP } from "../../lib/ode/solveIVP";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";
import type { ExplicitTableau } from "../../lib/ode/tableaus/tableau";
import { reactions } from "../../lib/systems/kinetics/network";
import { rateSensitivities } from "../../lib/systems/kinetics/sensitivity";

// The method registry (lib/ode/methods.ts) against behaviour: every entry solves y' = −y, y(0) = 1
// (exact e^{−t}) as its order, error order and flags say. Entries are chosen by registry fields,
// never by name, so a newly registered method is tested here without editing this file.

const decay = (_t: number, y: Float64Array, dy: Float64Array) => {
  dy[0] = -y[0];
};
const info = (name: string): MethodInfo => methods[name as keyof typeof methods];
const fixed = methodNames.filter((name) => info(name).fixedStep);
const adaptive = methodNames.filter((name) => !info(name).fixedStep);
const log2Ratios = (e: number[]) => e.slice(1).map((x, i) => Math.log2(e[i] / x));

test("registry: each entry is keyed by its own name; explicit entries read order, error order and flags from their tableau", () => {
  assert.deepEqual(methodNames, Object.keys(methods));
  for (const name of methodNames) {
    const m = info(name);
    assert.equal(m.name, name);
    assert.equal(m.kind === "explicitRungeKutta", m.tableau !== null, `${name}: kind ${m.kind}`);
    assert.ok(Number.isInteger(m.order) && m.order >= 1, `${name}: order ${m.order}`);
    assert.equal(m.fixedStep, m.errorOrder === 0, `${name}: fixedStep with errorOrder ${m.errorOrder}`);
    if (m.tableau === null) continue;
    assert.equal(m.tableau.name, name);
    assert.equal(m.order, m.tableau.order);
    assert.equal(m.errorOrder, m.tableau.errorOrder);
    assert.equal(m.stiff, false);
    const dense = m.tableau.dop853 ? "dop853" : m.tableau.P && m.tableau.fsal ? "polynomial" : "hermite";
    assert.equal(m.dense, dense, name);
  }
});

test("register once: every explicit tableau in lib/ode/tableaus is registered exactly once, under its name; explicitTableaus is read from the registry", async () => {
  const dir = join(__dirname, "../../lib/ode/tableaus");
  const found: ExplicitTableau[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const mod = (await import(join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const t = value as ExplicitTableau;
      if (t !== null && typeof t === "object" && Array.isArray(t.a) && Array.isArray(t.b) && Array.isArray(t.e)) {
        if (!found.includes(t)) found.push(t);
      }
    }
  }
  assert.ok(found.length >= 7, `found ${found.length} explicit tableaus`);
  for (const t of found) {
    const entries = methodNames.filter((name) => info(name).tableau === t);
    assert.deepEqual(entries, [t.name], `tableau ${t.name} is registered as ${JSON.stringify(entries)}`);
  }
  const registered = methodNames.filter((name) => info(name).tableau !== null);
  assert.equal(registered.length, found.length, "every registered tableau lives in lib/ode/tableaus");
  assert.deepEqual(Object.keys(explicitTableaus), registered);
  for (const name of registered) assert.equal(explicitTableaus[name], info(name).tableau);
});

for (const name of fixed) {
  const order = info(name).order;
  test(`${name} (fixed step): observed order on y' = −y within ±0.3 of the registry's ${order}, one step per h`, () => {
    // h = 0.1 … 0.0125: errors from 2e−2 (Euler) to 8e−11 (RK4), above round-off and asymptotic.
    const steps = [0.1, 0.05, 0.025, 0.0125];
    const errors = steps.map((h) => {
      const r = solveIVP(decay, [0, 1], [1], { method: name, step: h });
      assert.equal(r.status, "success");
      assert.equal(r.stats.nsteps, Math.round(1 / h));
      assert.equal(r.stats.nreject, 0);
      return Math.abs(r.y[r.y.length - 1][0] - Math.exp(-1));
    });
    for (const p of log2Ratios(errors)) {
      assert.ok(Math.abs(p - order) <= 0.3, `observed orders ${log2Ratios(errors).map((q) => q.toFixed(3))}`);
    }
  });
}

test("fixedStep agrees with behaviour: fixed-step entries without options.step throw naming step and the method; the others need none", () => {
  for (const name of fixed) {
    assert.throws(
      () => solveIVP(decay, [0, 1], [1], { method: name }),
      (e: unknown) =>
        e instanceof OdeArgumentError &&
        e.argument === "step" &&
        e.message === `invalid argument step: method ${name} is fixed-step and needs options.step (the step size)`,
    );
  }
  for (const name of adaptive) assert.equal(solveIVP(decay, [0, 1], [1], { method: name }).status, "success", name);
});

test("adaptive entries reach rtol-scale error on y' = −y: relative error at t = 1 ≤ 3 rtol for rtol 1e−4, 1e−6, 1e−8", () => {
  // Measured: at most 1.35 rtol (BS3); BDF 0.88 rtol; the higher orders far below. atol 1e−14 makes
  // the control relative. Tighter rtol must also give a smaller error.
  for (const name of adaptive) {
    const errors = [1e-4, 1e-6, 1e-8].map((rtol) => {
      const r = solveIVP(decay, [0, 1], [1], { method: name, rtol, atol: 1e-14 });
      assert.equal(r.status, "success");
      const rel = Math.abs(r.y[r.y.length - 1][0] - Math.exp(-1)) / Math.exp(-1);
      assert.ok(rel <= 3 * rtol, `${name}: relative error ${rel} at rtol ${rtol}`);
      return rel;
    });
    assert.ok(errors[2] < errors[0], `${name}: errors ${errors}`);
  }
});

test("dense output of every entry follows e^{−t} between steps: ≤ 5 rtol (adaptive), ≤ the step-end error (fixed step)", () => {
  // Measured worst relative errors over 201 points at rtol 1e−6: 2.3 rtol (BDF), 0.85 rtol (DOP853).
  for (const name of methodNames) {
    const m = info(name);
    const r = solveIVP(
      decay,
      [0, 1],
      [1],
      m.fixedStep ? { method: name, step: 0.05, dense: true } : { method: name, rtol: 1e-6, atol: 1e-14, dense: true },
    );
    assert.ok(r.sol, name);
    let worst = 0;
    for (let i = 0; i <= 200; i++) {
      const t = i / 200;
      worst = Math.max(worst, Math.abs(r.sol(t)[0] - Math.exp(-t)) / Math.exp(-t));
    }
    const stepEnds = Math.max(...r.t.map((t, i) => Math.abs(r.y[i][0] - Math.exp(-t)) / Math.exp(-t)));
    const bound = m.fixedStep ? 1.01 * stepEnds : 5e-6;
    assert.ok(worst <= bound, `${name} (${m.dense}): worst dense error ${worst}, bound ${bound}`);
  }
});

test("errorOrder agrees with behaviour: the first step's error estimate scales as h^(errorOrder + 1) (±0.3)", () => {
  // One attempt from y(0) = 1 with firstStep h and a fixed scale (rtol = atol = 1e−3): the local error
  // estimate is C h^(q+1) (HNW I, Sec. II.4). Measured exponents: BS3 2.96, DOPRI5/Tsit5/Auto 5.01,
  // DOP853 8.03, Rodas5 4.96, BDF (first step at order 1) 1.99.
  for (const name of adaptive) {
    const m = info(name);
    const steps = m.order >= 8 ? [0.2, 0.1, 0.05] : [0.1, 0.05, 0.025];
    const estimates = steps.map((h) => {
      const r = solveIVP(decay, [0, 1], [1], { method: name, firstStep: h, rtol: 1e-3, atol: 1e-3, recordSteps: true });
      const first = r.steps![0];
      assert.equal(first.h, h);
      return first.error;
    });
    const p = log2Ratios(estimates)[1];
    assert.ok(Math.abs(p - (m.errorOrder + 1)) <= 0.3, `${name}: exponent ${p.toFixed(3)}, errorOrder ${m.errorOrder}`);
  }
});

test("order agrees with behaviour: adaptive entries held at a constant step converge at the registry's order (±0.3); BDF reaches its highest order", () => {
  // Steps pinned by firstStep = maxStep with tolerances that never reject. Measured: BS3 3.03,
  // DOPRI5/Auto 5.06, Tsit5 5.17, DOP853 8.20, Rodas5 4.98. BDF changes order under error control
  // (it starts at 1), so its registry order, the highest, is checked from the orders its steps use.
  for (const name of adaptive) {
    const m = info(name);
    if (m.kind === "bdf") {
      const r = solveIVP(decay, [0, 10], [1], { method: name, rtol: 1e-10, atol: 1e-14, recordSteps: true });
      const orders = r.steps!.map((s) => s.order);
      assert.equal(Math.max(...orders), m.order, `${name}: step orders up to ${Math.max(...orders)}`);
      continue;
    }
    const steps = m.order >= 8 ? [0.5, 0.25, 0.125] : [0.1, 0.05, 0.025];
    const errors = steps.map((h) => {
      const r = solveIVP(decay, [0, 1], [1], {
        method: name,
        firstStep: h,
        maxStep: h,
        rtol: 1e10,
        atol: 1e10,
        recordSteps: true,
      });
      assert.ok(
        r.steps!.every((s) => s.accepted && s.order === m.order),
        `${name}: steps ${r.steps!.map((s) => `${s.order}${s.accepted ? "" : " rejected"}`)}`,
      );
      return Math.abs(r.y[r.y.length - 1][0] - Math.exp(-1));
    });
    const p = log2Ratios(errors)[1];
    assert.ok(Math.abs(p - m.order) <= 0.3, `${name}: observed order ${p.toFixed(3)}, registry ${m.order}`);
  }
});

test("stiff agrees with behaviour: on Prothero–Robinson (λ = −1e4) stiff entries call the Jacobian and step past stability, the others never call it", () => {
  // y' = λ(y − cos t) − sin t, y(0) = 1, exact cos t (Prothero & Robinson 1974). An explicit method's
  // step is held by its real stability interval (h|λ| ≤ 2.5–6.6 measured for BS3 … DOP853); a stiff
  // one's is not (measured max h|λ| 1100–1500). Auto switches to Rodas5 and then needs ∂f/∂y.
  const lambda = -1e4;
  const pr = (t: number, y: Float64Array, dy: Float64Array) => {
    dy[0] = lambda * (y[0] - Math.cos(t)) - Math.sin(t);
  };
  for (const name of adaptive) {
    const m = info(name);
    let calls = 0;
    const jacobian = (_t: number, _y: Float64Array, jac: Float64Array) => {
      calls++;
      jac[0] = lambda;
    };
    const r = solveIVP(pr, [0, 2], [1], { method: name, rtol: 1e-6, atol: 1e-9, jacobian, recordSteps: true });
    assert.equal(r.status, "success", name);
    assert.ok(Math.abs(r.y[r.y.length - 1][0] - Math.cos(2)) < 1e-5, `${name}: error at t = 2`);
    const reach = Math.max(...r.steps!.filter((s) => s.accepted && s.t > 0.1).map((s) => s.h * -lambda));
    if (m.stiff) {
      assert.ok(calls > 0 && r.stats.njev > 0, `${name}: ${calls} Jacobian calls, njev ${r.stats.njev}`);
      assert.ok(reach > 100, `${name}: max h|λ| ${reach}`);
    } else {
      assert.equal(calls, 0, name);
      assert.equal(r.stats.njev, 0, name);
      assert.ok(reach < 10, `${name}: max h|λ| ${reach}`);
    }
  }
});

test("methodInfo: unknown names and non-strings are typed errors naming the argument, the value and the registered names", () => {
  const known = methodNames.join(", ");
  for (const bad of ["RK45", "dopri5", "toString", "__proto__", ""]) {
    assert.throws(
      () => methodInfo(bad),
      (e: unknown) =>
        e instanceof OdeArgumentError &&
        e instanceof RangeError &&
        e.argument === "method" &&
        e.message === `invalid argument method: unknown method "${bad}"; expected one of ${known}`,
      bad,
    );
  }
  const typeError = (argument: string, got: string) => (e: unknown) =>
    e instanceof OdeTypeError &&
    e instanceof TypeError &&
    e.argument === argument &&
    e.message === `invalid argument ${argument}: expected a method name, got ${got}`;
  assert.throws(() => methodInfo(5), typeError("method", "number 5"));
  assert.throws(() => methodInfo(undefined), typeError("method", "undefined"));
  assert.throws(() => methodInfo(methods.RK4), typeError("method", "a Object"));
  assert.throws(
    () => methodInfo("rk4", "solver.method"),
    (e: unknown) =>
      e instanceof OdeArgumentError &&
      e.argument === "solver.method" &&
      e.message.startsWith('invalid argument solver.method: unknown method "rk4"'),
  );
  for (const name of methodNames) assert.equal(methodInfo(name), info(name));
  // The entry points answer with the registry's message.
  assert.throws(
    () => solveIVP(decay, [0, 1], [1], { method: "RK45" as never }),
    (e: unknown) => e instanceof OdeArgumentError && e.message.endsWith(`expected one of ${known}`),
  );
});

test("rateSensitivities: fixed-step entries are refused by the registry flag (no step option); adaptive ones give ∂y/∂k of A → B", () => {
  const net = reactions`A -> B, 0.7`;
  // y_A = e^{−kt}, ∂y_A/∂k = −t e^{−kt}; ∂y_B/∂k = t e^{−kt}.
  for (const name of adaptive) {
    const s = rateSensitivities(net, [1, 0], [0, 2], { tEval: [0.5, 1, 2], method: name });
    s.t.forEach((t, i) => {
      assert.ok(Math.abs(s.y[i][0] - Math.exp(-0.7 * t)) < 1e-6, `${name}: y_A(${t})`);
      assert.ok(Math.abs(s.S[i][0] + t * Math.exp(-0.7 * t)) < 1e-6, `${name}: ∂y_A/∂k(${t}) = ${s.S[i][0]}`);
      assert.ok(Math.abs(s.S[i][1] - t * Math.exp(-0.7 * t)) < 1e-6, `${name}: ∂y_B/∂k(${t})`);
    });
  }
  for (const name of fixed) {
    assert.throws(
      () => rateSensitivities(net, [1, 0], [0, 2], { tEval: [2], method: name }),
      (e: unknown) =>
        e instanceof OdeArgumentError &&
        e.argument === "method" &&
        e.message ===
          `invalid argument method: ${name} is fixed-step, but forward sensitivities are solved to rtol and atol; use one of ${adaptive.join(", ")}`,
    );
  }
});
