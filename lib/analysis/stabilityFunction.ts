import type { MethodName } from "../ode/types";
import type { ExplicitTableau } from "../ode/tableaus/tableau";
import { methodInfo } from "../ode/methods";
import { rodas5 } from "../ode/tableaus/rodas5";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { polynomialRoots } from "./polynomialRoots";
import { NDF_KAPPA } from "../ode/steppers/bdf";

/**
 * The linear stability of a method on Dahlquist's test equation y' = λy, z = λh (Hairer & Wanner,
 * Solving ODEs II, §IV.2 and §V.1). One-step methods: y_1 = R(z) y_0 and `modulus` is |R(z)|.
 * BDF: all roots ζ of the characteristic equation, `modulus` the largest |ζ| (the amplification of
 * the dominant mode); the region of absolute stability is modulus ≤ 1 for both.
 */
export interface StabilityFunction {
  method: MethodName;
  kind: "explicitRungeKutta" | "rosenbrock" | "bdf";
  /** The method's order (BDF: the order k of the formula this function is for). */
  order: number;
  /** |R(z)|, or for BDF the largest root modulus, at z = re + i·im. */
  modulus(re: number, im: number): number;
  /** R(z) as [re, im] for the one-step methods; null for BDF, which has no single R. */
  value(re: number, im: number): [number, number] | null;
}

export interface StabilityOptions {
  /** BDF: the order k (1–5) of the formula. Default 5 (the smallest region of the stepper's orders). */
  order?: number;
  /**
   * BDF: "ndf" (default, what lib/ode's BDF stepper integrates: the numerical differentiation
   * formulas of Shampine & Reichelt 1997 with their κ) or "bdf" (κ = 0, the classical BDF).
   */
  formula?: "ndf" | "bdf";
}

/** κ_k of the NDFs, k = 1..5: the BDF stepper's own (Shampine & Reichelt 1997, Table 1). */
export { NDF_KAPPA };

/**
 * The stability function of a registered method (a name of lib/ode's registry). Explicit
 * Runge–Kutta: R(z) = 1 + z bᵀ(I − zA)⁻¹𝟙 (HW II, eq. IV.2.3), A strictly lower triangular, so
 * forward substitution. Rodas5: the stepper's own stage recursion (transformed form, HW II
 * eq. IV.7.4') with J = λ, ∂f/∂t = 0, which equals R(z) = 1 + z bᵀ(I − z(α + Γ))⁻¹𝟙 of the
 * untransformed coefficients. BDF: see `StabilityOptions`. Auto switches between DOPRI5 and
 * Rodas5 step by step: ask for one of them.
 */
