import type { Field64 } from "./field64";
import type { DifferentiableSolution, GradientMethod, SolverSpec } from "./gradientMethod";
import { checkCotangents, checkSolveArgs, checkSolver } from "./checkArgs";
import { integrateThrough } from "./forwardPass";

/**
 * Forward sensitivities (the variational equations; CVODES's forward sensitivity analysis,
 * Hindmarsh et al. 2005, ACM TOMS 31(3) 363, doi:10.1145/1089014.1089020, cvodes guide §2.5):
 * the solve carries, beside y, the sensitivity S = ∂y/∂(y0, θ) with S' = (∂f/∂y)·S + [0 | ∂f/∂θ],
 * S(t_0) = [I | 0], from `field.jacobian`. The samples of a batch are independent, so per sample
 * only the d columns of its own initial state are kept: n·(d + P) states beside the n of y
 * (d = dim, n = B·d, P = parameters; an unbatched state of n components would need n·(n + P)).
 * `pullback` then costs no solve: it contracts Σ_k yBar_kᵀ S(t_k), and any number of cotangents
 * reuse one solve.
 *
 * Cost and when to use it: every step evaluates ∂f/∂y and ∂f/∂θ (n·P entries) and carries
 * n·(d + P) states, so the cost grows with P while the adjoint's does not. Use it for few
 * parameters (up to tens) and many outputs or cotangents (the Jacobian of the outputs, local
 * sensitivity analysis); for a network of hundreds of weights use `adjoint`. Every method of the
 * registry works. The stiff ones get a banded Jacobian in the per-sample layout [y_b, S_b]: BDF
 * the block diagonal diag(∂f/∂y, …, ∂f/∂y) (bandwidth d − 1; Newton converges without the
 * coupling ∂(∂f/∂y·S)/∂y, as CVODES's simultaneous corrector), the Rosenbrock ones also that
 * coupling (lower bandwidth d(1 + d + P) − 1), which their order conditions need.
 *
 * The error norm covers y and S (CVODES's errconS on).
 */
export function forwardSensitivity(): GradientMethod {
  return {
    name: "forwardSensitivity",
    solve(field: Field64, y0: Float64Array, t: readonly number[], solver: SolverSpec): DifferentiableSolution {
      checkSolveArgs(field, y0, t);
      const s = checkSolver(solver);
      const d = field.dim;
      const n = y0.length;
      const P = field.parameters.length;
      const Q = d + P;
      // Per sample b, M = d·(1 + Q) entries: y_b, then column q of S_b (q < d: ∂y_b/∂y0_b,q;
      // q ≥ d: ∂y_b/∂θ_{q−d}) at b·M + d + q·d.
      const M = d * (1 + Q);
      const N = (n / d) * M;
      const fwd = integrateSensitivities(field, y0, t, s, d, n, P, Q, M, N);
      const stats = {
        nfeForward: fwd.stats.nfev,
        nfeBackward: 0,
        naccept: fwd.stats.naccept,
        nreject: fwd.stats.nreject,
        minStep: fwd.stats.minStep,
        // The augmented states [y, S] at the output times (the pullback contracts S) and the outputs.
        keptBytes: fwd.y.reduce((b, v) => b + v.byteLength, 0) + t.length * n * 8,
      };
      const yOut = fwd.y.map((x) => {
        const out = new Float64Array(n);
        for (let o = 0, b = 0; o < n; o += d, b += M) for (let i = 0; i < d; i++) out[o + i] = x[b + i];
        return out;
      });
      return {
        t: Array.from(t),
        y: yOut,
        stats,
        pullback(yBar) {
          checkCotangents(yBar, t.length, n);
          const theta = new Float64Array(P);
          const gy0 = new Float64Array(n);
          yBar.forEach((g, k) => {
            if (g === null) return;
            const x = fwd.y[k];
            for (let o = 0, b = 0; o < n; o += d, b += M)
              for (let q = 0; q < Q; q++) {
                const c = b + d + q * d;
                let acc = 0;
                for (let i = 0; i < d; i++) acc += g[o + i] * x[c + i];
                if (q < d) gy0[o + q] += acc;
                else theta[q - d] += acc;
              }
          });
          return { theta, y0: gy0 };
        },
      };
    },
  };
}

