import type { StandardProblem } from "./problem";
import { odeSystem } from "../ode/system";
import { brusselatorNetwork } from "../systems/kinetics/standard";
import type { JacobianInPlace, RhsInPlace } from "../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/**
 * Brusselator (Prigogine & Lefever 1968): x' = a + x²y − (b+1)x, y' = bx − x²y. The right-hand
 * side and Jacobian are those the reaction network `brusselatorNetwork` compiles (one definition
 * of the system).
 */
export function brusselator(a = 1, b = 3): StandardProblem {
  return {
    name: "brusselator",
    description: "Brusselator: x'=a+x²y−(b+1)x, y'=bx−x²y",
    ...odeSystem(brusselatorNetwork(a, b)),
    y0: [1.5, 3],
    tSpan: [0, 20],
    stiff: false,
    params: { a, b },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [0.4986370712683374, 4.596780349451998],
  };
}

/** The Brusselator with diffusion on N interior points; `jacobian` writes J in band storage. */
export interface Brusselator1D {
  /** 2N unknowns, interleaved (u_1, v_1, u_2, v_2, …). */
  n: number;
  rhs: RhsInPlace;
  /** Analytic ∂f/∂y in band storage (lower = upper = 2): J_rc at jac[r·5 + (c − r + 2)]. */
  bandJacobian: JacobianInPlace;
  band: [2, 2];
  /** u = 1 + sin(2πx), v = 3 at the grid points x = i/(N + 1). */
  y0: Float64Array;
  tSpan: [number, number];
}

/**
 * The Brusselator with diffusion (Hairer & Wanner II, Sec. IV.1, eq. (1.6)): u' = 1 + u²v − 4u +
 * α(N+1)²Δu, v' = 3u − u²v + α(N+1)²Δv, α = 1/50, u = 1, v = 3 at x = 0, 1, t ∈ [0, 10]; the state
 * interleaved so the Jacobian has band (2, 2). The method-of-lines test system of the band solvers.
 */
export function brusselator1D(N: number): Brusselator1D {
  if (typeof N !== "number") throw new OdeTypeError("N", `expected a number of grid points, got ${describeValue(N)}`);
  if (!Number.isInteger(N) || N < 1) throw new OdeArgumentError("N", `must be an integer ≥ 1 (grid points), got ${N}`);
  const c = ((N + 1) * (N + 1)) / 50;
  const rhs: RhsInPlace = (_t, y, d) => {
    for (let i = 0; i < N; i++) {
      const u = y[2 * i];
      const v = y[2 * i + 1];
      const uL = i > 0 ? y[2 * i - 2] : 1;
      const vL = i > 0 ? y[2 * i - 1] : 3;
      const uR = i < N - 1 ? y[2 * i + 2] : 1;
      const vR = i < N - 1 ? y[2 * i + 3] : 3;
      d[2 * i] = 1 + u * u * v - 4 * u + c * (uL - 2 * u + uR);
      d[2 * i + 1] = 3 * u - u * u * v + c * (vL - 2 * v + vR);
    }
  };
  const bandJacobian: JacobianInPlace = (_t, y, J) => {
    J.fill(0);
    for (let i = 0; i < N; i++) {
      const u = y[2 * i];
      const v = y[2 * i + 1];
      const ru = 2 * i;
      const rv = 2 * i + 1;
      J[ru * 5 + 2] = 2 * u * v - 4 - 2 * c; // ∂u'/∂u
      J[ru * 5 + 3] = u * u; // ∂u'/∂v
      J[rv * 5 + 1] = 3 - 2 * u * v; // ∂v'/∂u
      J[rv * 5 + 2] = -u * u - 2 * c; // ∂v'/∂v
      if (i > 0) {
        J[ru * 5 + 0] = c;
        J[rv * 5 + 0] = c;
      }
      if (i < N - 1) {
        J[ru * 5 + 4] = c;
        J[rv * 5 + 4] = c;
      }
    }
  };
  const y0 = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    const x = (i + 1) / (N + 1);
    y0[2 * i] = 1 + Math.sin(2 * Math.PI * x);
    y0[2 * i + 1] = 3;
  }
  return { n: 2 * N, rhs, bandJacobian, band: [2, 2], y0, tSpan: [0, 10] };
}
