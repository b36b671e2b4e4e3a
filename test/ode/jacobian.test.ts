import { test } from "node:test";
import assert from "node:assert/strict";
import { solveIVP, problemSet, JacobianMismatchError, OdeArgumentError } from "../../lib/index";
import type { MethodName } from "../../lib/index";
import { differenceIncrements, groupedDifferenceJacobian, finiteDifferenceJacobian } from "../../lib/ode/jacobian";
import { DenseIterationMatrix } from "../../lib/ode/linalg/iterationMatrix";
import { denseGroups } from "../../lib/ode/sparsity/columnGroups";
import { countedRhs, emptyStats } from "../../lib/ode/rhs";
import { polluNetwork, polluY0, polluReference60 } from "../../lib/systems/kinetics/standard";

const rober = problemSet.rober;
// ROBER at t = 1e11: the IVP test set's reference (Mazzia & Magherini, "Test Set for IVP
// Solvers", release 2.4, problem ROBER), y₂ ≈ 8e-14.
const rober1e11 = [0.2083340149701255e-7, 0.8333360770334713e-13, 0.999999979166505];

test("difference increments follow the error weights: ROBER's ∂f/∂y at t = 1e11 to 1e-8, where the fixed rule is 280× off", () => {
  const stats = emptyStats();
  const f = countedRhs(rober.rhs, 3, stats);
  const y = Float64Array.from(rober1e11);
  const f0 = new Float64Array(3);
  f(0, y, f0);
  const exact = new Float64Array(9);
  rober.jacobian(0, y, exact);
  const delta = differenceIncrements(y, f0, 1e10, 1e-10, new Float64Array(3).fill(1e-16), new Float64Array(3));
  // Each increment is below its component (√u·|y_j| here), not the fixed √(u·1e-5) ≈ 5e-11 ≫ y₂.
  delta.forEach((d, j) => assert.ok(d > 0 && d <= 1e-7 * y[j], `δ_${j} = ${d} for y_${j} = ${y[j]}`));
  const m = new DenseIterationMatrix(3);
  groupedDifferenceJacobian(f, 0, y, f0, delta, m, denseGroups(3), new Float64Array(3), new Float64Array(3));
  const old = new Float64Array(9);
  finiteDifferenceJacobian(f, 0, y, f0, old, new Float64Array(3), stats);
  for (let p = 0; p < 9; p++) {
    const rel = Math.abs(m.jac[p] - exact[p]) / Math.max(Math.abs(exact[p]), 1e-300);
    assert.ok(exact[p] === 0 ? m.jac[p] === 0 : rel < 1e-8, `entry ${p}: ${m.jac[p]} vs ${exact[p]}`);
  }
  // ∂f₃/∂y₂ = 6e7·y₂ = 5e-6: the fixed rule's increment swamps y₂ and the quotient is 3e7·δ.
  assert.ok(Math.abs(old[7] - exact[7]) / exact[7] > 100, `fixed rule ∂f3/∂y2 = ${old[7]} vs ${exact[7]}`);
});

test("with atol = 0 and y_j = 0 the increment falls back to √u (never 0)", () => {
  const d = differenceIncrements(
    Float64Array.from([0, 2]),
    Float64Array.from([1, 1]),
    0.1,
    1e-6,
    new Float64Array(2),
    new Float64Array(2),
  );
  assert.equal(d[0], Math.sqrt(Number.EPSILON));
  assert.ok(d[1] > 0);
});

for (const method of ["Rodas5", "BDF"] as MethodName[]) {
  test(`${method} without a Jacobian: ROBER to t = 1e11 at rtol 1e-10 matches the test-set reference (1e-6) in ≤ 1.05× the analytic run's steps`, () => {
    const rtol = 1e-10;
    const opts = { method, rtol, atol: 1e-16, tEval: [1e11] };
    const fd = solveIVP(rober.rhs, [0, 1e11], rober.y0, opts);
    const an = solveIVP(rober.rhs, [0, 1e11], rober.y0, { ...opts, jacobian: rober.jacobian });
    assert.equal(fd.status, "success", fd.message);
    // Measured: Rodas5 2.9e-9 (it was 6e-4 with the fixed increments, in 18× the steps), BDF 3.5e-8.
    rober1e11.forEach((r, i) =>
      assert.ok(Math.abs(fd.y[0][i] - r) / r < 1e-6, `y${i + 1} = ${fd.y[0][i]} vs reference ${r}`),
    );
    assert.ok(
      fd.stats.nsteps <= 1.05 * an.stats.nsteps,
      `steps: ${fd.stats.nsteps} by differences, ${an.stats.nsteps} analytic`,
    );
  });
}

