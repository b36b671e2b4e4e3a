import { test } from "node:test";
import assert from "node:assert/strict";
import { jacobianSpectrum } from "../../lib/analysis/spectrum";
import { robertson } from "../../lib/problems/robertson";

const k1 = 0.04;
const k2 = 3e7;
const k3 = 1e4;

/** ROBER's Jacobian by hand (HNW II, Sec. IV.1, eq. 1.4). */
function handJacobian(y: number[]): number[][] {
  return [
    [-k1, k3 * y[2], k3 * y[1]],
    [k1, -k3 * y[2] - 2 * k2 * y[1], -k3 * y[1]],
    [0, 2 * k2 * y[1], 0],
  ];
}

/**
 * Its nonzero eigenvalues: the columns sum to zero (y1 + y2 + y3 is conserved), so det J = 0 and
 * the other two are the roots of λ² − tr(J) λ + M₂, M₂ the sum of the principal 2×2 minors.
 */
function handEigenvalues(y: number[]): [number, number] {
  const J = handJacobian(y);
  const tr = J[0][0] + J[1][1] + J[2][2];
  const m2 =
    J[0][0] * J[1][1] -
    J[0][1] * J[1][0] +
    (J[0][0] * J[2][2] - J[0][2] * J[2][0]) +
    (J[1][1] * J[2][2] - J[1][2] * J[2][1]);
  const d = Math.sqrt(tr * tr - 4 * m2);
  // The small root from m2 / large root (no cancellation).
  const big = (tr - d) / 2;
  return [m2 / big, big];
}

test("ROBER at t = 0, y = (1, 0, 0): J = [[−k1,0,0],[k1,0,0],[0,0,0]] by hand, eigenvalues −k1, 0, 0; stiffness ratio 1 (the zeros of the conservation law left out)", () => {
  const p = robertson();
  const s = jacobianSpectrum(p.jacobian, 3, [0], [[1, 0, 0]]);
  assert.deepEqual(
    s.re[0].map((v) => Math.abs(v)),
    [0, 0, k1],
  );
  assert.equal(s.stiffnessRatio[0], 1);
});

test("ROBER at states along its solution: eigenvalues equal the hand Jacobian's roots (large 1e-12, small 1e-8 relative: QR resolves it to ε·|λ_big|), stiffness ratio λ_big/λ_small (1e-8)", () => {
  const p = robertson();
  const states = [
    [0.99, 3.5e-5, 0.009965],
    [0.9, 3.6e-5, 0.099964],
    [0.5, 1.8e-5, 0.499982],
  ];
  const s = jacobianSpectrum(p.jacobian, 3, [1, 40, 1000], states);
  states.forEach((y, k) => {
    const [small, big] = handEigenvalues(y);
    const re = s.re[k];
    // descending: ≈0, small, big
    assert.ok(Math.abs(re[0]) < 1e-9 * Math.abs(big), `zero eigenvalue ${re[0]}`);
    assert.ok(Math.abs(re[1] - small) <= 1e-8 * Math.abs(small), `small ${re[1]} vs ${small}`);
    assert.ok(Math.abs(re[2] - big) <= 1e-12 * Math.abs(big), `big ${re[2]} vs ${big}`);
    const ratio = s.stiffnessRatio[k] as number;
    assert.ok(Math.abs(ratio - big / small) <= 1e-8 * (big / small), `ratio ${ratio} vs ${big / small}`);
    assert.ok(ratio > 1e3, `ROBER is stiff: ratio ${ratio}`);
  });
});

test("no eigenvalue with Re λ < 0: the ratio is null, not NaN; the Jacobian is called with each (t, y)", () => {
  const seen: number[] = [];
  const s = jacobianSpectrum(
    (t, y, J) => {
      seen.push(t, y[0]);
      J[0] = 1;
      J[3] = 2;
    },
    2,
    [0.5, 1.5],
    [new Float64Array([3, 0]), [4, 0]],
  );
  assert.deepEqual(s.stiffnessRatio, [null, null]);
  assert.deepEqual(seen, [0.5, 3, 1.5, 4]);
  assert.deepEqual(s.re[0], [2, 1]);
});

test("bad input: typed errors naming the argument, the value and where", () => {
  const J = robertson().jacobian;
  assert.throws(() => jacobianSpectrum(J, 3, [0, 1], [[1, 0, 0]]), {
    name: "OdeArgumentError",
    message: /invalid argument y: has 1 states, t has 2 times/,
  });
  assert.throws(() => jacobianSpectrum(J, 3, [0], [[1, 0]]), {
    name: "OdeArgumentError",
    message: /y\[0\]: has 2 entries, expected n = 3/,
  });
  assert.throws(() => jacobianSpectrum(J, 3, [NaN], [[1, 0, 0]]), {
    name: "OdeArgumentError",
    message: /t: entry 0 is not a finite number \(number NaN\)/,
  });
  assert.throws(() => jacobianSpectrum(J, 3, [0], [[1, NaN, 0]]), {
    name: "OdeArgumentError",
    message: /y\[0\]: component 1 is not finite/,
  });
  assert.throws(() => jacobianSpectrum(J, 3, 5 as never, []), {
    name: "OdeTypeError",
    message: /invalid argument t: expected an array of times, got number 5/,
  });
  assert.throws(() => jacobianSpectrum((_t, _y, M) => (M[1] = NaN), 2, [2.5], [[0, 0]]), {
    name: "OdeArgumentError",
    message: /jacobian at t = 2.5: entry \(0, 1\) is not finite \(NaN\)/,
  });
});
