import { test } from "node:test";
import assert from "node:assert/strict";
import { fgsm, pgd } from "../../lib/analysis/adversarial";
import { linearField64 } from "../../lib/analysis/linearField64";
import { flowMapSigmaMax } from "../../lib/analysis/flowMapNorm";
import { OdeArgumentError } from "../../lib/ode/errors";
import { mlp64 } from "../../lib/neural/fields/mlp64";

const tight = { method: "DOPRI5" as const, rtol: 1e-11, atol: 1e-13 };

/** A = Q diag(0.3, −0.5) Qᵀ, Q a rotation by 0.6: Φ(T) = Q diag(e^{0.3T}, e^{−0.5T}) Qᵀ, σ_max = e^{0.3T}, v₁ = Q e₁. */
const c = Math.cos(0.6);
const s = Math.sin(0.6);
const D = [0.3, -0.5];
const Q = [
  [c, -s],
  [s, c],
];
const Asym = [0, 1].flatMap((i) => [0, 1].map((j) => D[0] * Q[i][0] * Q[j][0] + D[1] * Q[i][1] * Q[j][1]));

/** Upper triangular A = [[a, b], [0, d]]: e^{AT} = [[e^{aT}, b(e^{aT} − e^{dT})/(a − d)], [0, e^{dT}]]. */
function triangularFlow(a: number, b: number, d: number, T: number): number[][] {
  return [
    [Math.exp(a * T), (b * (Math.exp(a * T) - Math.exp(d * T))) / (a - d)],
    [0, Math.exp(d * T)],
  ];
}
/** σ_max and the top right-singular vector of a 2×2 matrix from the eigen-decomposition of ΦᵀΦ (closed form). */
function top2(P: number[][]): { sigma: number; v: [number, number] } {
  const m00 = P[0][0] ** 2 + P[1][0] ** 2;
  const m01 = P[0][0] * P[0][1] + P[1][0] * P[1][1];
  const m11 = P[0][1] ** 2 + P[1][1] ** 2;
  const tr = m00 + m11;
  const det = m00 * m11 - m01 * m01;
  const l = tr / 2 + Math.sqrt((tr * tr) / 4 - det);
  const v: [number, number] = Math.abs(m01) > 0 ? [m01, l - m00] : m00 >= m11 ? [1, 0] : [0, 1];
  const nv = Math.hypot(...v);
  return { sigma: Math.sqrt(l), v: [v[0] / nv, v[1] / nv] };
}
/** ‖Φ‖_{∞→2} = max over sign vectors of ‖Φ s‖₂ (a convex function's maximum over the cube is at a vertex). */
const infTo2 = (P: number[][]) =>
  Math.max(
    ...[
      [1, 1],
      [1, -1],
    ].map(([a, b]) => Math.hypot(P[0][0] * a + P[0][1] * b, P[1][0] * a + P[1][1] * b)),
  );
const apply = (P: number[][], d: Float64Array) =>
  Math.hypot(P[0][0] * d[0] + P[0][1] * d[1], P[1][0] * d[0] + P[1][1] * d[1]);

test("PGD ℓ2 on y' = Ay: the optimum ε·σ_max(e^{AT}) along the top right-singular vector (1e-6 relative), for a normal and a non-normal A; ratio to ftle's σ_max·‖δ‖ = 1 (1e-6)", () => {
  const eps = 0.05;
  const T = 2;
  const cases = [
    {
      A: Asym,
      P: [0, 1].map((i) =>
        [0, 1].map((j) => Math.exp(D[0] * T) * Q[i][0] * Q[j][0] + Math.exp(D[1] * T) * Q[i][1] * Q[j][1]),
      ),
    },
    { A: [-1, 5, 0, -2], P: triangularFlow(-1, 5, -2, T) },
  ];
  for (const { A, P } of cases) {
    const field = linearField64(A, 2);
    const y0 = Float64Array.from([0.7, -0.4]);
    const { sigma, v } = top2(P);
    const r = pgd(field, y0, { epsilon: eps, T, seed: 11, norm: "l2", steps: 60, stepSize: eps, solver: tight });
    assert.ok(Math.abs(r.change / (eps * sigma) - 1) < 1e-6, `change ${r.change} vs ε·σ ${eps * sigma}`);
    assert.ok(Math.abs(r.deltaNorm2 - eps) < 1e-12 * eps, `‖δ‖₂ ${r.deltaNorm2}`);
    const cos = Math.abs(r.delta[0] * v[0] + r.delta[1] * v[1]) / eps;
    assert.ok(1 - cos < 1e-6, `alignment with v₁: ${cos}`);
    assert.ok(Math.abs(r.sigmaMax / sigma - 1) < 1e-7, `ftle σ_max ${r.sigmaMax} vs ${sigma}`);
    assert.ok(Math.abs(r.ratio - 1) < 1e-6, `ratio ${r.ratio}`);
    assert.ok(r.history.length === 60 && r.solves === 62);
  }
});