function peerError(y: Float64Array, ref: number[], rtol: number, atol: number): number {
  return Math.max(...ref.map((r, i) => Math.abs(y[i] - r) / (Math.abs(r) + atol / rtol)));
}

for (const method of ["Rodas5", "BDF"] as MethodName[]) {
  // BDF at rtol 1e-10 stalls on Van der Pol (μ = 1000) with the analytic Jacobian too (step size
  // underflow at t ≈ 807, as before these changes), so it is held to 1e-9.
  const rtol = method === "Rodas5" ? 1e-10 : 1e-9;
  for (const name of ["rober", "hires", "vdp_stiff", "orego"] as const) {
    test(`${method} without a Jacobian: ${name} at rtol ${rtol} reaches the reference (peer error < 1e-6) in ≤ 1.05× the analytic run's steps`, () => {
      const p = problemSet[name];
      const atol = p.atolFor(rtol);
      const opts = { method, rtol, atol, tEval: [p.tSpan[1]] };
      const fd = solveIVP(p.rhs, p.tSpan, p.y0, opts);
      const an = solveIVP(p.rhs, p.tSpan, p.y0, { ...opts, jacobian: p.jacobian });
      assert.equal(fd.status, "success", fd.message);
      // Measured peer errors ≤ 3.4e-9 (Rodas5) and ≤ 2.2e-7 (BDF); step ratios ≤ 1.011.
      const err = peerError(fd.y[0], p.referenceFinal, rtol, atol);
      assert.ok(err < 1e-6, `peer error ${err.toExponential(2)}`);
      assert.ok(fd.stats.nsteps <= 1.05 * an.stats.nsteps, `steps ${fd.stats.nsteps} vs ${an.stats.nsteps}`);
    });
  }
}

test("POLLU (20 species, kinetics DSL) without a Jacobian: Rodas5 at rtol 1e-10 and BDF at 1e-9 match the test-set state at t = 60 (rel. 1e-6) in ≤ 1.05× the analytic steps", () => {
  const net = polluNetwork();
  for (const [method, rtol] of [
    ["Rodas5", 1e-10],
    ["BDF", 1e-9],
  ] as const) {
    const opts = { method, rtol, atol: 1e-14, tEval: [60] };
    const fd = solveIVP(net.rhs, [0, 60], polluY0, opts);
    const an = solveIVP(net.rhs, [0, 60], polluY0, { ...opts, jacobian: net.jacobian });
    assert.equal(fd.status, "success", fd.message);
    // Measured peer errors 3.0e-11 (Rodas5), 2.1e-9 (BDF); steps 441/441 and 567/561.
    const err = peerError(fd.y[0], polluReference60, rtol, 1e-14);
    assert.ok(err < 1e-6, `${method}: peer error ${err.toExponential(2)}`);
    assert.ok(fd.stats.nsteps <= 1.05 * an.stats.nsteps, `${method}: steps ${fd.stats.nsteps} vs ${an.stats.nsteps}`);
  }
});

test("a wrong Jacobian is caught: y' = y with J = 1000 throws JacobianMismatchError naming the entry, both values and t", () => {
  const f = (_t: number, y: Float64Array) => [y[0]];
  const wrong = (_t: number, _y: Float64Array, J: Float64Array) => {
    J[0] = 1000;
  };
  // Unchecked, Rodas5 returns a wrong y(1) with status success (the 1.18 for e = 2.718).
  const silent = solveIVP(f, [0, 1], [1], { method: "Rodas5", jacobian: wrong, checkJacobian: false });
  assert.equal(silent.status, "success");
  assert.ok(Math.abs(silent.y[silent.y.length - 1][0] - Math.E) > 1, `unchecked y(1) = ${silent.y.at(-1)![0]}`);
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    assert.throws(
      () => solveIVP(f, [0, 1], [1], { method, jacobian: wrong }),
      (e: unknown) => {
        assert.ok(e instanceof JacobianMismatchError && e instanceof OdeArgumentError && e instanceof RangeError);
        assert.equal(e.row, 0);
        assert.equal(e.column, 0);
        assert.equal(e.t, 0);
        assert.equal(e.analytic, 1000);
        assert.ok(Math.abs(e.finiteDifference - 1) < 1e-8, `FD ${e.finiteDifference}`);
        assert.match(
          e.message,
          /^invalid argument jacobian: at t=0 entry \(row 0, column 0\) is 1000 but central differences of f give 1/,
        );
        return true;
      },
    );
  }
});

