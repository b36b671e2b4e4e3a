import { Matrix, SingularValueDecomposition } from "ml-matrix";
import type { Field64 } from "../sensitivity/field64";
import type { GradientMethod, SolverSpec } from "../sensitivity/gradientMethod";
import { discrete } from "../sensitivity/discrete";
import { OdeTypeError, describeValue } from "../ode/errors";
import { checkPositive, checkState } from "./checks";

export interface GradientGrowthOptions {
  /** Gradient method. Default discrete() (exact for the computed solution; adjoint() for stiff methods). */
  gradient?: GradientMethod;
  /** Solver of the time sweep (ignored by the depth sweep, which is Euler). */
  solver?: SolverSpec;
  t0?: number;
  /** The loss L = ⟨c, y(T)⟩ whose gradients are reported. Default c = 𝟙/√dim. */
  cotangent?: ArrayLike<number>;
}

export interface GradientGrowthPoint {
  /** Integration time. */
  T: number;
  /** Euler steps (= residual blocks) for the depth sweep; null for the time sweep. */
  depth: number | null;
  /** ‖∂y(T)/∂y0‖₂ and the smallest singular value of ∂y(T)/∂y0 (exploding / vanishing). */
  jacobianNorm: number;
  jacobianMinSingular: number;
  /** ‖∂y(T)/∂θ‖_F. */
  thetaJacobianNorm: number;
  /** ‖∂L/∂y0‖₂ and ‖∂L/∂θ‖₂ for L = ⟨c, y(T)⟩. */
  lossGradY0: number;
  lossGradTheta: number;
}

export interface GradientGrowth {
  points: GradientGrowthPoint[];
  /**
   * Least-squares slope of ln ‖∂y(T)/∂y0‖₂ against T (time sweep: the growth exponent, max Re λ for
   * a normal linear field) or against depth (depth sweep: ln of the mean per-block factor); null
   * with fewer than two points.
   */
  slope: number | null;
}

function checkField(field: Field64, y0: Float64Array): void {
  if (field === null || typeof field !== "object" || typeof field.vjp !== "function")
    throw new OdeTypeError("field", `expected a Field64, got ${describeValue(field)}`);
  if (!(y0 instanceof Float64Array)) throw new OdeTypeError("y0", `expected a Float64Array, got ${describeValue(y0)}`);
  checkState("y0", y0, field.dim);
}

function cotangentOf(o: GradientGrowthOptions, n: number): Float64Array {
  if (o.cotangent === undefined) return new Float64Array(n).fill(1 / Math.sqrt(n));
  checkState("options.cotangent", o.cotangent, n);
  return Float64Array.from(o.cotangent);
}

/**
 * One differentiable solve over `times` and dim pullbacks of the unit vectors at the last time:
 * the rows of ∂y(T)/∂y0 and ∂y(T)/∂θ, from which every norm of the point follows.
 */
function measure(
  field: Field64,
  y0: Float64Array,
  times: number[],
  solver: SolverSpec,
  method: GradientMethod,
  c: Float64Array,
): Omit<GradientGrowthPoint, "T" | "depth"> {
  const n = field.dim;
  const P = field.parameters.length;
  const sol = method.solve(field, y0, times, solver);
  const J = new Float64Array(n * n);
  const gY = new Float64Array(n);
  const gTheta = new Float64Array(P);
  let thetaF = 0;
  const yBar: (Float64Array | null)[] = times.map(() => null);
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n);
    e[i] = 1;
    yBar[times.length - 1] = e;
    const cot = sol.pullback(yBar);
    J.set(cot.y0, i * n);
    for (let j = 0; j < n; j++) gY[j] += c[i] * cot.y0[j];
    for (let p = 0; p < P; p++) {
      thetaF += cot.theta[p] * cot.theta[p];
      gTheta[p] += c[i] * cot.theta[p];
    }
  }
  const sv = new SingularValueDecomposition(Matrix.from1DArray(n, n, Array.from(J)), { autoTranspose: true }).diagonal;
  return {
    jacobianNorm: Math.max(...sv),
    jacobianMinSingular: Math.min(...sv),
    thetaJacobianNorm: Math.sqrt(thetaF),
    lossGradY0: Math.hypot(...gY),
    lossGradTheta: Math.sqrt(gTheta.reduce((a, v) => a + v * v, 0)),
  };
}

function slope(x: number[], y: number[]): number | null {
  if (x.length < 2) return null;
  const mx = x.reduce((a, v) => a + v, 0) / x.length;
  const my = y.reduce((a, v) => a + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((v, i) => {
    sxy += (v - mx) * (y[i] - my);
    sxx += (v - mx) * (v - mx);
  });
  return sxx > 0 ? sxy / sxx : null;
}

function checkList(name: string, v: unknown, integer: boolean): number[] {
  if (!Array.isArray(v) || v.length === 0)
    throw new OdeTypeError(name, `expected a non-empty array, got ${describeValue(v)}`);
  v.forEach((x, i) => checkPositive(`${name}[${i}]`, x, integer));
  return v as number[];
}

/**
 * Exploding and vanishing gradients with integration time (Haber & Ruthotto, Inverse Problems 34
 * (2018) 014004, §3: the forward stability of the ODE governs the gradients): for each T the norms
 * of ∂y(t0+T)/∂y0, ∂y/∂θ and of the gradient of L = ⟨c, y(T)⟩, by pullbacks through the solve.
 * For y' = Ay, ∂y(T)/∂y0 = e^{AT}.
 */
export function gradientGrowthWithTime(
  field: Field64,
  y0: Float64Array,
  horizons: number[],
  options: GradientGrowthOptions = {},
): GradientGrowth {
  checkField(field, y0);
  const Ts = checkList("horizons", horizons, false);
  const t0 = options.t0 ?? 0;
  const method = options.gradient ?? discrete();
  const c = cotangentOf(options, field.dim);
  const points = Ts.map((T) => ({
    T,
    depth: null,
    ...measure(field, y0, [t0, t0 + T], options.solver ?? {}, method, c),
  }));
  return {
    points,
    slope: slope(
      Ts,
      points.map((p) => Math.log(p.jacobianNorm)),
    ),
  };
}

/**
 * The same with ResNet depth: N residual blocks y_{l+1} = y_l + h f(t_l, y_l), h = T/N — explicit
 * Euler with N steps (resnetFromField's network; Chen et al. 2018), differentiated exactly by
 * discrete(). For y' = Ay, ∂y_N/∂y0 = (I + hA)^N.
 */
export function gradientGrowthWithDepth(
  field: Field64,
  y0: Float64Array,
  T: number,
  depths: number[],
  options: Omit<GradientGrowthOptions, "solver" | "gradient"> = {},
): GradientGrowth {
  checkField(field, y0);
  checkPositive("T", T);
  const Ns = checkList("depths", depths, true);
  const t0 = options.t0 ?? 0;
  const method = discrete();
  const c = cotangentOf(options, field.dim);
  const points = Ns.map((N) => {
    // One output per layer so that each interval is exactly one Euler step (no clipped last step).
    const times = Array.from({ length: N + 1 }, (_, l) => t0 + (l * T) / N);
    return { T, depth: N, ...measure(field, y0, times, { method: "Euler", maxSteps: N + 1 }, method, c) };
  });
  return {
    points,
    slope: slope(
      Ns,
      points.map((p) => Math.log(p.jacobianNorm)),
    ),
  };
}
