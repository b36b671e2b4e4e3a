import assert from "node:assert/strict";
import { between, custom, equals, near, type ClaimCheck } from "./check";

// Claims of notebooks/09-stability.ipynb: the true fixed points against their closed forms (Lorenz-63:
// origin and C± = (±√(β(ρ−1)), ±√(β(ρ−1)), ρ−1); the reduced kinetics network: the roots of
// 4B² + 1.25B − 1 = 0 and its Jacobian classified by hand), λh against the stability regions
// (DOPRI5's stability polynomial, A-stability of Rodas5), gradient growth against the slowest
// eigenvalue, ρ(I + ΔJ) and the log-norm bound, adversarial changes against ε·σ_max, and the
// conclusions against the numbers they are chosen from.

const num = (all: Record<string, unknown>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};
const arr = (all: Record<string, unknown>, name: string): number[] => {
  assert.ok(Array.isArray(all[name]), `claim ${name} should be an array, got ${JSON.stringify(all[name])}`);
  return all[name] as number[];
};

// The reduced network A ⇌ B (20, 5), 2B ⇌ C (1, 0.5) with C = (1 − A − B)/2 under mass action:
// A' = −20A + 5B, B' = 19.5A − 5.5B − 2B² + 0.5, so J = [[−20, 5], [19.5, −5.5 − 4B]] at A = B/4.
function kineticsClass(B: number): string {
  const tr = -20 + (-5.5 - 4 * B);
  const det = -20 * (-5.5 - 4 * B) - 5 * 19.5;
  if (det < 0) return "saddle";
  const disc = tr * tr - 4 * det;
  if (tr < 0) return disc >= 0 ? "stable node" : "stable focus";
  return disc >= 0 ? "unstable node" : "unstable focus";
}
const kineticsRoots = [1, -1].map((s) => (-1.25 + s * Math.sqrt(1.25 ** 2 + 16)) / 8);

// DOPRI5's stability function on the real axis: Σ_{j≤5} x^j/j! + x⁶/600 (Hairer, Nørsett & Wanner I, §IV.2).
const dopri5R = (x: number) => 1 + x + x ** 2 / 2 + x ** 3 / 6 + x ** 4 / 24 + x ** 5 / 120 + x ** 6 / 600;