test("ROBER with any one nonzero Jacobian entry's sign flipped: the check names that entry (Rodas5, BDF, rtol 1e-6)", () => {
  // Entries 6 and 8 (∂f₃/∂y₁, ∂f₃/∂y₃) are identically 0; every other one is checked at some
  // evaluation 1, 2, 4, 8, … (at t = 0, y₂ = y₃ = 0 and most entries vanish).
  const reference = solveIVP(rober.rhs, rober.tSpan, rober.y0, {
    method: "Rodas5",
    rtol: 1e-10,
    atol: 1e-16,
    jacobian: rober.jacobian,
    tEval: [rober.tSpan[1]],
  }).y[0];
  for (const method of ["Rodas5", "BDF"] as MethodName[]) {
    for (const entry of [0, 1, 2, 3, 4, 5, 7]) {
      const flipped = (t: number, y: Float64Array, J: Float64Array) => {
        rober.jacobian(t, y, J);
        J[entry] = -J[entry];
      };
      const opts = { method, rtol: 1e-6, atol: 1e-14, jacobian: flipped, tEval: [rober.tSpan[1]] };
      if (method === "Rodas5" && entry === 0) {
        // Unchecked, the answer is silently wrong (the issue: 4.6e-4 for one flip at rtol 1e-6).
        const silent = solveIVP(rober.rhs, rober.tSpan, rober.y0, { ...opts, checkJacobian: false });
        assert.equal(silent.status, "success");
        const dev = Math.abs(silent.y[0][0] - reference[0]) / reference[0];
        assert.ok(dev > 1e-3, `unchecked deviation ${dev}`);
      }
      assert.throws(
        () => solveIVP(rober.rhs, rober.tSpan, rober.y0, opts),
        (e: unknown) =>
          e instanceof JacobianMismatchError &&
          e.row * 3 + e.column === entry &&
          Math.sign(e.analytic) === -Math.sign(e.finiteDifference) &&
          new RegExp(`entry \\(row ${e.row}, column ${e.column}\\)`).test(e.message),
        `${method}, entry ${entry} flipped`,
      );
    }
  }
});

test("the check accepts correct Jacobians, a one-sided derivative at a kink, and f undefined on one side; 'always' and false", () => {
  for (const name of ["rober", "hires", "vdp_stiff", "orego"] as const) {
    const p = problemSet[name];
    const r = solveIVP(p.rhs, p.tSpan, p.y0, {
      method: "Rodas5",
      rtol: 1e-6,
      atol: p.atolFor(1e-6),
      jacobian: p.jacobian,
      checkJacobian: "always",
    });
    assert.equal(r.status, "success", `${name}: ${r.message}`);
  }
  // y' = −1000·max(y, 0) from y = 0: the user's ∂f/∂y = 0 (left derivative) and −1000 (right)
  // are both right; the central difference (−500) alone would call them wrong.
  for (const slope of [0, -1000]) {
    const r = solveIVP((_t, y) => [-1000 * Math.max(y[0], 0)], [0, 1], [0], {
      method: "Rodas5",
      jacobian: (_t, _y, J) => {
        J[0] = slope;
      },
      checkJacobian: "always",
    });
    assert.equal(r.status, "success");
  }
  // f = −y^1.5 at y = 0 is undefined for y < 0: the central and backward quotients are NaN and
  // the forward ones judge alone — accepting ∂f/∂y = −1.5√y = 0, rejecting −1.
  const powerLaw = (_t: number, y: Float64Array) => [-y[0] * Math.sqrt(y[0])];
  for (const slope of [0, -1]) {
    const solve = () =>
      solveIVP(powerLaw, [0, 1], [0], {
        method: "Rodas5",
        jacobian: (_t, y, J) => {
          J[0] = slope === 0 ? -1.5 * Math.sqrt(y[0]) : slope;
        },
        checkJacobian: "always",
      });
    if (slope === 0) assert.equal(solve().status, "success");
    else assert.throws(solve, /entry \(row 0, column 0\) is -1 but central differences of f give NaN/);
  }
  // checkJacobian: true costs 4 evaluations per column at evaluations 1, 2, 4, …; false none.
  const base = { method: "Rodas5" as const, rtol: 1e-6, atol: 1e-14, jacobian: rober.jacobian };
  const on = solveIVP(rober.rhs, rober.tSpan, rober.y0, base);
  const off = solveIVP(rober.rhs, rober.tSpan, rober.y0, { ...base, checkJacobian: false });
  const checks = Math.floor(Math.log2(on.stats.njev)) + 1;
  assert.equal(on.stats.nfev - off.stats.nfev, checks * 4 * 3);
  assert.deepEqual(on.y.at(-1), off.y.at(-1));
  assert.throws(
    () => solveIVP(rober.rhs, rober.tSpan, rober.y0, { ...base, checkJacobian: "sometimes" as never }),
    (e: unknown) =>
      e instanceof TypeError && /checkJacobian: expected true, false or "always", got sometimes/.test(String(e)),
  );
});