export function stabilityFunction(method: MethodName, options: StabilityOptions = {}): StabilityFunction {
  const info = methodInfo(method);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected { order, formula }, got ${describeValue(options)}`);
  if (info.kind === "explicitRungeKutta") return explicitStability(info.name, info.tableau!);
  if (info.kind === "rosenbrock") return rodas5Stability();
  if (info.kind === "bdf") {
    const order = options.order ?? 5;
    if (typeof order !== "number" || !Number.isInteger(order) || order < 1 || order > 5)
      throw new OdeArgumentError(
        "options.order",
        `must be an integer order 1–5 of the BDF stepper, got ${describeValue(order)}`,
      );
    const formula = options.formula ?? "ndf";
    if (formula !== "ndf" && formula !== "bdf")
      throw new OdeArgumentError("options.formula", `must be "ndf" or "bdf", got ${describeValue(formula)}`);
    return bdfStability(order, formula === "ndf" ? NDF_KAPPA[order - 1] : 0);
  }
  throw new OdeArgumentError(
    "method",
    `"${info.name}" (kind "${info.kind}") switches methods from step to step and has no single stability function: use DOPRI5 or Rodas5`,
  );
}

function explicitStability(name: MethodName, tab: ExplicitTableau): StabilityFunction {
  const s = tab.b.length;
  const gr = new Float64Array(s);
  const gi = new Float64Array(s);
  // Stage values g_i = 1 + z Σ_{j<i} a_ij g_j for y_0 = 1; R = 1 + z Σ b_i g_i.
  const value = (zr: number, zi: number): [number, number] => {
    let sr = 0;
    let si = 0;
    for (let i = 0; i < s; i++) {
      let ar = 0;
      let ai = 0;
      const row = tab.a[i];
      for (let j = 0; j < i; j++) {
        ar += row[j] * gr[j];
        ai += row[j] * gi[j];
      }
      gr[i] = 1 + zr * ar - zi * ai;
      gi[i] = zr * ai + zi * ar;
      sr += tab.b[i] * gr[i];
      si += tab.b[i] * gi[i];
    }
    return [1 + zr * sr - zi * si, zr * si + zi * sr];
  };
  return {
    method: name,
    kind: "explicitRungeKutta",
    order: tab.order,
    value,
    modulus: (re, im) => Math.hypot(...value(re, im)),
  };
}

function rodas5Stability(): StabilityFunction {
  const S = rodas5.C.length;
  const kr = new Float64Array(S);
  const ki = new Float64Array(S);
  const invGamma = 1 / rodas5.gamma;
  // (1/γ − z) k_i = z u_i + Σ_{j<i} C_ij k_j, u_i = 1 + Σ_j a_ij k_j for stages 1–6; stages 6–8
  // add k_i to u (stiffly accurate) — lib/ode/steppers/rodas5.ts's `stages` with J = λ, scaled by h.
  const value = (zr: number, zi: number): [number, number] => {
    const wr = invGamma - zr;
    const wi = -zi;
    const w2 = wr * wr + wi * wi;
    let ur = 1;
    let ui = 0;
    for (let i = 0; i < S; i++) {
      if (i > 0 && i < rodas5.a.length) {
        ur = 1;
        ui = 0;
        const a = rodas5.a[i];
        for (let j = 0; j < i; j++) {
          ur += a[j] * kr[j];
          ui += a[j] * ki[j];
        }
      }
      let rr = zr * ur - zi * ui;
      let ri = zr * ui + zi * ur;
      const c = rodas5.C[i];
      for (let j = 0; j < i; j++) {
        rr += c[j] * kr[j];
        ri += c[j] * ki[j];
      }
      kr[i] = (rr * wr + ri * wi) / w2;
      ki[i] = (ri * wr - rr * wi) / w2;
      if (i >= rodas5.a.length - 1) {
        ur += kr[i];
        ui += ki[i];
      }
    }
    return [ur, ui];
  };
  return {
    method: "Rodas5",
    kind: "rosenbrock",
    order: 5,
    value,
    modulus: (re, im) => Math.hypot(...value(re, im)),
  };
}

/**
 * BDF/NDF of order k: Σ_{m=1..k} (1/m) ∇^m y_{n+1} − κγ_k ∇^{k+1} y_{n+1} = h f_{n+1}
 * (Shampine & Reichelt 1997, eq. 2, with y_{n+1} − y⁽⁰⁾_{n+1} = ∇^{k+1} y_{n+1}). On y' = λy with
 * w = 1 − 1/ζ the characteristic equation is Σ_m w^m/m − κγ_k w^{k+1} − z = 0; each root w gives
 * ζ = 1/(1 − w).
 */
function bdfStability(k: number, kappa: number): StabilityFunction {
  let gamma = 0;
  for (let m = 1; m <= k; m++) gamma += 1 / m;
  const deg = kappa === 0 ? k : k + 1;
  const cr = new Float64Array(deg + 1);
  const ci = new Float64Array(deg + 1);
  for (let m = 1; m <= k; m++) cr[m] = 1 / m;
  if (kappa !== 0) cr[k + 1] = -kappa * gamma;
  const modulus = (zr: number, zi: number): number => {
    cr[0] = -zr;
    ci[0] = -zi;
    const w = polynomialRoots(cr, ci);
    let rho = 0;
    for (let j = 0; j < deg; j++) rho = Math.max(rho, 1 / Math.hypot(1 - w.re[j], w.im[j]));
    return rho;
  };
  return { method: "BDF", kind: "bdf", order: k, modulus, value: () => null };
}

/**
 * The boundary locus of the BDF/NDF of order k (HW II §V.1; HNW I §III.3, Fig. 3.4 for BDF):
 * z(θ) = Σ_m w^m/m − κγ_k w^{k+1}, w = 1 − e^{−iθ}, θ ∈ [0, 2π] — the z where a root has |ζ| = 1.
 * The region of absolute stability lies outside the closed curve.
 */
export function bdfBoundaryLocus(
  order: number,
  formula: "ndf" | "bdf" = "bdf",
  points = 721,
): { re: number[]; im: number[] } {
  if (!Number.isInteger(order) || order < 1 || order > 6)
    throw new OdeArgumentError("order", `must be an integer 1–6, got ${describeValue(order)}`);
  if (formula !== "ndf" && formula !== "bdf")
    throw new OdeArgumentError("formula", `must be "ndf" or "bdf", got ${describeValue(formula)}`);
  if (formula === "ndf" && order > 5) throw new OdeArgumentError("order", `the NDFs have orders 1–5, got ${order}`);
  if (!Number.isInteger(points) || points < 3)
    throw new OdeArgumentError("points", `must be an integer ≥ 3, got ${describeValue(points)}`);
  const kappa = formula === "ndf" ? NDF_KAPPA[order - 1] : 0;
  let gamma = 0;
  for (let m = 1; m <= order; m++) gamma += 1 / m;
  const re: number[] = [];
  const im: number[] = [];
  for (let p = 0; p < points; p++) {
    const theta = (2 * Math.PI * p) / (points - 1);
    const wr = 1 - Math.cos(theta);
    const wi = Math.sin(theta);
    let pr = 1;
    let pi = 0;
    let zr = 0;
    let zi = 0;
    for (let m = 1; m <= order + 1; m++) {
      const npr = pr * wr - pi * wi;
      pi = pr * wi + pi * wr;
      pr = npr;
      const c = m <= order ? 1 / m : -kappa * gamma;
      zr += c * pr;
      zi += c * pi;
    }
    re.push(zr);
    im.push(zi);
  }
  return { re, im };
}

/**
 * The angle α of A(α)-stability read off the boundary locus: the sector |arg(−z)| < α lies in the
 * region, α = min over the locus of π − |arg z| (z ≠ 0), in degrees (HW II §V.2, Table 2.3 for BDF).
 */
export function bdfStabilityAngle(order: number, formula: "ndf" | "bdf" = "bdf", points = 20001): number {
  const { re, im } = bdfBoundaryLocus(order, formula, points);
  let alpha = Math.PI;
  for (let p = 0; p < re.length; p++) {
    if (Math.hypot(re[p], im[p]) < 1e-12) continue;
    alpha = Math.min(alpha, Math.PI - Math.abs(Math.atan2(im[p], re[p])));
  }
  return (alpha * 180) / Math.PI;
}