/**
 * The forward solve of [y, S] (its work buffers live only here, so the solution returned by
 * `solve` keeps the outputs and nothing of the solve).
 */
function integrateSensitivities(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  s: ReturnType<typeof checkSolver>,
  d: number,
  n: number,
  P: number,
  Q: number,
  M: number,
  N: number,
) {
  const y = new Float64Array(n);
  const f = new Float64Array(n);
  const jy = new Float64Array(n * n);
  const jTheta = new Float64Array(n * P);
  /** The sensitivity right-hand side J·S + [0 | ∂f/∂θ] at y (jy, jTheta filled) into out. */
  const sensitivityRhs = (x: Float64Array, out: Float64Array, at: number, scale: number): void => {
    for (let o = 0, b = 0; o < n; o += d, b += M)
      for (let q = 0; q < Q; q++) {
        const c = b + d + q * d;
        for (let i = 0; i < d; i++) {
          const r = o + i;
          let acc = q < d ? 0 : jTheta[r * P + q - d];
          for (let j = 0; j < d; j++) acc += jy[r * n + o + j] * x[c + j];
          out[at + c + i] += scale * acc;
        }
      }
  };
  const rhs = (time: number, x: Float64Array, dx: Float64Array): void => {
    for (let o = 0, b = 0; o < n; o += d, b += M) for (let i = 0; i < d; i++) y[o + i] = x[b + i];
    field.forward(time, y, f);
    field.jacobian(time, y, jy, jTheta);
    dx.fill(0);
    for (let o = 0, b = 0; o < n; o += d, b += M) for (let i = 0; i < d; i++) dx[b + i] = f[o + i];
    sensitivityRhs(x, dx, 0, 1);
  };
  // The exact Jacobian is block lower triangular: ∂f/∂y on y and on every column of S, and
  // the coupling ∂(J·S + ∂f/∂θ)/∂y (second derivatives). Rosenbrock methods need it (their
  // order conditions assume the exact Jacobian: without it Rodas5 took 25× the steps and lost
  // six digits on test/sensitivity's MLP, measured);
  // it is taken by central differences of field.jacobian, all samples perturbed at once
  // (they are independent). Newton (BDF) converges without it: the block diagonal is banded.
  const coupled = s.info.kind !== "bdf";
  const lower = coupled ? M - 1 : d - 1;
  const w = lower + d;
  const col = new Float64Array(N);
  const yKeep = new Float64Array(n);
  const jacobian = (time: number, x: Float64Array, J: Float64Array): void => {
    for (let o = 0, b = 0; o < n; o += d, b += M) for (let i = 0; i < d; i++) y[o + i] = x[b + i];
    J.fill(0);
    if (coupled) {
      yKeep.set(y);
      for (let j = 0; j < d; j++) {
        // Central differences, step ε^(1/3)·max(1, |y|) per sample.
        col.fill(0);
        for (let sign = 1; sign >= -1; sign -= 2) {
          for (let o = 0; o < n; o += d) y[o + j] = yKeep[o + j] + sign * 6e-6 * Math.max(1, Math.abs(yKeep[o + j]));
          field.jacobian(time, y, jy, jTheta);
          sensitivityRhs(x, col, 0, sign);
          y.set(yKeep);
        }
        for (let o = 0, b = 0; o < n; o += d, b += M) {
          const h = 2 * 6e-6 * Math.max(1, Math.abs(yKeep[o + j]));
          for (let r = b + d; r < b + M; r++) J[r * w + (b + j - r + lower)] = col[r] / h;
        }
      }
    }
    field.jacobian(time, y, jy, null);
    for (let o = 0, b = 0; o < n; o += d, b += M)
      for (let blk = 0; blk <= Q; blk++) {
        const c = b + blk * d;
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) J[(c + i) * w + (j - i + lower)] = jy[(o + i) * n + o + j];
      }
  };
  const x0 = new Float64Array(N);
  for (let o = 0, b = 0; o < n; o += d, b += M) {
    for (let i = 0; i < d; i++) x0[b + i] = y0[o + i];
    for (let q = 0; q < d; q++) x0[b + d + q * d + q] = 1;
  }
  return integrateThrough(
    rhs,
    x0,
    t,
    s,
    s.info.stiff ? { jacobian, jacobianBand: [lower, d - 1], checkJacobian: false } : {},
    false,
    "forward sensitivity solve",
  );
}
