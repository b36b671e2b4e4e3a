import { OdeArgumentError } from "../../ode/errors";
import { checkArrayLike } from "../../ode/errors";

/**
 * Relative distance of a periodic grid field from the fields odd about a point c, u(x) = −u(2c − x):
 * the subspace that Kuramoto–Sivashinsky leaves invariant (its reflection symmetry u(x) → −u(−x),
 * translated; Cvitanović, Davidchack & Siminos 2010, SIAM J. Appl. Dyn. Syst. 9, 1, §2).
 * With the reflection R_m: u_j ↦ u_{(m−j) mod n} (centre c = L m / (2n)) the distance is
 * ‖u + R_m u‖ / (2‖u‖), the norm of the even part over the norm of u: 0 in the subspace, ≈ 1/√2
 * for an unrelated field. With `centre` (an index m) that reflection only (m = n/2 is x = L/4);
 * without it the minimum over all n grid reflections and the m that attains it.
 */
export function oddSubspaceDistance(u: ArrayLike<number>, centre?: number): { distance: number; centre: number } {
  checkArrayLike("u", u);
  const n = u.length;
  if (n < 2) throw new OdeArgumentError("u", `has ${n} points, needs ≥ 2`);
  if (centre !== undefined && !(Number.isInteger(centre) && centre >= 0 && centre < n))
    throw new OdeArgumentError("centre", `must be an integer grid index in [0, ${n}), got ${centre}`);
  let norm = 0;
  for (let j = 0; j < n; j++) norm += u[j] * u[j];
  if (!(norm > 0 && Number.isFinite(norm)))
    throw new OdeArgumentError("u", `must be finite and not identically zero (‖u‖² = ${norm})`);
  let best = Infinity;
  let bestM = 0;
  for (let m = centre ?? 0; m < (centre === undefined ? n : centre + 1); m++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = u[j] + u[(((m - j) % n) + n) % n];
      s += e * e;
    }
    if (s < best) {
      best = s;
      bestM = m;
    }
  }
  return { distance: Math.sqrt(best / norm) / 2, centre: bestM };
}