test("FGSM: ‖δ‖∞ = ε, change = ‖Φδ‖ (1e-8) ≤ ε‖Φ‖_{∞→2}; PGD ℓ∞ ≥ FGSM and ≤ ε‖Φ‖_{∞→2}; a seed gives the same δ twice", () => {
  const eps = 0.1;
  const T = 1;
  const P = triangularFlow(-1, 5, -2, T);
  const field = linearField64([-1, 5, 0, -2], 2);
  const y0 = Float64Array.from([1, 1]);
  const bound = eps * infTo2(P);
  for (const seed of [1, 2, 3]) {
    const f = fgsm(field, y0, { epsilon: eps, T, seed, solver: tight });
    assert.equal(f.deltaNormInf, eps);
    assert.ok(
      Math.abs(f.change - apply(P, f.delta)) < 1e-8 * f.change,
      `change ${f.change} vs ‖Φδ‖ ${apply(P, f.delta)}`,
    );
    assert.ok(f.change <= bound * (1 + 1e-9), `FGSM ${f.change} > ${bound}`);
    const p = pgd(field, y0, { epsilon: eps, T, seed, norm: "linf", steps: 10, solver: tight });
    assert.ok(p.deltaNormInf <= eps * (1 + 1e-15));
    assert.ok(p.change >= f.change * (1 - 1e-9), `seed ${seed}: PGD ${p.change} < FGSM ${f.change}`);
    assert.ok(p.change <= bound * (1 + 1e-9), `PGD ${p.change} > ${bound}`);
    assert.ok(p.ratio <= 1 + 1e-6, `ratio ${p.ratio}`);
    assert.deepEqual(
      Array.from(pgd(field, y0, { epsilon: eps, T, seed, norm: "linf", steps: 10, solver: tight }).delta),
      Array.from(p.delta),
    );
  }
});

test("flowMapSigmaMax of a linear Field64 is ‖e^{AT}‖₂ (1e-8); bad arguments name themselves", () => {
  const T = 1.5;
  const field = linearField64([-1, 5, 0, -2], 2);
  const sig = flowMapSigmaMax(field, Float64Array.from([0.2, 0.1]), T, tight);
  assert.ok(Math.abs(sig / top2(triangularFlow(-1, 5, -2, T)).sigma - 1) < 1e-8, `${sig}`);
  const y0 = Float64Array.from([1, 1]);
  const bad = (f: () => unknown, arg: string) =>
    assert.throws(f, (e: unknown) => e instanceof OdeArgumentError && e.argument === arg, arg);
  bad(() => fgsm(field, y0, { epsilon: 0, T: 1, seed: 1 }), "options.epsilon");
  bad(() => fgsm(field, Float64Array.from([1, 2, 3]), { epsilon: 0.1, T: 1, seed: 1 }), "y0");
  bad(() => pgd(field, y0, { epsilon: 0.1, T: 1, seed: 1, norm: "l1" as "l2" }), "options.norm");
  bad(() => pgd(field, y0, { epsilon: 0.1, T: 1, seed: 1, norm: "l2", steps: 1.5 }), "options.steps");
  bad(() => linearField64([1, 2, 3], 2), "A");
});

test("a random tanh MLP field: PGD ℓ2 with ε = 1e-4 reaches ε·σ_max of the flow map to first order (ratio 1 ± 1e-3), FGSM stays below its ℓ∞ bound ε√n·σ_max", () => {
  const field = mlp64({ dim: 3, hidden: [16], activation: "tanh", seed: 5 });
  const y0 = Float64Array.from([0.4, -0.3, 0.8]);
  const eps = 1e-4;
  const T = 2;
  const p = pgd(field, y0, { epsilon: eps, T, seed: 3, norm: "l2", steps: 60, stepSize: eps, solver: tight });
  assert.ok(Math.abs(p.ratio - 1) < 1e-3, `ratio ${p.ratio} (σ_max ${p.sigmaMax})`);
  const f = fgsm(field, y0, { epsilon: eps, T, seed: 3, solver: tight, sigmaMax: p.sigmaMax });
  assert.ok(f.change <= eps * Math.sqrt(3) * p.sigmaMax * (1 + 1e-3), `FGSM ${f.change}`);
  assert.equal(f.sigmaMax, p.sigmaMax, "the given σ_max is used");
});
