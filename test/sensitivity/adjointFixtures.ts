/**
 * Shared problems of the gradient-method tests: a tanh MLP field, a stiff hybrid (Robertson's two
 * fast reactions known + a small network for the slow one), a linear field with a closed-form
 * flow, and the loss of a solve by central differences of a tight solveIVP (independent of the
 * gradient methods under test).
 */
import type { Field64 } from "../../lib/sensitivity/field64";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import { FusedHybrid } from "../../lib/neural/fields/hybrid64";
import { reactionNetwork } from "../../lib/systems/kinetics/network";
import { solveIVP } from "../../lib/ode/solveIVP";
import type { MethodName } from "../../lib/ode/types";
import { trajectoryLoss } from "../../lib/sensitivity/trajectoryLoss";

/** A time-dependent 2-6-2 tanh network on a batch of two states, four output times. */
export function mlpProblem() {
  const field = mlp64({ dim: 2, hidden: [6], activation: "tanh", timeDependent: true, seed: 11 });
  const y0 = Float64Array.from([0.7, -0.3, -0.2, 0.5]);
  const t = [0, 0.4, 1.1, 1.5];
  const targets = t.map((s) => Float64Array.from([Math.cos(s), Math.sin(s), 0.3 * s, -0.2]));
  return { field, y0, t, targets, reference: { method: "DOP853" as MethodName, rtol: 1e-13, atol: 1e-14 } };
}

/**
 * Robertson (Hairer & Wanner II §IV.1): A → B (0.04) is left to a 3-4-3 tanh network with small
 * weights; 2B → B + C (3e7) and B + C → A + C (1e4), the stiff part, are known (lib/systems/kinetics).
 */
export function stiffHybridProblem() {
  const known = reactionNetwork("2B -> B + C, k2; B + C -> A + C, k3", { k2: 3e7, k3: 1e4 }, ["A", "B", "C"]);
  const rober = reactionNetwork("A -> B, k1; 2B -> B + C, k2; B + C -> A + C, k3", { k1: 0.04, k2: 3e7, k3: 1e4 }, [
    "A",
    "B",
    "C",
  ]);
  const nn = mlp64({ dim: 3, hidden: [4], activation: "tanh", seed: 5, initStd: 0.05 });
  const field = new FusedHybrid(nn, { rhs: known.rhs, jacobian: known.jacobian });
  const y0 = Float64Array.from([1, 0, 0, 0.9, 1e-5, 0.1]);
  const t = [0, 0.5, 2, 4];
  const targets = t.map(() => new Float64Array(6));
  for (let b = 0; b < 2; b++) {
    const r = solveIVP(rober.rhs, [0, 4], y0.subarray(3 * b, 3 * b + 3), {
      method: "Rodas5",
      rtol: 1e-11,
      atol: 1e-15,
      jacobian: rober.jacobian,
      tEval: t,
    });
    r.y.forEach((row, k) => targets[k].set(row, 3 * b));
  }
  return { field, y0, t, targets, reference: { method: "Rodas5" as MethodName, rtol: 1e-12, atol: 1e-16 } };
}

/** The MSE loss of the field's solve from y0 by solveIVP with the reference method and tolerances. */
export function lossBySolveIVP(
  field: Field64,
  y0: Float64Array,
  t: number[],
  targets: Float64Array[],
  ref: { method: MethodName; rtol: number; atol: number },
): number {
  const r = solveIVP((s, y, d) => field.forward(s, y, d), [t[0], t[t.length - 1]], y0, {
    ...ref,
    tEval: t,
    jacobian: (s, y, j) => field.jacobian(s, y, j, null),
    checkJacobian: false,
  });
  if (!r.success) throw new Error(r.message);
  return trajectoryLoss(
    r.y,
    targets,
    t.map(() => 1),
    "mse",
  ).loss;
}

/**
 * Central differences (step eps, for y0 epsY0) of that loss in every parameter, then every
 * component of y0.
 */
export function centralDifferences(
  field: Field64,
  y0: Float64Array,
  t: number[],
  targets: Float64Array[],
  ref: { method: MethodName; rtol: number; atol: number },
  eps = 1e-6,
  epsY0 = eps,
): { theta: Float64Array; y0: Float64Array } {
  const diff = (v: Float64Array, i: number, eps: number) => {
    const keep = v[i];
    v[i] = keep + eps;
    const lp = lossBySolveIVP(field, y0, t, targets, ref);
    v[i] = keep - eps;
    const lm = lossBySolveIVP(field, y0, t, targets, ref);
    v[i] = keep;
    return (lp - lm) / (2 * eps);
  };
  const theta = Float64Array.from(field.parameters, (_, p) => diff(field.parameters, p, eps));
  const dy0 = Float64Array.from(y0, (_, i) => diff(y0, i, epsY0));
  return { theta, y0: dy0 };
}

/** max_i |a_i − b_i| / max_i |b_i|: an error relative to the reference's largest component. */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

/**
 * y' = A y + c with A = [[−1, 1], [0, −2]] as a dense layer without hidden layers (f = x·W + b,
 * so W = Aᵀ): y(t) = e^{At} y0 + A⁻¹(e^{At} − I) c, e^{At} = [[e^{−t}, e^{−t} − e^{−2t}], [0, e^{−2t}]].
 */
export function linearProblem() {
  const field = mlp64({ dim: 2, hidden: [], activation: "tanh", seed: 0 });
  field.parameters.set([-1, 0, 1, -2, 0.5, -0.25]); // W = Aᵀ row-major [in, out], then b = c
  const expAt = (t: number) => [
    [Math.exp(-t), Math.exp(-t) - Math.exp(-2 * t)],
    [0, Math.exp(-2 * t)],
  ];
  // A⁻¹ = [[−1, −1/2], [0, −1/2]]; ∂y/∂c = A⁻¹(e^{At} − I).
  const dydc = (t: number) => {
    const E = expAt(t);
    const M = [
      [E[0][0] - 1, E[0][1]],
      [0, E[1][1] - 1],
    ];
    return [
      [-M[0][0], -M[0][1] - 0.5 * M[1][1]],
      [0, -0.5 * M[1][1]],
    ];
  };
  return { field, expAt, dydc };
}
