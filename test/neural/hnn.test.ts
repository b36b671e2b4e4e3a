import { test } from "node:test";
import assert from "node:assert/strict";
import { HamiltonianNetwork } from "../../lib/neural/index";
import { solveIVP } from "../../lib/index";
import { mulberry32 } from "../../lib/random/index";

// Samples of the pendulum H = p²/2 − cos q and their exact derivatives.
const ys = Array.from({ length: 60 }, (_, s) => [1.2 * Math.sin(0.37 * s), 1.1 * Math.cos(0.23 * s)]);
const dydt = ys.map(([q, p]) => [p, -Math.sin(q)]);

test("Hamiltonian network: the loss gradient (through ∇_y H) matches central differences (rel. 1e-6)", () => {
  const hnn = new HamiltonianNetwork({ dim: 2, hidden: 6, seed: 3 });
  const params = [hnn.W1, hnn.b1, hnn.w2];
  const grads = params.map((p) => new Float64Array(p.length));
  hnn.lossAndGradient(ys, dydt, grads);
  const scratch = params.map((p) => new Float64Array(p.length));
  params.forEach((p, a) => {
    for (let i = 0; i < p.length; i++) {
      const keep = p[i];
      p[i] = keep + 1e-6;
      const lp = hnn.lossAndGradient(ys, dydt, scratch);
      p[i] = keep - 1e-6;
      const lm = hnn.lossAndGradient(ys, dydt, scratch);
      p[i] = keep;
      const fd = (lp - lm) / 2e-6;
      assert.ok(
        Math.abs(fd - grads[a][i]) <= 1e-6 * Math.max(1, Math.abs(fd)),
        `param ${a}[${i}]: ${grads[a][i]} vs FD ${fd}`,
      );
    }
  });
});

test("Hamiltonian network learns the pendulum field and its flow conserves the learned energy (1e-8 rel.)", async () => {
  const hnn = new HamiltonianNetwork({ dim: 2, hidden: 16, seed: 1 });
  const losses = await hnn.fit(ys, dydt, { iterations: 1500, learningRate: 2e-2 });
  assert.ok(losses[losses.length - 1] < 0.01 * losses[0], `loss ${losses[0]} → ${losses[losses.length - 1]}`);
  const sol = solveIVP(hnn.rhs, [0, 30], [1, 0], { method: "DOP853", rtol: 1e-12, atol: 1e-12 });
  const E0 = hnn.energy([1, 0]);
  for (const y of sol.y) assert.ok(Math.abs(hnn.energy(y) - E0) <= 1e-8 * Math.max(1, Math.abs(E0)));
});

test("Hamiltonian network: W1, b1, w2 are views into one θ (so one Adam steps them), drawn N(0, std²) by Box–Muller in order", () => {
  const hnn = new HamiltonianNetwork({ dim: 4, hidden: 5, seed: 8, initStd: 0.3 });
  assert.equal(hnn.theta.length, 5 * 4 + 5 + 5);
  for (const [view, offset] of [
    [hnn.W1, 0],
    [hnn.b1, 20],
    [hnn.w2, 25],
  ] as const) {
    assert.equal(view.buffer, hnn.theta.buffer);
    assert.equal(view.byteOffset, offset * 8);
  }
  const rand = mulberry32(8);
  hnn.theta.forEach((w, i) => {
    const u1 = rand();
    const u2 = rand();
    const expected = 0.3 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    assert.ok(Math.abs(w - expected) <= 1e-15, `θ${i} = ${w}, Box–Muller gives ${expected}`);
  });
  hnn.w2[0] = 42;
  assert.equal(hnn.theta[25], 42);
});
