import assert from "node:assert/strict";
import { between, custom, near, type ClaimCheck } from "./check";
import type { ClaimValue } from "../../lib/report/claims";

// Claims of notebooks/08-interpretability.ipynb: two learned models against trivial baselines;
// each attribution method against its own reference (central differences, forward sensitivities,
// IG completeness, LRP conservation, LIME's local fidelity); the learned models' sensitivities against
// the true systems'; and the agreement numbers the prose states, recomputed here from the recorded
// attribution vectors with an independent Spearman implementation.

const num = (all: Record<string, ClaimValue>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};
const arr = (all: Record<string, ClaimValue>, name: string): number[] => {
  assert.ok(Array.isArray(all[name]), `claim ${name} should be an array, got ${JSON.stringify(all[name])}`);
  return all[name] as number[];
};

// Spearman's ρ (1904): Pearson's correlation of the ranks, ties given their mean rank.
function spearman(a: number[], b: number[]): number {
  const rank = (v: number[]): number[] => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    let i = 0;
    while (i < order.length) {
      let j = i;
      while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
      for (let k = i; k <= j; k++) r[order[k][1]] = (i + j + 2) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const methods = ["saliency", "IG", "SmoothGrad", "LIME", "LRP"];
const pairs = methods.flatMap((a, i) => methods.slice(i + 1).map((b) => [a, b] as const));
const withTrue = ["saliency", "IG", "SmoothGrad", "LIME"];

/** The model beats both trivial baselines (persistence h(t) = h(0), the mean training trajectory) by a stated factor. */
function beatsBaselines(model: string, factor: number): ClaimCheck {
  return custom(
    `${model}.test.rmse`,
    `test RMSE below ${factor} × that of persistence and of the mean training trajectory (trivial baselines, same test states)`,
    (v, all) => {
      for (const b of ["rmsePersistence", "rmseMeanTrajectory"]) {
        const base = num(all, `${model}.test.${b}`);
        assert.ok((v as number) < factor * base, `${model} RMSE ${v} not below ${factor} × ${b} ${base}`);
      }
    },
  );
}

/** The ρ values the prose states, recomputed from the pooled attributions (state-major, same order). */
function rhoRecomputed(model: string): ClaimCheck[] {
  return [
    ...pairs.map(([a, b]) =>
      custom(
        `${model}.rho.${a}.${b}`,
        `Spearman ρ of ${a} vs ${b} (learned), recomputed from the recorded attributions to 1e-12`,
        (v, all) => {
          const rho = spearman(arr(all, `${model}.pooled.learned.${a}`), arr(all, `${model}.pooled.learned.${b}`));
          assert.ok(Math.abs((v as number) - rho) <= 1e-12, `${model} ρ(${a}, ${b}) = ${v}, recomputed ${rho}`);
        },
      ),
    ),
    ...withTrue.map((m) =>
      custom(
        `${model}.rhoVsTrue.${m}`,
        `Spearman ρ of ${m} on the learned model vs on the true system, recomputed to 1e-12`,
        (v, all) => {
          const rho = spearman(arr(all, `${model}.pooled.learned.${m}`), arr(all, `${model}.pooled.true.${m}`));
          assert.ok(Math.abs((v as number) - rho) <= 1e-12, `${model} ρ(${m} learned, true) = ${v}, recomputed ${rho}`);
        },
      ),
    ),
    custom(
      `summary.${model}.pairsBelow09`,
      `the count of method pairs below ρ = 0.9 that the summary states, recounted from the ρ claims`,
      (v, all) => {
        const below = pairs.filter(([a, b]) => num(all, `${model}.rho.${a}.${b}`) < 0.9).length;
        assert.equal(v, below, `${model}: ${v} pairs stated below 0.9, ${below} recounted`);
      },
    ),
  ];
}

/** The step-agreement numbers the prose states, recomputed from the recorded median distances. */
function stepsRecomputed(model: string): ClaimCheck {
  return custom(
    `${model}.steps.median`,
    "max, count within 10 % and growth of the median learned-vs-true distance, recomputed from its series",
    (v, all) => {
      const med = v as number[];
      assert.equal(med[0], 0, "at t = 0 both sensitivities are the identity");
      assert.equal(num(all, `${model}.steps.maxMedian`), Math.max(...med));
      assert.equal(num(all, `${model}.steps.within`), med.slice(1).filter((e) => e <= 0.1).length);
      assert.equal(all[`${model}.steps.grows`], med[med.length - 1] > 2 * med[1]);
    },
  );
}

export const checks: ClaimCheck[] = [
  // The models.
  beatsBaselines("kinetics", 0.1),
  beatsBaselines("morse", 0.1),
  custom(
    "kinetics.test.rmse",
    "kinetics test RMSE within 3 noise standard deviations of the noise-free truth",
    (v, all) => assert.ok((v as number) < 3 * num(all, "kinetics.noiseSd"), `RMSE ${v}`),
  ),

  // Each method against its reference.
  between("kinetics.saliencyVsFd.learned", 0, 1e-5, "saliency = central differences of the learned model's solves"),
  between("kinetics.saliencyVsFd.true", 0, 1e-5, "saliency of the true kinetics = central differences of its solves"),
  between("morse.saliencyVsFd.learned", 0, 1e-5, "saliency = central differences of the learned model's solves"),
  between("morse.saliencyVsFd.true", 0, 1e-5, "saliency of the true Morse flow = central differences of its solves"),
  between(
    "kinetics.rateSaliencyVsForward",
    0,
    1e-6,
    "∂S(T)/∂k by saliency w.r.t. the parameters = kinetics.rateSensitivities (variational equations, another code path)",
  ),
  between("kinetics.ig.relGap.learned", 0, 1e-6, "IG completeness Σ IG = F(x) − F(x′) (Sundararajan et al. 2017)"),
  between("kinetics.ig.relGap.true", 0, 1e-6, "IG completeness on the true kinetics"),
  between("kinetics.rateIg.relGap", 0, 1e-6, "IG completeness over the rate constants (one solve per node)"),
  between("morse.ig.relGap.learned", 0, 1e-6, "IG completeness"),
  between("morse.ig.relGap.true", 0, 1e-6, "IG completeness on the true Morse flow"),
  between("kinetics.global.igRelGapMax", 0, 1e-6, "IG completeness at every state of the global set"),
  between("morse.global.igRelGapMax", 0, 1e-6, "IG completeness at every state of the global set"),
  near("morse.ig.baselineValue.true", 0, 1e-12, "the equilibrium (0, 0) is a fixed point of the Morse flow: x(6) = 0"),
  between("kinetics.lrp.relGap", 0, 1e-10, "LRP conservation: output = relevance at h(0) + absorbed, to rounding"),
  between("morse.lrp.relGap", 0, 1e-10, "LRP conservation to rounding"),
  between("kinetics.global.lrpRelGapMax", 0, 1e-10, "LRP conservation at every state of the global set"),
  between("morse.global.lrpRelGapMax", 0, 1e-10, "LRP conservation at every state of the global set"),
  between("kinetics.lrpOverTime.maxRelGap", 0, 1e-10, "LRP conservation at every state and output time (lrpGlobal)"),
  between("morse.lrpOverTime.maxRelGap", 0, 1e-10, "LRP conservation at every state and output time (lrpGlobal)"),
  between(
    "lrp.perStepSumVsTotal",
    0,
    1e-12,
    "the per-step field relevances sum to the total over every use of the field",
  ),
  between("kinetics.lrp.valueVsDopri", 0, 1e-6, "RK4 at step 0.01 (LRP's solve) reproduces DOPRI5's S(2)"),
  between("morse.lrp.valueVsDopri", 0, 1e-6, "RK4 at step 0.01 (LRP's solve) reproduces DOPRI5's x(6)"),
  between("kinetics.lime.r2.learned", 0.95, 1, "LIME's weighted R² (local fidelity) at the kinetics point"),
  between("kinetics.global.limeR2Min", 0.95, 1, "LIME's weighted R² at every kinetics state"),
  custom(
    "morse.global.limeR2Min",
    "on the oscillator LIME's fidelity is lower than on kinetics (the nonlinearity the summary cites)",
    (v, all) => {
      assert.ok((v as number) >= 0 && (v as number) <= 1, `R² ${v} outside [0, 1]`);
      assert.ok((v as number) < num(all, "kinetics.global.limeR2Min"), `Morse min R² ${v} not below kinetics'`);
    },
  ),

  // Learned against true.
  between(
    "kinetics.steps.trueVsFd",
    0,
    1e-6,
    "stepSensitivities of the true kinetics = central differences, every time",
  ),
  between(
    "morse.steps.trueVsFd",
    0,
    1e-6,
    "stepSensitivities of the true Morse flow = central differences, every time",
  ),
  stepsRecomputed("kinetics"),
  stepsRecomputed("morse"),
  between(
    "kinetics.steps.maxMedian",
    0,
    0.25,
    "the learned kinetics' ∂h(t)/∂h(0) within 25 % of the true (median over states)",
  ),
  custom(
    "kinetics.saliency.learned",
    "the learned model's saliency has the true signs: more S₀ leaves more S, more E₀ or C₀ (enzyme) less",
    (v, all) => {
      const l = v as number[];
      const t = arr(all, "kinetics.saliency.true");
      assert.ok(t[0] > 0 && t[1] < 0 && t[2] < 0, `true saliency ${t}`);
      l.forEach((x, i) => assert.ok(Math.sign(x) === Math.sign(t[i]), `component ${i}: learned ${x}, true ${t[i]}`));
    },
  ),
  custom(
    "kinetics.global.meanAbs.IG.learned",
    "globally (mean |IG| over the states) the learned model ranks S₀, E₀, C₀ as the true system does",
    (v, all) => {
      const order = (a: number[]) =>
        a
          .map((x, i) => [x, i])
          .sort((p, q) => q[0] - p[0])
          .map((p) => p[1])
          .join();
      assert.equal(order(v as number[]), order(arr(all, "kinetics.global.meanAbs.IG.true")));
    },
  ),
  custom(
    "summary.kinetics.minRhoVsTrue",
    "each method's explanation of the learned kinetics ranks like the true one's (ρ ≥ 0.9)",
    (v, all) => {
      assert.ok((v as number) >= 0.9, `min ρ ${v}`);
      assert.equal(v, Math.min(...withTrue.map((m) => num(all, `kinetics.rhoVsTrue.${m}`))));
    },
  ),
  custom(
    "summary.morse.minRhoVsTrue",
    "each method's explanation of the learned Morse model ranks like the true one's (ρ ≥ 0.9)",
    (v, all) => {
      assert.ok((v as number) >= 0.9, `min ρ ${v}`);
      assert.equal(v, Math.min(...withTrue.map((m) => num(all, `morse.rhoVsTrue.${m}`))));
    },
  ),

  custom(
    "summary.lrpMostlyAbsorbed",
    "the summary's LRP verdict, recomputed: |Σ relevance at h(0)| < |absorbed| at both points",
    (v, all) => {
      const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
      const absorbed = (m: string) =>
        Math.abs(sum(arr(all, `${m}.lrp.initial`))) < Math.abs(num(all, `${m}.lrp.absorbed`));
      assert.equal(v, absorbed("kinetics") && absorbed("morse"));
    },
  ),
  custom(
    "kinetics.lrp.absorbed",
    "LRP's books balance: Σ relevance at h(0) + absorbed = S(2) (DOPRI5's; LRP solves by RK4) to 1e-6 relative",
    (v, all) => {
      const reached = arr(all, "kinetics.lrp.initial").reduce((s, x) => s + x, 0);
      const value = num(all, "kinetics.value.learned");
      assert.ok(Math.abs(reached + (v as number) - value) <= 1e-6 * Math.abs(value), `${reached} + ${v} vs ${value}`);
    },
  ),

  // LRP under three rules (ε = 1e-6, ε = 0.1, z⁺): conservation under each, and the sign verdicts recomputed.
  ...["kinetics", "morse"].flatMap((model) => [
    between(
      `lrpRules.${model}.maxRelGap`,
      0,
      1e-10,
      "LRP conserves relevance (with what is absorbed) under every rule",
    ),
    custom(
      `lrpRules.${model}.signsAgree`,
      "whether the three rules give the same signs, recomputed from the recorded relevances",
      (v, all) => {
        const flat = arr(all, `lrpRules.${model}.initial`);
        const d = arr(all, `lrpRules.${model}.ig`).length;
        const signs = [0, 1, 2].map((r) =>
          flat
            .slice(r * d, (r + 1) * d)
            .map(Math.sign)
            .join(),
        );
        assert.equal(
          v,
          signs.every((s) => s === signs[0]),
        );
      },
    ),
    custom(
      `lrpRules.${model}.likeIg`,
      "how many rules have the signs of IG, recounted from the recorded relevances",
      (v, all) => {
        const flat = arr(all, `lrpRules.${model}.initial`);
        const ig = arr(all, `lrpRules.${model}.ig`).map(Math.sign).join();
        const d = ig.split(",").length;
        const count = [0, 1, 2].filter(
          (r) =>
            flat
              .slice(r * d, (r + 1) * d)
              .map(Math.sign)
              .join() === ig,
        ).length;
        assert.equal(v, count);
      },
    ),
  ]),

  // The agreement numbers the prose states.
  ...rhoRecomputed("kinetics"),
  ...rhoRecomputed("morse"),
];
