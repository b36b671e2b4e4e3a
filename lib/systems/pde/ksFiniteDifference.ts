import type { RhsInPlace } from "../../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { checkLength } from "../../ode/linalg/checkLength";

/**
 * Kuramoto–Sivashinsky u_t = −u·u_x − u_xx − u_xxxx in physical space on a periodic grid of n
 * points at spacing h, by second-order central differences (Fornberg, Math. Comp. 51 (1988) 699,
 * doi:10.1090/S0025-5718-1988-0935077-0: the 3- and 5-point stencils): each component couples to
 * two neighbours on each side, so the Jacobian is cyclic pentadiagonal — `jacobianBand:
 * [2, 2, "periodic"]`, the method-of-lines system of the periodic band solver (bench/sparse.ts).
 * The spectral KS (kuramotoSivashinsky.ts) is the accurate one; this is a stiff test system.
 */
export function ksFiniteDifference(n: number, h: number): RhsInPlace {
  if (typeof n !== "number") throw new OdeTypeError("n", `expected a number of grid points, got ${describeValue(n)}`);
  if (!Number.isInteger(n) || n < 5) throw new OdeArgumentError("n", `must be an integer ≥ 5 (grid points), got ${n}`);
  if (typeof h !== "number") throw new OdeTypeError("h", `expected a grid spacing, got ${describeValue(h)}`);
  if (!(h > 0 && h < Infinity)) throw new OdeArgumentError("h", `must be a finite spacing > 0, got ${h}`);
  return (t, u, d) => {
    checkLength("u", u, n, "ksFiniteDifference's grid", true, t);
    checkLength("dudt", d, n, "ksFiniteDifference's grid", true, t);
    for (let i = 0; i < n; i++) {
      const m2 = u[(i - 2 + n) % n];
      const m1 = u[(i - 1 + n) % n];
      const p1 = u[(i + 1) % n];
      const p2 = u[(i + 2) % n];
      const ui = u[i];
      const ux = (p1 - m1) / (2 * h);
      const uxx = (p1 - 2 * ui + m1) / (h * h);
      const uxxxx = (p2 - 4 * p1 + 6 * ui - 4 * m1 + m2) / h ** 4;
      d[i] = -ui * ux - uxx - uxxxx;
    }
  };
}
