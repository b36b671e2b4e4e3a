import type { FixedPoint, FixedPointResult } from "./fixedPoints";
import type { FixedPointClass } from "./classify";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

export interface FixedPointComparisonOptions {
  /**
   * Largest distance ‖y_learned − y_true‖₂ that counts as the same point. Default
   * 0.05·max(1, max ‖y_true‖₂): 5 % of the size of the true fixed-point set.
   */
  tolerance?: number;
}

export type FixedPointMatchStatus = "match" | "classMismatch" | "missing";

export interface FixedPointMatch {
  /** Index into the true points. */
  truth: number;
  /** Index of the nearest learned point; -1 when there are none. */
  learned: number;
  distance: number;
  trueClass: FixedPointClass;
  learnedClass: FixedPointClass | null;
  /**
   * "match": a learned point within tolerance and of the same class; "classMismatch": within
   * tolerance, another class (e.g. a stable focus learned for a saddle-focus); "missing": none within tolerance.
   */
  status: FixedPointMatchStatus;
}

export interface FixedPointComparison {
  matches: FixedPointMatch[];
  /** Learned points that no true point claimed within tolerance (spurious fixed points of the model). */
  extras: number[];
  tolerance: number;
  /** Every true point matched (status "match") and no extras. */
  agree: boolean;
}

function pointsOf(name: string, v: unknown): FixedPoint[] {
  const list = Array.isArray(v) ? v : v !== null && typeof v === "object" ? (v as FixedPointResult).points : undefined;
  if (!Array.isArray(list))
    throw new OdeTypeError(name, `expected a findFixedPoints result or FixedPoint[], got ${describeValue(v)}`);
  list.forEach((p, i) => {
    if (p === null || typeof p !== "object" || !Array.isArray(p.y) || typeof p.classification !== "string")
      throw new OdeTypeError(`${name}[${i}]`, `expected a FixedPoint { y, classification }, got ${describeValue(p)}`);
  });
  return list;
}

/**
 * The dynamics audit of a learned field against the true one: each true fixed point matched to the
 * nearest learned fixed point (Euclidean), with both classes (classifyFixedPoint, as findFixedPoints
 * reports them); learned points left unclaimed are extras. A model with a low training loss can still
 * have fixed points in the wrong place or of the wrong stability away from its data, which a loss
 * curve does not show. A learned point may be the nearest of several true points; it is then an
 * extra for none of them.
 */
export function compareFixedPoints(
  learned: FixedPointResult | FixedPoint[],
  truth: FixedPointResult | FixedPoint[],
  options: FixedPointComparisonOptions = {},
): FixedPointComparison {
  const L = pointsOf("learned", learned);
  const T = pointsOf("truth", truth);
  if (T.length === 0) throw new OdeArgumentError("truth", "has no fixed points to compare against");
  const n = T[0].y.length;
  [...T.map((p, i) => [`truth[${i}]`, p] as const), ...L.map((p, i) => [`learned[${i}]`, p] as const)].forEach(
    ([name, p]) => {
      if (p.y.length !== n) throw new OdeArgumentError(name, `has dimension ${p.y.length}, truth[0] has ${n}`);
    },
  );
  let scale = 1;
  for (const p of T) scale = Math.max(scale, Math.hypot(...p.y));
  const tolerance = options.tolerance ?? 0.05 * scale;
  if (typeof tolerance !== "number" || !(tolerance >= 0 && Number.isFinite(tolerance)))
    throw new OdeArgumentError("options.tolerance", `must be a finite number ≥ 0, got ${describeValue(tolerance)}`);
  const claimed = new Set<number>();
  const matches = T.map((p, ti): FixedPointMatch => {
    let best = -1;
    let distance = Infinity;
    L.forEach((q, li) => {
      let d = 0;
      for (let i = 0; i < n; i++) d += (p.y[i] - q.y[i]) ** 2;
      d = Math.sqrt(d);
      if (d < distance) {
        distance = d;
        best = li;
      }
    });
    const within = best >= 0 && distance <= tolerance;
    if (within) claimed.add(best);
    const learnedClass = best >= 0 ? L[best].classification : null;
    return {
      truth: ti,
      learned: best,
      distance,
      trueClass: p.classification,
      learnedClass,
      status: !within ? "missing" : learnedClass === p.classification ? "match" : "classMismatch",
    };
  });
  const extras = L.map((_, i) => i).filter((i) => !claimed.has(i));
  return { matches, extras, tolerance, agree: extras.length === 0 && matches.every((m) => m.status === "match") };
}