test("a NaN in the Jacobian is reported with its entry and t (status nonFinite), not as a singular iteration matrix", () => {
  const f = (_t: number, y: Float64Array, d: Float64Array) => {
    d[0] = -y[0] + y[1];
    d[1] = -100 * y[1];
  };
  // Rodas5 evaluates J every step (NaN from t > 0.1); BDF reuses its first J on this linear
  // problem, so there the NaN is there from t = 0.
  for (const [method, tNaN, at] of [
    ["Rodas5", 0.1, /t=0\.[1-9]/],
    ["BDF", -1, /t=0$/],
  ] as const) {
    const r = solveIVP(f, [0, 1], [1, 1], {
      method,
      jacobian: (t, _y, J) => {
        J[0] = -1;
        J[1] = 1;
        J[2] = t > tNaN ? NaN : 0;
        J[3] = -100;
      },
      checkJacobian: false,
    });
    assert.equal(r.status, "nonFinite", `${method}: ${r.status} ${r.message}`);
    assert.match(r.message, /^analytic Jacobian entry \(row 1, column 0\) is NaN at /);
    assert.match(r.message, at);
  }
  // A finite-difference column that meets a non-finite f names the column too.
  const g = (_t: number, y: Float64Array, d: Float64Array) => {
    d[0] = y[0] > 1 + 1e-12 ? NaN : -y[0];
  };
  const r = solveIVP(g, [0, 1], [1], { method: "Rodas5" });
  assert.equal(r.status, "nonFinite");
  assert.match(r.message, /^finite-difference Jacobian entry \(row 0, column 0\) is NaN at t=0$/);
});

test("the default check takes 8 columns at a time, in turn: 32 evaluations per check on a 20-dimensional system, and column 15 is judged at the second check", () => {
  const n = 20;
  // y_i' = −(i + 1)·y_i + 0.1·y_{(i+1) mod n}·cos t: a dense-storage system with a known Jacobian.
  const f = (t: number, y: Float64Array, d: Float64Array) => {
    for (let i = 0; i < n; i++) d[i] = -(i + 1) * y[i] + 0.1 * Math.cos(t) * y[(i + 1) % n];
  };
  const jac = (wrong: boolean) => (t: number, _y: Float64Array, J: Float64Array) => {
    J.fill(0);
    for (let i = 0; i < n; i++) {
      J[i * n + i] = -(i + 1);
      J[i * n + ((i + 1) % n)] = 0.1 * Math.cos(t);
    }
    if (wrong) J[3 * n + 15] = 0.5; // truly 0
  };
  const y0 = Array.from({ length: n }, (_, i) => 1 + i / n);
  const base = { method: "Rodas5" as const, rtol: 1e-8, atol: 1e-10 };
  const on = solveIVP(f, [0, 1], y0, { ...base, jacobian: jac(false) });
  const off = solveIVP(f, [0, 1], y0, { ...base, jacobian: jac(false), checkJacobian: false });
  const checks = Math.floor(Math.log2(on.stats.njev)) + 1;
  assert.equal(on.stats.nfev - off.stats.nfev, checks * 4 * 8);
  assert.throws(
    () => solveIVP(f, [0, 1], y0, { ...base, jacobian: jac(true) }),
    (e: unknown) => e instanceof JacobianMismatchError && e.row === 3 && e.column === 15 && e.t > 0,
  );
  // "always" judges every column at the first evaluation (t = 0).
  assert.throws(
    () => solveIVP(f, [0, 1], y0, { ...base, jacobian: jac(true), checkJacobian: "always" }),
    (e: unknown) => e instanceof JacobianMismatchError && e.t === 0,
  );
});
