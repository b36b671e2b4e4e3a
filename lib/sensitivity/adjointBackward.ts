import type { Field64 } from "./field64";
import type { CheckedSolver } from "./checkArgs";
import type { ForwardPass } from "./forwardPass";
import type { JacobianInPlace } from "../ode/types";
import { OdeSolver } from "../ode/odeSolver";
import { solverOptions } from "./forwardPass";
import { gaussLegendre, quadratureNodesFor } from "./quadrature";
import { SolveFailedError } from "./solveFailed";

export interface BackwardMode {
  /** z from the forward dense output (else integrated backwards in the state). */
  interpolated: boolean;
  /** a_θ by Gauss–Legendre on the accepted steps (else in the solver's state). */
  quadrature: boolean;
  /** Leave a_θ out of the error norm (augmented only). */
  seminorm: boolean;
}

export interface BackwardResult {
  theta: Float64Array;
  y0: Float64Array;
  nfe: number;
  naccept: number;
  nreject: number;
  minStep: number;
}

/**
 * The backward pass of the continuous adjoint. State x = [z (n, reversed only), a (n), a_θ (P,
 * augmented only)] with x' = [f, −(∂f/∂z)ᵀa, −(∂f/∂θ)ᵀa], solved by the forward method from t_K
 * to t_0, one OdeSolver per output interval; at t_k, a += yBar_k (and a reversed z restarts from
 * the forward y(t_k)). In quadrature mode every accepted step [t_old, t_new] adds
 * −(t_new − t_old)·Σ_i w_i a(s_i)ᵀ∂f/∂θ(s_i, z(s_i)) to a_θ, with a(s_i) from the step's dense output.
 */
export function backwardPass(
  field: Field64,
  t: readonly number[],
  s: CheckedSolver,
  fwd: ForwardPass,
  yBar: readonly (Float64Array | null)[],
  mode: BackwardMode,
): BackwardResult {
  const T = t.length;
  const n = fwd.y[0].length;
  const P = field.parameters.length;
  const { interpolated, quadrature } = mode;
  const traj = fwd.trajectory;
  const zOff = interpolated ? 0 : n;
  const N = zOff + n + (quadrature ? 0 : P);
  const z = new Float64Array(n);
  const a = new Float64Array(n);
  const f = new Float64Array(n);
  const gy = new Float64Array(n);
  // The backward RHS's own θ-gradient: a_θ' (augmented), or a scratch the quadrature RHS ignores.
  const gTheta = new Float64Array(P);

  const rhs = (time: number, x: Float64Array, dx: Float64Array): void => {
    if (interpolated) traj!.at(time, z);
    else for (let i = 0; i < n; i++) z[i] = x[i];
    for (let i = 0; i < n; i++) a[i] = x[zOff + i];
    // Quadrature: the θ part is not needed here (scale 0: a field may skip it).
    if (!quadrature) gTheta.fill(0);
    field.vjp(time, z, a, f, gy, gTheta, quadrature ? 0 : 1);
    if (!interpolated) for (let i = 0; i < n; i++) dx[i] = f[i];
    for (let i = 0; i < n; i++) dx[zOff + i] = -gy[i];
    if (!quadrature) for (let p = 0; p < P; p++) dx[zOff + n + p] = -gTheta[p];
  };

  // Stiff methods, interpolated z: the backward system is linear in [a, a_θ], its Jacobian
  // [[−(∂f/∂z)ᵀ, 0], [−(∂f/∂θ)ᵀ, 0]] exact from the field's (quadrature: the n×n block alone).
  let jacobian: JacobianInPlace | undefined;
  if (s.info.stiff && interpolated) {
    const jy = new Float64Array(n * n);
    const jTheta = quadrature ? null : new Float64Array(n * P);
    jacobian = (time, _x, J) => {
      field.jacobian(time, traj!.at(time, z), jy, jTheta);
      J.fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) J[i * N + j] = -jy[j * n + i];
      if (jTheta !== null)
        for (let p = 0; p < P; p++) for (let j = 0; j < n; j++) J[(n + p) * N + j] = -jTheta[j * P + p];
    };
  }

  const rule = quadrature ? gaussLegendre(quadratureNodesFor(s.info.order)) : null;
  const thetaBar = new Float64Array(P);
  const xs = new Float64Array(N);
  const x = new Float64Array(N);
  if (!interpolated) x.set(fwd.y[T - 1], 0);
  addCotangent(x, zOff, yBar[T - 1]);
  const out: BackwardResult = {
    theta: thetaBar,
    y0: new Float64Array(n),
    nfe: 0,
    naccept: 0,
    nreject: 0,
    minStep: Infinity,
  };
  for (let k = T - 1; k >= 1; k--) {
    const solver = new OdeSolver(rhs, t[k], x, t[k - 1], {
      ...solverOptions(s, t[k], t[k - 1]),
      jacobian,
      checkJacobian: false,
      errorNormComponents: mode.seminorm && !quadrature ? zOff + n : undefined,
    });
    while (solver.status === "running") {
      const failure = solver.step();
      if (failure !== null)
        throw new SolveFailedError(solver.failure!, solver.t, `adjoint (backward) solve failed: ${failure}`);
      if (rule === null) continue;
      const tOld = solver.tOld!;
      const h = solver.t - tOld;
      for (let i = 0; i < rule.nodes.length; i++) {
        const si = tOld + rule.nodes[i] * h;
        solver.interpolate(si, xs);
        if (interpolated) traj!.at(si, z);
        else for (let j = 0; j < n; j++) z[j] = xs[j];
        for (let j = 0; j < n; j++) a[j] = xs[zOff + j];
        // a_θ(t_new) − a_θ(t_old) = −∫_{t_old}^{t_new} aᵀ∂f/∂θ ds.
        field.vjp(si, z, a, f, gy, thetaBar, -h * rule.weights[i]);
      }
      out.nfe += rule.nodes.length;
    }
    x.set(solver.y);
    out.nfe += solver.stats.nfev;
    out.naccept += solver.stats.naccept;
    out.nreject += solver.stats.nreject;
    out.minStep = Math.min(out.minStep, solver.stats.minStep);
    if (!interpolated) x.set(fwd.y[k - 1], 0);
    addCotangent(x, zOff, yBar[k - 1]);
  }
  out.y0.set(x.subarray(zOff, zOff + n));
  if (!quadrature) thetaBar.set(x.subarray(zOff + n));
  return out;
}

function addCotangent(x: Float64Array, off: number, g: Float64Array | null): void {
  if (g !== null) for (let i = 0; i < g.length; i++) x[off + i] += g[i];
}