export const checks: ClaimCheck[] = [
  equals("fp.true.count", 3, "Lorenz-63 with ρ > 1 has exactly three fixed points: the origin and C±"),
  near(
    "fp.true.maxAnalyticError",
    0,
    1e-8,
    "Newton from 60 starts against the closed forms (0, 0, 0) and (±√(β(ρ−1)), ±√(β(ρ−1)), ρ−1); Newton stops at ‖Δy‖ ≤ 1e-12·(1 + ‖y‖)",
  ),
  equals(
    "fp.true.classes",
    "saddle; saddle-focus; saddle-focus",
    "origin: eigenvalues 11.83, −2.67, −22.83 (real, both signs); C±: −13.85 and 0.094 ± 10.19i (Sparrow, The Lorenz Equations, 1982, ch. 1)",
  ),
  near("fp.kinetics.maxAnalyticError", 0, 1e-10, "the roots B = (−1.25 ± √17.5625)/8 of 4B² + 1.25B − 1 = 0, A = B/4"),
  custom(
    "fp.kinetics.trueClasses",
    "the reduced Jacobian [[−20, 5], [19.5, −5.5 − 4B]] classified by hand at each root (trace, determinant, discriminant)",
    (v) => assert.equal(v, kineticsRoots.map(kineticsClass).join("; ")),
  ),
  custom(
    "fp.lorenz.statuses",
    "compareFixedPoints' rule: 'missing' exactly when the nearest learned point is farther than the tolerance",
    (v, all) => {
      const statuses = String(v).split("; ");
      const d = arr(all, "fp.lorenz.distances");
      const tol = num(all, "fp.lorenz.tolerance");
      assert.equal(statuses.length, 3);
      statuses.forEach((s, i) =>
        assert.equal(s === "missing", d[i] > tol, `status ${s} at distance ${d[i]}, tol ${tol}`),
      );
    },
  ),
  custom(
    "fp.lorenz.agree",
    "the notebook's conclusion 'a low training loss with wrong fixed points': the comparison disagrees while the loss is below 1e-3",
    (v, all) => {
      const statuses = String(all["fp.lorenz.statuses"]).split("; ");
      assert.equal(v, num(all, "fp.lorenz.extras") === 0 && statuses.every((s) => s === "match"), "agree recomputed");
      assert.equal(v, false, "the learned Lorenz model's fixed points differ from the true ones");
      assert.ok(num(all, "lorenz.finalLoss") < 1e-3, `final loss ${all["lorenz.finalLoss"]}`);
    },
  ),
  custom(
    "fp.kinetics.statuses",
    "the learned kinetics model has the physical equilibrium (match, within 0.01 in concentration) and misses the saddle at negative concentrations, as the text says",
    (v, all) => {
      const statuses = String(v).split("; ");
      const d = arr(all, "fp.kinetics.distances");
      // Recorded in the order of kineticsRoots: the physical equilibrium (B > 0), then the saddle.
      assert.deepEqual(statuses, ["match", "missing"]);
      assert.ok(d[0] < 0.01, `distance to the equilibrium ${d[0]}`);
    },
  ),
  custom(
    "dopri5.realBoundary",
    "|R(x)| = 1 for DOPRI5's stability polynomial Σ_{j≤5} x^j/j! + x⁶/600 at the computed crossing (to 1e-9), ≈ −3.31",
    (v) => {
      const x = v as number;
      assert.ok(Math.abs(Math.abs(dopri5R(x)) - 1) < 1e-9, `|R(${x})| = ${Math.abs(dopri5R(x))}`);
      assert.ok(x > -3.4 && x < -3.2, `${x}`);
    },
  ),
  between(
    "kinetics.dopri5.lateMedianRatio",
    0.9,
    1.1,
    "an explicit method on a stiff problem: once the transient has decayed the controller holds λ_fast·h at the region's boundary (Hairer & Wanner II, §IV.2); ±10 %",
  ),
  custom(
    "kinetics.rodas5.outside",
    "Rodas5 is A-stable: with every Re λ < 0 along the orbit no λh can be outside",
    (v, all) => {
      assert.ok(num(all, "kinetics.learned.maxRe") < 0, "all eigenvalues decay");
      assert.equal(v, 0);
    },
  ),
  custom(
    "lorenz.dopri5.decayingOutside",
    "the text: every λh outside is a growing mode; |λh| ≤ 0.5 stays far from the boundary on the negative real axis (−2.79 RK4, −3.31 DOPRI5)",
    (v, all) => {
      assert.equal(v, 0);
      assert.equal(num(all, "lorenz.rk4.decayingOutside"), 0);
      assert.ok(num(all, "lorenz.dopri5.maxAbsLambdaH") < 0.2 * 3.3, `max |λh| ${all["lorenz.dopri5.maxAbsLambdaH"]}`);
    },
  ),
  custom(
    "gradT.kinetics.lateRate",
    "near a stable node Φ(T) ∼ e^{λ_slow T}: the slope of ln‖Φ(T)‖₂ over T ∈ [4, 8] equals the slowest eigenvalue at the fixed point (relative 1e-3)",
    (v, all) => {
      const lam = num(all, "gradT.kinetics.slowestEigenvalue");
      assert.ok(lam < 0);
      assert.ok(Math.abs((v as number) / lam - 1) < 1e-3, `rate ${v}, λ_slow ${lam}`);
    },
  ),
  custom(
    "gradT.lorenz.boundHolds",
    "Dahlquist's log-norm bound ln‖Φ(T)‖₂ ≤ ∫ μ₂(J) dt (Söderlind 2006) holds at every start",
    (v, all) => {
      assert.equal(v, true);
      arr(all, "gradT.lorenz.boundMargins").forEach((m) => assert.ok(m >= 0, `margin ${m}`));
    },
  ),
  near(
    "gradT.lorenz.routeRelDiff",
    0,
    1e-6,
    "reverse mode through DOPRI5's steps and the variational equation at rtol 1e-9 agree on σ_max(Φ(6))",
  ),
  between(
    "gradT.lorenz.growthTrue",
    0.6,
    1.3,
    "ln‖Φ(T)‖₂ grows at a finite-time Lyapunov rate, around λ1 = 0.9056 (Sprott 2003) for T ≤ 6 from five states",
  ),
  near(
    "resnet.longer.maxRelErr",
    0,
    0.05,
    "at a fixed point each Euler block multiplies by I + ΔJ*, so ‖(I + ΔJ*)^N‖^{1/N} → ρ(I + ΔJ*) (Gelfand); the slope over N = 10…60 within 5 %",
  ),
  custom(
    "resnet.longer.perLayer",
    "Euler's stability disc |1 + λΔ| ≤ 1: the gradient decays for Δ = 0.5 and 0.9 × 2/|λ_fast| and explodes for 1.1 ×",
    (v, all) => {
      const p = v as number[];
      assert.ok(p[0] < 0 && p[1] < 0 && p[2] > 0, `per-block rates ${p}`);
      const lam = num(all, "resnet.longer.lambdaFast");
      assert.ok(Math.abs(num(all, "resnet.longer.deltaCritical") - 2 / Math.abs(lam)) < 1e-12);
    },
  ),
  between(
    "resnet.finer.order",
    -1.1,
    -0.9,
    "Euler is first order: the ResNet's ‖∂h_N/∂h_0‖ converges to the ODE's as N^−1",
  ),
  near(
    "ftle.true.sumMaxError",
    0,
    1e-6,
    "Liouville: the FTLEs sum to (1/T)∫ tr J dt = −(σ + 1 + β) exactly for Lorenz-63 (variational solve at rtol 1e-9)",
  ),
  custom("ftle.correlation", "the sentence on the FTLE pattern is chosen by r > 0.9 / > 0.5", (v) =>
    assert.ok((v as number) >= -1 && (v as number) <= 1),
  ),
  custom(
    "adv.pgd.ratio",
    "to first order the change is Φδ ≤ ‖δ‖₂σ_max: PGD on the ℓ2 ball reaches the bound up to O(ε) — within [0.99, 1 + 1e-6] at ε = 1e-4 and [0.9, 1 + 1e-6] at ε = 1e-3",
    (v) => {
      const r = v as number[];
      assert.ok(r[0] >= 0.99 && r[0] <= 1 + 1e-6, `ratio at ε = 1e-4: ${r[0]}`);
      assert.ok(r[1] >= 0.9 && r[1] <= 1 + 1e-6, `ratio at ε = 1e-3: ${r[1]}`);
    },
  ),
  near(
    "adv.pgd.rayleigh",
    1,
    1e-4,
    "the PGD direction at ε = 1e-4 is the top right-singular vector of Φ: √(δᵀΦᵀΦδ)/‖δ‖ = σ_max",
  ),
  between(
    "adv.pgd.gapGrowth",
    7,
    13,
    "the gap 1 − ratio is the flow's second-order term, linear in ε: tenfold from ε = 1e-4 to 1e-3 (±30 %)",
  ),
  custom(
    "adv.fgsm.ratio",
    "no perturbation beats the linear bound at small ε: FGSM's change / (‖δ‖₂σ_max) ≤ 1 + 1e-3 for ε ≤ 1e-3",
    (v) => (v as number[]).slice(0, 2).forEach((r) => assert.ok(r > 0 && r <= 1 + 1e-3, `ratio ${r}`)),
  ),
  custom(
    "coverage.radius",
    "dataCoverage's default radius is 3 data spacings; the fractions are fractions",
    (v, all) => {
      assert.ok(Math.abs((v as number) - 3 * num(all, "coverage.spacing")) < 1e-12);
      for (const k of ["coverage.learned.fractionOutside", "coverage.true.fractionOutside"])
        assert.ok(num(all, k) >= 0 && num(all, k) <= 1, k);
    },
  ),
];
