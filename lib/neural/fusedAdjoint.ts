import type { Field64 } from "../sensitivity/field64";
import type { MethodName } from "../ode/types";
import { solveIVP } from "../ode/solveIVP";
import { trajectoryLoss } from "../sensitivity/trajectoryLoss";
import type { NeuralMethod } from "./integrate";
import { NeuralSolveError } from "./errors";
import { checkFusedLossArgs } from "./fusedLossArgs";
import { OdeArgumentError } from "../ode/errors";

const methodNames: Record<NeuralMethod, MethodName> = {
  euler: "Euler",
  midpoint: "Midpoint",
  rk4: "RK4",
  bs3: "BS3",
  dopri5: "DOPRI5",
  tsit5: "Tsit5",
};

export interface FusedLossOptions {
  method?: NeuralMethod | MethodName;
  rtol?: number;
  atol?: number;
  step?: number;
  loss?: "mae" | "mse";
  /** Weight of each output time in the loss (default all 1); the loss is Σ_k w_k·mean_k / Σ_k w_k. */
  timeWeights?: number[];
  /**
   * How the backward pass gets z(t). "interpolated" (default): from the forward solve's dense
   * output, so only [a, a_θ] is integrated backwards — stable for stiff (dissipative) fields,
   * where re-integrating z backwards in time blows up (the interpolating adjoint of Kim et al.
   * 2021, "Stiff neural ordinary differential equations", Chaos 31, 093122); memory grows with the
   * forward steps. "reversed": Chen et al.'s Algorithm 1, z solved backwards with [a, a_θ],
   * memory independent of the number of steps.
   */
  adjointState?: "interpolated" | "reversed";
  /**
   * Error norm of the backward solve: "full" (all of [z, a, a_θ], as torchdiffeq's default) or
   * "seminorm" (leave out a_θ, a pure quadrature that feeds nothing back; Kidger, Chen & Lyons
   * 2021, "Hey, that's not an ODE"), which takes fewer backward steps. Default "full".
   */
  adjointNorm?: "full" | "seminorm";
}

export interface FusedGradient {
  loss: number;
  /** ∂L/∂θ, flat in variable order (splitGradient turns it into per-variable arrays). */
  grads: Float64Array;
  /** ∂L/∂y0 (B·dim). */
  gradY0: Float64Array;
  nfeForward: number;
  nfeBackward: number;
  naccept: number;
  nreject: number;
  /** Smallest accepted step of the forward and backward solves. */
  minStep: number;
}

/**
 * Loss and gradient of a trajectory fit, entirely in float64: the forward solve and the
 * continuous adjoint (Chen et al. 2018, Algorithm 1) both run on `solveIVP`, so any of its
 * methods works — including the stiff Rodas5 and BDF for stiff data, which get the field's
 * analytic Jacobians: ∂f/∂y forwards, and backwards (interpolated z) the augmented system's
 * [[−(∂f/∂y)ᵀ, 0], [−(∂f/∂θ)ᵀ, 0]], exact because [a, a_θ]' is linear in a. The reversed mode
 * would need second derivatives of f there and uses finite differences. y0 is the batch, row-major B·dim; targets[k] the batch at t[k].
 */
