import assert from "node:assert/strict";
import { between, custom, equals, near, relNear, type ClaimCheck } from "./check";

// Claims of notebooks/03-reaction-kinetics.ipynb: stiff solves against published references,
// rate constants against the data generator's true values within standard errors derived from
// the noise, the identifiability report on a fast equilibrium, the neural ODE's conservation
// error, and the stiff UDE (Rodas5 vs DOPRI5).

const num = (all: Record<string, unknown>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};

/** |ln(value / truth)| ≤ z · se, with the truth and the standard error of ln k taken from other claims. */
const withinSe = (name: string, truth: string | number, se: string, z: number, reference: string): ClaimCheck =>
  custom(name, reference, (v, all) => {
    const k = typeof truth === "number" ? truth : num(all, truth);
    const s = num(all, se);
    const dev = Math.abs(Math.log((v as number) / k));
    assert.ok(dev <= z * s, `${name} = ${v}: |ln(k̂/k)| = ${dev} > ${z}·se = ${z * s} (true ${k}; ${reference})`);
  });

export const checks: ClaimCheck[] = [
  // 1 · ROBER
  equals(
    "roberConservationLaw",
    [1, 1, 1],
    "every column of ROBER's N sums to zero (A + B + C conserved, HNW II Sec. IV.1)",
  ),
  equals("roberTEnd", 100000, "the solves reach the end of [0, 1e5]"),
  between(
    "roberRodas5RelErr",
    0,
    1e-6,
    "Rodas5 at rtol 1e-8 against ROBER's y(1e5) reference: global error ≤ 100·rtol",
  ),
  between("roberBDFRelErr", 0, 1e-6, "BDF at rtol 1e-8 against ROBER's y(1e5) reference: global error ≤ 100·rtol"),
  between(
    "roberRodas5Drift",
    0,
    1e-12,
    "Rosenbrock methods preserve linear invariants exactly (Shampine 1986, Comput. Math. Appl. 12B): rounding only",
  ),
  between("roberBDFDrift", 0, 1e-12, "BDF (a linear multistep method) preserves linear invariants: rounding only"),
  equals("roberDopri5Status", "maxSteps", "ROBER is stiff: an explicit method runs out of steps (HNW II Sec. IV.1)"),
  between(
    "roberDopri5TReached",
    0,
    1000,
    "DOPRI5's step is held at its stability limit ~3.3/|λ| with |λ| ≳ 1e2–1e4 on ROBER's slow phase: 50 000 steps end far before t = 1e5",
  ),
  custom(
    "roberRodas5StepsToDopri5End",
    "over the stretch DOPRI5 covered, Rodas5 at the same tolerances needs ≥ 100× fewer steps: DOPRI5 is held by stability, not accuracy",
    (v, all) =>
      assert.ok(
        (v as number) * 100 <= num(all, "roberDopri5Steps"),
        `Rodas5 ${v} vs DOPRI5 ${num(all, "roberDopri5Steps")} steps`,
      ),
  ),
  // 2 · POLLU
  equals("polluSpecies", 20, "POLLU has 20 species (Verwer 1994; IVP test set)"),
  equals("polluReactions", 25, "POLLU has 25 reactions (Verwer 1994; IVP test set)"),
  between(
    "polluRelErr",
    0,
    1e-6,
    "Rodas5 at rtol 1e-8 against the IVP test set's POLLU y(60) (Mazzia et al.): ≤ 100·rtol",
  ),
  between("polluAbsErrSmall", 0, 1e-12, "the species below atol = 1e-12 (y16 ≈ 4e-18) are accurate to atol"),
  // 3 · rate fitting
  equals("k1True", 1, "data/abc-kinetics.md: k1 = 1.0"),
  equals("k2True", 0.3, "data/abc-kinetics.md: k2 = 0.3"),
  equals("fitConverged", true, "Levenberg–Marquardt converges from k = 0.05 on A → B → C"),
  withinSe(
    "k1Fit",
    "k1True",
    "k1LogSe",
    3,
    "fitted k1 within 3 standard errors (from the residual noise) of the generator's value",
  ),
  withinSe("k2Fit", "k2True", "k2LogSe", 3, "fitted k2 within 3 standard errors of the generator's value"),
  between("k1LogSe", 1e-3, 0.03, "noise σ = 0.01 on 123 values determines ln k1 to about a per cent"),
  between("k2LogSe", 1e-3, 0.03, "noise σ = 0.01 on 123 values determines ln k2 to about a per cent"),
  equals("fitUnidentifiable", "", "both constants of A → B → C are identified by data that resolve both time scales"),
  equals(
    "eqFreeUnidentifiable",
    "kf,kb",
    "a fast equilibrium sampled far slower than 1/(kf + kb) identifies only kf/kb (and k2): kf and kb are named",
  ),
  between(
    "eqFreeCorrKfKb",
    0.99,
    1 + 1e-12,
    "only kf/kb is seen, so the ln kf and ln kb estimates move together (ρ → +1; ρ = 1 is computed to round-off, 1e-12)",
  ),
  withinSe(
    "eqFreeRatio",
    "eqTrueRatio",
    "eqBoundedKbLogSe",
    3,
    "the identified combination kf/kb is recovered (its standard error: that of ln kb with kf fixed at its bound)",
  ),
  withinSe("eqFreeK2", 0.5, "eqFreeK2LogSe", 3, "k2 (true 0.5) stays identified and recovered while kf and kb drift"),
  equals("eqBoundedAtBound", "kf", "with kf bounded to [1, 5000] it ends at the bound"),
  equals("eqBoundedUnidentifiable", 0, "with kf held at its bound, kb and k2 are identified (the fit's advice works)"),
  // 4 · neural ODE
  custom(
    "nodeErrIn",
    "a model fitted to data with noise σ tracks the noise-free truth within 3σ on the training span",
    (v, all) =>
      assert.ok((v as number) <= 3 * num(all, "noiseSd"), `training-span error ${v} > 3σ = ${3 * num(all, "noiseSd")}`),
  ),
  custom("nodeErrOut", "the extrapolation to t = 10 stays within 5σ of the truth", (v, all) =>
    assert.ok((v as number) <= 5 * num(all, "noiseSd"), `extrapolation error ${v} > 5σ = ${5 * num(all, "noiseSd")}`),
  ),
  custom("nodeMassDrift", "A + B + C is not built into the network; the text says it holds within 3σ of 1", (v, all) =>
    assert.ok((v as number) <= 3 * num(all, "noiseSd"), `|A + B + C − 1| up to ${v} > 3σ`),
  ),
  between(
    "exactMassDrift",
    0,
    1e-12,
    "the mass-action model conserves A + B + C; DOP853 keeps linear invariants (rounding only)",
  ),
  // 5 · stiff UDE
  equals("udeRodas5Success", true, "Rodas5 solves the trained stiff UDE"),
  equals("udeDopri5Status", "maxSteps", "the learned model keeps ROBER's fast reactions, so DOPRI5 runs out of steps"),
  between(
    "udeRelErrA",
    0,
    0.02,
    "A within 2 % (10× the data's 0.2 % noise) of the noise-free ROBER at every data time",
  ),
  near("trueSlowA", -0.032, 1e-15, "−k1·A at A = 0.8 with k1 = 0.04 (Robertson 1966)"),
  between("udeAOff", 0, 0.3, "the learned consumption of A is within 30 % of k1·A (the text reports the deviation)"),
  custom("udeLossLast", "training lowers the UDE's loss at least 100× from the known physics alone", (v, all) =>
    assert.ok((v as number) < num(all, "udeLossFirst") / 100, `loss ${v} vs start ${num(all, "udeLossFirst")}`),
  ),
  relNear("eqTrueRatio", 2, 0, "kf/kb = 1000/500"),
];
