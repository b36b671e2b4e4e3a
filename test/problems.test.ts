import { test } from "node:test";
import assert from "node:assert/strict";
import { problemSet, robertson, hires, oregonator, brusselator, OdeArgumentError, chaos } from "../lib/index";
import type { OdeSystem, StandardProblem } from "../lib/index";
import {
  robertsonNetwork,
  hiresNetwork,
  oregoNetwork,
  brusselatorNetwork,
  type ReactionNetwork,
} from "../lib/systems/kinetics/index";
import { assertJacobianMatchesFD } from "./helpers/jacobianCheck";

// Each analytic Jacobian against central differences at y0 and at a perturbed state.
for (const [name, p] of Object.entries(problemSet)) {
  test(`${name}: analytic Jacobian matches central differences (rel. 1e-6)`, () => {
    const states = [
      Float64Array.from(p.y0),
      Float64Array.from(p.y0, (v, i) => v + 0.1 * (i + 1) * (Math.abs(v) + 0.05)),
    ];
    for (const y of states) assertJacobianMatchesFD(name, p.rhs, p.jacobian!, 0.3, y);
  });
}

test("rober: total concentration is conserved (Σ dy/dt = 0)", () => {
  const d = new Float64Array(3);
  problemSet.rober.rhs(0, Float64Array.from([0.3, 2e-5, 0.7]), d);
  assert.ok(Math.abs(d[0] + d[1] + d[2]) < 1e-15);
});

// ROBER, HIRES, OREGO and the Brusselator are defined once, as reaction networks; the problems
// wrap them with time span and reference. The problem's functions must be the network's, at the
// default and at other parameters (a wrapper passing them in the wrong order would show here).
test("rober, hires, orego, brusselator: rhs and Jacobian are the reaction network's, bit for bit", () => {
  const pairs: [StandardProblem, ReactionNetwork][] = [
    [robertson(), robertsonNetwork()],
    [robertson(0.1, 2e7, 5e3), robertsonNetwork(0.1, 2e7, 5e3)],
    [hires(), hiresNetwork()],
    [oregonator(), oregoNetwork()],
    [oregonator(50, 1e-4, 0.3), oregoNetwork(50, 1e-4, 0.3)],
    [brusselator(), brusselatorNetwork()],
    [brusselator(2, 5.5), brusselatorNetwork(2, 5.5)],
  ];
  for (const [p, net] of pairs) {
    assert.equal(p.n, net.n, p.name);
    for (let s = 0; s < 3; s++) {
      const y = Float64Array.from(p.y0, (v, i) => v + 0.1 * (s + i + 1));
      const [a, b] = [new Float64Array(p.n), new Float64Array(p.n)];
      const [A, B] = [new Float64Array(p.n * p.n), new Float64Array(p.n * p.n)];
      p.rhs(0, y, a);
      net.rhs(0, y, b);
      p.jacobian(0, y, A);
      net.jacobian(0, y, B);
      assert.deepEqual(a, b, `${p.name} ${JSON.stringify(p.params)} rhs`);
      assert.deepEqual(A, B, `${p.name} ${JSON.stringify(p.params)} Jacobian`);
    }
  }
  assert.deepEqual(problemSet.rober.params, { k1: 0.04, k2: 3e7, k3: 1e4 });
  assert.deepEqual(oregonator(50, 1e-4, 0.3).params, { s: 50, q: 1e-4, w: 0.3 });
});

test("the network-defined problems check their buffers: wrong length a RangeError, no buffer a TypeError", () => {
  const { rhs, jacobian } = problemSet.rober;
  const y = Float64Array.from([1, 0, 0]);
  assert.throws(
    () => rhs(0, new Float64Array(4), new Float64Array(3)),
    (e: Error) => e instanceof OdeArgumentError && /invalid argument y: rhs expects length 3 .*got 4/.test(e.message),
  );
  assert.throws(
    () => rhs(0, y, new Float64Array(2)),
    (e: Error) => e instanceof RangeError && /invalid argument dydt: .*got 2/.test(e.message),
  );
  assert.throws(
    () => jacobian(0, y, new Float64Array(3)),
    (e: Error) =>
      e instanceof OdeArgumentError && /invalid argument J: jacobian expects length 9 .*got 3/.test(e.message),
  );
  assert.throws(
    () => problemSet.hires.rhs(0, undefined as unknown as Float64Array, new Float64Array(8)),
    (e: Error) =>
      e instanceof TypeError && /invalid argument y: rhs expects a Float64Array of length 8/.test(e.message),
  );
});

test("every problem is an OdeSystem: the chaos and kinetics systems share the type", () => {
  const systems: OdeSystem[] = [problemSet.lorenz, robertsonNetwork(), chaos.lorenz63()];
  // chaos.lorenz63 is the problem set's Lorenz system behind buffer checks: the same numbers.
  const y = Float64Array.from([1.5, -2, 20]);
  const [a, b] = [new Float64Array(3), new Float64Array(3)];
  systems[0].rhs(0, y, a);
  systems[2].rhs(0, y, b);
  assert.deepEqual(a, b);
  for (const s of systems) assert.equal(s.n, 3);
});
