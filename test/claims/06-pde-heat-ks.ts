import assert from "node:assert/strict";
import { between, custom, type ClaimCheck } from "./check";

// Claims of notebooks/06-pde-heat-ks.ipynb (recorded by its cells, asserted after the run).
const D = 0.1;
const exact = [1, 2, 3, 4].map((k) => -D * (k * Math.PI) ** 2);
const nums = (v: unknown) => v as number[];

export const checks: ClaimCheck[] = [
  custom("heat.orders", "second-order central differences: error ∝ dx² (observed order 2 ± 0.05)", (v) => {
    for (const o of nums(v)) assert.ok(Math.abs(o - 2) <= 0.05, `observed order ${o}`);
  }),
  between("heat.maxError", 0, 1e-4, "O(dx²) with dx = 0.01: the MOL (nx = 99) vs Fourier-series error stays below dx²"),
  custom("heat.eigExact", "−D(kπ)², D = 0.1, k = 1…4 (Dirichlet eigenvalues of D ∂²ₓ on (0, 1))", (v) => {
    nums(v).forEach((e, k) => assert.ok(Math.abs(e - exact[k]) <= 1e-12 * Math.abs(exact[k]), `${e} vs ${exact[k]}`));
  }),
  custom("heat.eigFourRe", "four initial conditions identify W: eigenvalues within 1 % of −D(kπ)², real", (v, all) => {
    nums(v).forEach((e, k) =>
      assert.ok(Math.abs(e - exact[k]) <= 0.01 * Math.abs(exact[k]), `λ${k + 1} = ${e} vs ${exact[k]}`),
    );
    assert.ok((all["heat.eigFourMaxIm"] as number) <= 1e-6, `imaginary part ${all["heat.eigFourMaxIm"]}`);
    assert.ok((all["heat.eigFourRelErr"] as number) <= 0.01);
  }),
  custom(
    "heat.eigOneRelErr",
    "the notebook's conclusion: one trajectory fits (loss < 1e-6) but does not identify W (error > 10 %, ≥ 10× the four-trajectory one)",
    (v, all) => {
      assert.ok((v as number) > 0.1, `one-trajectory eigenvalue error ${v}`);
      assert.ok((v as number) > 10 * (all["heat.eigFourRelErr"] as number));
      assert.ok((all["heat.lossOne"] as number) < 1e-6, `loss ${all["heat.lossOne"]}`);
    },
  ),
  custom(
    "heat.forecastErr",
    "the identified linear model forecasts 0.2 < t ≤ 0.5 better than the 4-mode truncation error (it is exact in form)",
    (v, all) =>
      assert.ok((v as number) < (all["heat.truncationErr"] as number), `${v} vs ${all["heat.truncationErr"]}`),
  ),
  between(
    "ks.lambda1",
    0.039,
    0.052,
    "largest Lyapunov exponent of KS at L = 22: 0.043 (Edson et al. 2019), 0.048 (Cvitanović et al. 2010), ± 0.004 for 10⁴ time units of averaging",
  ),
  custom(
    "ks.podShares",
    "several POD modes carry the energy: leading < 60 %, descending, ≥ 4 modes for 90 %",
    (v, all) => {
      const s = nums(v);
      assert.ok(s[0] < 0.6, `leading share ${s[0]}`);
      for (let k = 1; k < s.length; k++) assert.ok(s[k] <= s[k - 1]);
      assert.ok((all["ks.modesFor90"] as number) >= 4, `${all["ks.modesFor90"]} modes for 90 %`);
      assert.ok((all["ks.modesFor99"] as number) > (all["ks.modesFor90"] as number));
    },
  ),
  custom(
    "ks.energyKept",
    "the r = 14 modes used keep ≥ 99.9 % of the fluctuation energy (and r is below the 99.99 % count)",
    (v, all) => {
      assert.ok((v as number) >= 0.999 && (v as number) < 1);
      assert.ok((all["ks.r"] as number) < (all["ks.modesFor9999"] as number));
    },
  ),
  custom(
    "ks.horizonNeuralLyapunov",
    "horizons in Lyapunov times are the median horizons times the computed λ1",
    (v, all) => {
      const l = all["ks.lambda1"] as number;
      for (const [lt, h] of [
        ["ks.horizonNeuralLyapunov", "ks.horizonNeural"],
        ["ks.horizonGalerkinLyapunov", "ks.horizonGalerkin"],
        ["ks.horizonPersistenceLyapunov", "ks.horizonPersistence"],
      ])
        assert.ok(Math.abs((all[lt] as number) - (all[h] as number) * l) <= 1e-12, lt);
      // One forecast per 2.5 time units of the 100 held-out ones; a horizon is a multiple of the 0.5 spacing.
      for (const h of nums(all["ks.horizonsNeural"])) assert.ok(h >= 0 && h <= 100 && Number.isInteger(2 * h), `${h}`);
    },
  ),
  custom(
    "ks.horizonNeural",
    "the notebook's conclusion: the neural closure beats the Galerkin model by > 20 %, which beats persistence; median ≥ 0.5 Lyapunov times",
    (v, all) => {
      assert.ok(
        (v as number) > 1.2 * (all["ks.horizonGalerkin"] as number),
        `${v} vs Galerkin ${all["ks.horizonGalerkin"]}`,
      );
      assert.ok((all["ks.horizonGalerkin"] as number) > (all["ks.horizonPersistence"] as number));
      assert.ok((all["ks.horizonNeuralLyapunov"] as number) >= 0.5);
    },
  ),
];
