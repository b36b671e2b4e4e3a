import type { Spectrum } from "./eigenvalues";

export type FixedPointClass =
  | "stable node"
  | "stable focus"
  | "unstable node"
  | "unstable focus"
  | "saddle"
  | "saddle-focus"
  | "center/non-hyperbolic";

/**
 * Classification of a fixed point by the eigenvalues λ of its Jacobian (Hartman–Grobman; Strogatz,
 * Nonlinear Dynamics and Chaos, §5.2 and §6.3; Kuznetsov, Elements of Applied Bifurcation Theory, §2.1).
 * With scale ρ = max(1, max |λ|) and tolerance τ = tol·ρ:
 * - some |Re λ| ≤ τ: "center/non-hyperbolic" (linearisation does not decide stability);
 * - all Re λ < −τ: "stable focus" if some |Im λ| > τ (a complex pair), else "stable node";
 * - all Re λ > τ: "unstable focus" / "unstable node" likewise;
 * - both signs: "saddle-focus" if some |Im λ| > τ, else "saddle".
 */
export function classifyFixedPoint(s: Spectrum, tol = 1e-9): FixedPointClass {
  let scale = 1;
  for (let i = 0; i < s.re.length; i++) scale = Math.max(scale, Math.hypot(s.re[i], s.im[i]));
  const tau = tol * scale;
  let pos = 0;
  let neg = 0;
  let complex = false;
  for (let i = 0; i < s.re.length; i++) {
    if (Math.abs(s.re[i]) <= tau) return "center/non-hyperbolic";
    if (s.re[i] > 0) pos++;
    else neg++;
    if (Math.abs(s.im[i]) > tau) complex = true;
  }
  if (pos === 0) return complex ? "stable focus" : "stable node";
  if (neg === 0) return complex ? "unstable focus" : "unstable node";
  return complex ? "saddle-focus" : "saddle";
}
