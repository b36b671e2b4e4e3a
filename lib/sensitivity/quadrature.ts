import { OdeArgumentError } from "../ode/errors";

/** An m-point rule on [0, 1]: ∫₀¹ g ≈ Σ weights[i]·g(nodes[i]). */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/**
 * The m-point Gauss–Legendre rule mapped to [0, 1]: exact for polynomials of degree ≤ 2m − 1,
 * error O(h^(2m+1)) on a step of length h. Nodes are the roots of P_m, found by Newton's method
 * from Tricomi's initial guess cos(π(i − 1/4)/(m + 1/2)), weights 2/((1 − x²)P_m'(x)²)
 * (Press et al., Numerical Recipes 3rd ed., §4.6.1 `gauleg`; Abramowitz & Stegun 25.4.29 and
 * Table 25.4). Cached per m.
 */
export function gaussLegendre(m: number): QuadratureRule {
  if (!Number.isInteger(m) || m < 1 || m > 64)
    throw new OdeArgumentError("m", `must be an integer from 1 to 64 (nodes of the rule), got ${m}`);
  const hit = cache.get(m);
  if (hit !== undefined) return hit;
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < (m + 1) >> 1; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // P_m(x) and P_m'(x) by the three-term recurrence (A&S 22.7.10) and 22.8.5.
      let p0 = 1;
      let p1 = 0;
      for (let j = 1; j <= m; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j - 1) * x * p1 - (j - 1) * p2) / j;
      }
      dp = (m * (x * p0 - p1)) / (x * x - 1);
      const dx = p0 / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    // x is the i-th largest root on [−1, 1]; mirror it, then map to [0, 1] (weights halve).
    nodes[i] = (1 - x) / 2;
    nodes[m - 1 - i] = (1 + x) / 2;
    weights[i] = w / 2;
    weights[m - 1 - i] = w / 2;
  }
  const rule = { nodes, weights };
  cache.set(m, rule);
  return rule;
}

/**
 * Nodes for a quadrature riding on the accepted steps of a method of order p: the smallest m
 * with 2m ≥ p + 1, so the rule's local error O(h^(2m+1)) is of higher order than the method's
 * own local error O(h^(p+1)) and the quadrature never limits the accuracy (3 nodes for DOPRI5,
 * Tsit5, Rodas5, BDF and RK4; 5 for DOP853).
 */
export function quadratureNodesFor(order: number): number {
  return Math.max(1, Math.ceil((order + 1) / 2));
}