export function fusedAdjointLoss(
  mlp: Field64,
  y0: Float64Array,
  t: number[],
  targets: Float64Array[],
  o: FusedLossOptions = {},
): FusedGradient {
  const n = y0.length;
  const P = mlp.parameters.length;
  const method = (methodNames as Record<string, MethodName>)[o.method ?? "dopri5"] ?? (o.method as MethodName);
  const { rtol, atol } = checkFusedLossArgs(mlp, y0, t, targets, o);
  if (o.adjointState !== undefined && o.adjointState !== "interpolated" && o.adjointState !== "reversed")
    throw new OdeArgumentError(
      "adjointState",
      `unknown value "${String(o.adjointState)}"; expected "interpolated" or "reversed"`,
    );
  if (o.adjointNorm !== undefined && o.adjointNorm !== "full" && o.adjointNorm !== "seminorm")
    throw new OdeArgumentError(
      "adjointNorm",
      `unknown value "${String(o.adjointNorm)}"; expected "full" or "seminorm"`,
    );
  const fixed = method === "Euler" || method === "Midpoint" || method === "RK4";
  const stepOpt = (span: number) => (fixed ? { step: Math.min(o.step ?? span, span) } : {});
  const T = t.length;
  const interpolated = (o.adjointState ?? "interpolated") === "interpolated";
  const stiff = method === "Rodas5" || method === "BDF" || method === "Auto";
  const P0 = mlp.parameters.length;
  const jy = stiff ? new Float64Array(n * n) : null;
  const jTheta = stiff ? new Float64Array(n * P0) : null;
  const fwd = solveIVP((s, y, d) => mlp.forward(s, y, d), [t[0], t[T - 1]], y0, {
    method,
    jacobian: jy !== null ? (s, y, jac) => mlp.jacobian(s, y, jac, null) : undefined,
    // The fused Jacobians are derived analytically and checked against central differences in
    // test/neural/stiff.test.ts; re-checking them in every solve of every iteration cost ~12 %.
    checkJacobian: false,
    dense: interpolated,
    rtol,
    atol,
    tEval: t,
    ...stepOpt(Math.abs(t[T - 1] - t[0])),
  });
  if (!fwd.success)
    throw new NeuralSolveError(fwd.status, fwd.t[fwd.t.length - 1] ?? t[0], `forward solve failed: ${fwd.message}`);
  const { loss, dLdy } = trajectoryLoss(fwd.y, targets, o.timeWeights ?? t.map(() => 1), o.loss ?? "mae");

  // Augmented state [z (n) when reversed, a (n), a_θ (P)]; d/dt = [f, −aᵀ∂f/∂z, −aᵀ∂f/∂θ].
  const zOff = interpolated ? 0 : n;
  const z = new Float64Array(n);
  const a = new Float64Array(n);
  const f = new Float64Array(n);
  const gy = new Float64Array(n);
  const gTheta = new Float64Array(P);
  const sol = fwd.sol;
  const augmented = (s: number, state: Float64Array, ds: Float64Array) => {
    if (interpolated) z.set(sol!(s));
    else for (let i = 0; i < n; i++) z[i] = state[i];
    for (let i = 0; i < n; i++) a[i] = state[zOff + i];
    gTheta.fill(0);
    mlp.vjp(s, z, a, f, gy, gTheta, 1);
    if (!interpolated) for (let i = 0; i < n; i++) ds[i] = f[i];
    for (let i = 0; i < n; i++) ds[zOff + i] = -gy[i];
    for (let p = 0; p < P; p++) ds[zOff + n + p] = -gTheta[p];
  };
  // Backward Jacobian (interpolated mode): rows of a are −(∂f/∂y)ᵀ, rows of a_θ are −(∂f/∂θ)ᵀ.
  const N = n + P;
  const augmentedJacobian = (s: number, _state: Float64Array, jac: Float64Array) => {
    mlp.jacobian(s, sol!(s), jy!, jTheta!);
    jac.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) jac[i * N + j] = -jy![j * n + i];
    for (let p = 0; p < P; p++) for (let j = 0; j < n; j++) jac[(n + p) * N + j] = -jTheta![j * P + p];
  };
  let minStep = fwd.stats.minStep;
  let state = new Float64Array(zOff + n + P);
  if (!interpolated) state.set(fwd.y[T - 1], 0);
  state.set(dLdy[T - 1], zOff);
  let nfeBackward = 0;
  let naccept = fwd.stats.naccept;
  let nreject = fwd.stats.nreject;
  for (let k = T - 1; k >= 1; k--) {
    const back = solveIVP(augmented, [t[k], t[k - 1]], state, {
      method,
      rtol,
      atol,
      tEval: [t[k - 1]],
      jacobian: stiff && interpolated ? augmentedJacobian : undefined,
      checkJacobian: false,
      errorNormComponents: o.adjointNorm === "seminorm" ? zOff + n : undefined,
      ...stepOpt(Math.abs(t[k] - t[k - 1])),
    });
    if (!back.success)
      throw new NeuralSolveError(
        back.status,
        back.t[back.t.length - 1] ?? t[k],
        `adjoint (backward) solve failed: ${back.message}`,
      );
    nfeBackward += back.stats.nfev;
    naccept += back.stats.naccept;
    nreject += back.stats.nreject;
    minStep = Math.min(minStep, back.stats.minStep);
    state = back.y[0].slice();
    // Restart z from the forward solution (reversed mode, as torchdiffeq) and add ∂L/∂z(t_{k−1}).
    if (!interpolated) state.set(fwd.y[k - 1], 0);
    for (let i = 0; i < n; i++) state[zOff + i] += dLdy[k - 1][i];
  }
  return {
    loss,
    grads: state.slice(zOff + n),
    gradY0: state.slice(zOff, zOff + n),
    nfeForward: fwd.stats.nfev,
    nfeBackward,
    naccept,
    nreject,
    minStep,
  };
}
