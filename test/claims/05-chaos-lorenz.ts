import assert from "node:assert/strict";
import { between, custom, equals, near, relNear, type ClaimCheck } from "./check";

// Claims of notebooks/05-chaos-lorenz.ipynb: the true Lorenz-63 spectrum against Sprott (2003,
// Chaos and Time-Series Analysis, appendix A: λ = 0.9056, 0, −14.5723; D_KY = 2.0621) and the exact
// sum −(σ + 1 + β); the learned spectrum against the zero exponent of a flow, Liouville's formula
// and a band around the true λ1; conclusions against the numbers they are chosen from.

const num = (all: Record<string, unknown>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};

const exactSum = -(10 + 1 + 8 / 3);

export const checks: ClaimCheck[] = [
  near(
    "true.lambda1",
    0.9056,
    0.01,
    "Sprott 2003: λ1 = 0.9056; a 4000-time-unit average has a batch-means standard error ≈ 0.003, so 0.01 is ≈ 3σ",
  ),
  custom(
    "true.lambda1.stdErr",
    "batch means over 10 blocks of 400 time units; Sprott's value within 4 of them",
    (v, all) => {
      const se = num(all, "true.lambda1.stdErr");
      assert.ok(se > 0 && se < 0.006, `standard error ${v} (expected (0, 0.006) at T = 4000)`);
      const l1 = num(all, "true.lambda1");
      assert.ok(
        Math.abs(l1 - 0.9056) <= 4 * se,
        `λ1 = ${l1} is ${Math.abs(l1 - 0.9056) / se} standard errors from 0.9056`,
      );
    },
  ),
  near(
    "true.lambda2",
    0,
    0.005,
    "a bounded, non-stationary orbit of an autonomous flow has an exponent exactly 0 (Haken 1983)",
  ),
  near("true.lambda3", -14.5723, 0.02, "Sprott 2003: λ3 = −14.5723 (λ3 = exact sum − λ1 − λ2, so its error is λ1's)"),
  relNear(
    "true.sum",
    exactSum,
    1e-5,
    "tr J = −(σ + 1 + β) = −13.6667 everywhere on Lorenz-63, so Σλ is exact up to RK4's O(h⁴) error (1e-4 absolute at h = 0.01)",
  ),
  near("exact.sum", exactSum, 1e-12, "−(σ + 1 + β) with σ = 10, β = 8/3"),
  near("true.kaplanYorke", 2.0621, 0.002, "Sprott 2003: D_KY = 2.0621 (2 + λ1/|λ3|, error from λ1's ≈ 0.003/14.6)"),
  custom(
    "forecast.horizonLyapunovTimes",
    "horizon in Lyapunov times = horizon × the λ1 computed in the notebook (not a typed value)",
    (v, all) => {
      const want = num(all, "forecast.horizon") * num(all, "true.lambda1");
      assert.ok(Math.abs((v as number) - want) <= 1e-12, `${v} vs horizon × λ1 = ${want}`);
    },
  ),
  between(
    "forecast.medianHorizonLyapunovTimes",
    0.2,
    3,
    "a 3000-iteration model with window loss ~1e-4: errors of ~1e-2 grow as e^{λ1 t} to 0.3 within ~log(30) ≈ 3.4 Lyapunov times at most",
  ),
  between(
    "learned.lambda1",
    0.6,
    1.2,
    "a model that reproduces the attractor should stretch at about the true rate: within ±1/3 of λ1 = 0.9056",
  ),
  custom(
    "learned.chaotic",
    "chaotic ⇔ λ1 − 3·(standard error) > 0, the rule the notebook's text is chosen by",
    (v, all) => {
      const l1 = num(all, "learned.lambda1");
      const se = num(all, "learned.lambda1.stdErr");
      assert.equal(v, l1 - 3 * se > 0, `learned.chaotic = ${v} with λ1 = ${l1} ± ${se}`);
      assert.equal(v, true, "the trained model is chaotic (λ1 positive by > 3 standard errors)");
    },
  ),
  custom(
    "learned.lambda2",
    "the zero exponent along the flow of an autonomous field: |λ2| ≤ max(3 standard errors, 0.01)",
    (v, all) => {
      const se = num(all, "learned.lambda2.stdErr");
      assert.ok(Math.abs(v as number) <= Math.max(3 * se, 0.01), `λ2 = ${v} ± ${se}`);
    },
  ),
  custom(
    "learned.sum",
    "Liouville: Σλ = time average of ∇·f = tr J along the orbit (two independent runs agree to 1 %)",
    (v, all) => {
      const div = num(all, "learned.meanDivergence");
      assert.ok(Math.abs((v as number) / div - 1) <= 0.01, `Σλ = ${v}, mean divergence ${div}`);
    },
  ),
  custom(
    "learned.contractionMatches",
    "the sentence on contraction is chosen by |Σλ/(−13.667) − 1| < 0.1",
    (v, all) => {
      const rel = num(all, "learned.sumRelErr");
      assert.ok(Math.abs(rel - (num(all, "learned.sum") - exactSum) / exactSum) < 1e-12, "sumRelErr recomputed");
      assert.equal(v, Math.abs(rel) < 0.1);
    },
  ),
  custom(
    "attractor.onAttractor",
    "on ⇔ inside the enlarged box and 95th-percentile distance learned → true sample ≤ 1.25 × an independent true stretch's",
    (v, all) => {
      const ratio = num(all, "attractor.on.ratio");
      assert.ok(
        Math.abs(ratio - num(all, "attractor.on.p95.learned") / num(all, "attractor.on.p95.reference")) < 1e-12,
        "ratio recomputed",
      );
      assert.equal(v, all["attractor.inBox"] === true && ratio <= 1.25, `onAttractor ${v}, ratio ${ratio}`);
      assert.equal(v, true, "the trained model's long run stays on the attractor");
    },
  ),
  custom(
    "attractor.covers",
    "covers ⇔ 95th-percentile distance true sample → learned run ≤ 1.25 × true sample → independent true stretch",
    (v, all) => {
      const ratio = num(all, "attractor.cover.ratio");
      assert.ok(
        Math.abs(ratio - num(all, "attractor.cover.p95.learned") / num(all, "attractor.cover.p95.reference")) < 1e-12,
        "ratio recomputed",
      );
      assert.equal(v, ratio <= 1.25, `covers ${v}, ratio ${ratio}`);
    },
  ),
  between(
    "attractor.control.on.ratio",
    0.75,
    1.25,
    "control: a third true stretch in place of the learned run is on the attractor by the same test (two samples of one invariant measure)",
  ),
  between(
    "attractor.control.cover.ratio",
    0.75,
    1.25,
    "control: a third true stretch covers the attractor by the same test",
  ),
  equals("attractor.learnedRunStatus", "success", "DOP853 completes 200 time units of a bounded learned flow"),
  between(
    "attractor.on.p95.reference",
    0.01,
    0.2,
    "5001 points on a 2.06-dimensional attractor of unit spread: nearest neighbours ~0.05–0.1 apart",
  ),
];
