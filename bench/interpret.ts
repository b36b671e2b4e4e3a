/**
 * Attribution and equation discovery measured against their anchors (issue 15 §4), written to
 * bench/interpret.md. Not a test.
 *
 * - SINDy: our lib/discovery sindy() against pysindy's STLSQ on the same data, derivatives,
 *   polynomial library, threshold and ridge weight (bench/python/pysindy_stlsq.py).
 * - Integrated gradients through a fixed-step RK4 solve of an mlp64 neural ODE against Captum's
 *   IntegratedGradients on torchdiffeq's odeint with the same weights (bench/python/captum_ig.py).
 * - LRP on an MLP without the solver (lrpDense), and through a fixed-step RK4 solve (lrpSolve),
 *   against zennit, the solve unrolled in torch with a network copy per stage evaluation
 *   (bench/python/zennit_lrp.py).
 *
 * Problems go to Python as JSON files in a temporary folder (numbers printed by JSON.stringify are
 * the shortest round-trip form, so float64 arrives exactly); each script prints one JSON line.
 * Timing: every contender runs `rounds` times in one process and keeps its fastest round (this
 * machine is shared), with the mean ± standard error of the rounds beside it.
 *
 *   apt-get install -y python3-torch python3-torchvision   # Debian's PyTorch, which the venv builds on
 *   bash bench/python/setup-interpret.sh     # once: bench/.venv-interpret (Captum, zennit, torchdiffeq, pysindy)
 *   npm run bench:interpret [-- --rounds 20]
 *
 * An anchor that is not installed is skipped with a note in the md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  finiteDifference,
  integratedGradients,
  lrpDense,
  lrpEpsilon,
  lrpSolve,
  lrpZPlus,
  mlp64,
  polynomialLibrary,
  saliency,
  sindy,
  solveIVP,
} from "../lib/index";
import type { LrpRule } from "../lib/index";
import { mulberry32, normalGenerator } from "../lib/random/index";

const root = join(__dirname, "..");
const venv = join(root, "bench", ".venv-interpret");
const python = join(venv, "bin", "python");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg("--rounds", "20"));
const log = (s: string) => process.stderr.write(s + "\n");
const work = mkdtempSync(join(tmpdir(), "bench-interpret-"));
/** The 1-minute load average when the run starts and ends: how busy the shared machine was. */
const load = { start: loadavg()[0], end: NaN };

/** Runs one anchor script on a problem; its last stdout line is JSON. A string is why it could not run. */
function anchor(script: string, problem: unknown, env: Record<string, string> = {}): Record<string, unknown> | string {
  if (!existsSync(python))
    return "skipped: bench/.venv-interpret is missing (run bash bench/python/setup-interpret.sh)";
  const file = join(work, `${script.replace(/\.py$/, "")}.json`);
  writeFileSync(file, JSON.stringify(problem));
  try {
    const out = execFileSync(python, [join(root, "bench", "python", script), file], {
      encoding: "utf8",
      env: { ...process.env, ...env },
      maxBuffer: 1 << 28,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    const tail = (err.stderr ?? err.message).trim().split("\n").slice(-3).join(" / ");
    return `failed: ${script}: ${tail}`;
  }
}

/** Best and mean ± standard error of the rounds, in milliseconds. */
function timing(seconds: number[]): { best: number; mean: number; se: number; text: string } {
  const ms = seconds.map((s) => s * 1000);
  const best = Math.min(...ms);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const se = ms.length > 1 ? Math.sqrt(ms.reduce((a, b) => a + (b - mean) ** 2, 0) / (ms.length - 1) / ms.length) : 0;
  return { best, mean, se, text: `${fmtMs(best)} (${fmtMs(mean)} ± ${fmtMs(se)})` };
}
const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(2));
const fmtE = (x: number) => (x === 0 ? "0" : x.toExponential(1));

/** Times fn over `rounds` rounds (after one warm-up call, as the Python side's first round warms numpy). */
function timeRounds<T>(fn: () => T): { result: T; seconds: number[] } {
  let result = fn();
  const seconds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    result = fn();
    seconds.push((performance.now() - start) / 1000);
  }
  return { result, seconds };
}

// ---------------------------------------------------------------------------------------------
// 1. SINDy (STLSQ) against pysindy

interface SindyCase {
  name: string;
  what: string;
  t: number[];
  X: Float64Array[];
  dXdt: Float64Array[];
  stateNames: string[];
  degree: number;
  threshold: number;
  /** Ridge weight α (ours: ridge; pysindy: STLSQ alpha). */
  alpha: number;
  maxIter: number;
  /** pysindy's final unregularised refit on the support: on when α = 0 (then it equals our last refit), off otherwise (ours keeps the ridge fit). */
  unbias: boolean;
  truth: Map<string, number[]>;
}

function sample(
  rhs: (y: Float64Array, d: Float64Array) => void,
  y0: number[],
  tEnd: number,
  n: number,
): { t: number[]; X: Float64Array[]; exact: Float64Array[] } {
  const t = Array.from({ length: n }, (_, k) => (tEnd * k) / (n - 1));
  const sol = solveIVP((_s, y, d) => rhs(y, d), [0, tEnd], y0, {
    method: "DOP853",
    rtol: 1e-12,
    atol: 1e-12,
    tEval: t,
  });
  if (sol.status !== "success") throw new Error(`data solve failed: ${sol.message}`);
  const exact = sol.y.map((y) => {
    const d = new Float64Array(y.length);
    rhs(y, d);
    return d;
  });
  return { t, X: sol.y, exact };
}

function addNoise(X: Float64Array[], std: number, seed: number): Float64Array[] {
  const normal = normalGenerator(mulberry32(seed), std);
  return X.map((x) => x.map((v) => v + normal()));
}

function sindyCases(): SindyCase[] {
  const [sigma, rho, beta] = [10, 28, 8 / 3];
  const lorenz = (y: Float64Array, d: Float64Array) => {
    d[0] = sigma * (y[1] - y[0]);
    d[1] = y[0] * (rho - y[2]) - y[1];
    d[2] = y[0] * y[1] - beta * y[2];
  };
  const lorenzTruth = new Map([
    ["x", [-sigma, rho, 0]],
    ["y", [sigma, -1, 0]],
    ["z", [0, 0, -beta]],
    ["x*z", [0, -1, 0]],
    ["x*y", [0, 0, 1]],
  ]);
  const lz = sample(lorenz, [-8, 8, 27], 10, 5001);
  const lzNoisy = addNoise(lz.X, 0.1, 15);
  // Lotka–Volterra with the constants of Rackauckas et al. 2020 (arXiv:2001.04385, §2.1).
  const [a, b, g, dd] = [1.3, 0.9, 0.8, 1.8];
  const lv = (y: Float64Array, d: Float64Array) => {
    d[0] = a * y[0] - b * y[0] * y[1];
    d[1] = dd * y[0] * y[1] - g * y[1];
  };
  const lvData = sample(lv, [0.44249296, 4.6280594], 20, 2001);
  const lvNoisy = addNoise(lvData.X, 1e-3, 16);
  const lvTruth = new Map([
    ["x", [a, 0]],
    ["y", [0, -g]],
    ["x*y", [-b, dd]],
  ]);
  const base = { maxIter: 20 };
  return [
    {
      ...base,
      name: "Lorenz-63, clean",
      what: "exact derivatives f(x_k)",
      t: lz.t,
      X: lz.X,
      dXdt: lz.exact,
      stateNames: ["x", "y", "z"],
      degree: 2,
      threshold: 0.1,
      alpha: 0,
      unbias: true,
      truth: lorenzTruth,
    },
    {
      ...base,
      name: "Lorenz-63, noise σ = 0.1",
      what: "our finiteDifference of the noisy X",
      t: lz.t,
      X: lzNoisy,
      dXdt: finiteDifference(lz.t, lzNoisy),
      stateNames: ["x", "y", "z"],
      degree: 3,
      threshold: 0.1,
      alpha: 0,
      unbias: true,
      truth: lorenzTruth,
    },
    {
      ...base,
      name: "Lotka–Volterra, noise σ = 1e-3, ridge",
      what: "our finiteDifference of the noisy X",
      t: lvData.t,
      X: lvNoisy,
      dXdt: finiteDifference(lvData.t, lvNoisy),
      stateNames: ["x", "y"],
      degree: 3,
      threshold: 0.1,
      alpha: 1e-2,
      unbias: false,
      truth: lvTruth,
    },
  ];
}

function sindySection(): string[] {
  log("SINDy: ours …");
  const cases = sindyCases();
  const ours = cases.map((c) =>
    timeRounds(() =>
      sindy(c.X, c.dXdt, {
        library: polynomialLibrary(c.stateNames.length, c.degree, { stateNames: c.stateNames }),
        threshold: c.threshold,
        ridge: c.alpha,
        maxIterations: c.maxIter,
      }),
    ),
  );
  log("SINDy: pysindy …");
  const py = anchor(
    "pysindy_stlsq.py",
    {
      rounds,
      cases: cases.map((c) => ({
        name: c.name,
        t: c.t,
        X: c.X.map((x) => Array.from(x)),
        dXdt: c.dXdt.map((x) => Array.from(x)),
        stateNames: c.stateNames,
        degree: c.degree,
        threshold: c.threshold,
        alpha: c.alpha,
        maxIter: c.maxIter,
        unbias: c.unbias,
      })),
    },
    { PYTHONPATH: join(venv, "pysindy-site") },
  );
  const lines = [
    "## 1. SINDy: lib/discovery `sindy` against pysindy's STLSQ",
    "",
    "Same samples, same derivative data (passed to pysindy as `x_dot`), same polynomial library (constant included),",
    "same threshold λ, ridge weight α and at most 20 threshold-and-refit rounds. pysindy: `SINDy(optimizer=STLSQ(threshold, alpha,",
    "max_iter=20, unbias), feature_library=PolynomialLibrary(degree))`; `unbias=True` (its default: a last unregularised least-squares",
    "refit on the support, which is our last refit) where α = 0, `unbias=False` where α > 0 (ours keeps the ridge fit).",
    "Times: `sindy(...)` and `SINDy.fit(...)` (library evaluation + STLSQ), best of the rounds (mean ± s.e.), ms.",
    "",
  ];
  if (typeof py === "string") {
    lines.push(`- pysindy ${py}`, "");
  }
  const pyCases = typeof py === "string" ? [] : (py.cases as PySindyCase[]);
  lines.push(
    "| data | derivatives | samples | library | λ | α | support (ours / pysindy) | max \\|Δξ\\| | max \\|ξ\\| | max \\|ξ − truth\\| (ours) | ours, ms | pysindy, ms | pysindy / ours |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  );
  const fdNotes: string[] = [];
  cases.forEach((c, k) => {
    const o = ours[k].result;
    const ot = timing(ours[k].seconds);
    const p = pyCases[k];
    let diff = "—",
      support = `${countNonzero(o.coefficients)} / —`,
      pt = "—",
      ratio = "—";
    if (p) {
      // Align by feature name (both order monomials as pysindy does; checked, not assumed).
      let d = 0;
      let same = true;
      o.featureNames.forEach((name, j) => {
        const q = p.featureNames.indexOf(name);
        if (q < 0) {
          same = false;
          return;
        }
        o.coefficients[j].forEach((v, i) => {
          d = Math.max(d, Math.abs(v - p.coefficients[q][i]));
          if ((v === 0) !== (p.coefficients[q][i] === 0)) same = false;
        });
      });
      diff = same ? fmtE(d) : `${fmtE(d)} (supports differ)`;
      sindyAgreement.push({ same, diff: d, scale: Math.max(...o.coefficients.flat().map(Math.abs)) });
      support = `${countNonzero(o.coefficients)} / ${countNonzero(p.coefficients)}`;
      const tp = timing(p.seconds);
      pt = tp.text;
      ratio = `${(tp.best / ot.best).toFixed(2)}×`;
      speed.sindy.push(tp.best / ot.best);
      if (c.what.includes("finiteDifference")) {
        let fd = 0;
        c.X.forEach((_, s) => p.finiteDifference[s].forEach((v, i) => (fd = Math.max(fd, Math.abs(v - c.dXdt[s][i])))));
        const scale = Math.max(...c.dXdt.flatMap((v) => Array.from(v, Math.abs)));
        const same = fd / scale < 1e-10;
        fdNotes.push(
          `- ${c.name}: pysindy's own \`FiniteDifference(order=2)\` against our \`finiteDifference\` on the same X: max |Δẋ| ${fmtE(fd)} (max |ẋ| ${scale.toFixed(1)})${same ? ": the same second-order scheme (central inside, three-point one-sided at the ends) up to rounding" : ": the schemes differ"}.`,
        );
      }
    }
    let maxCoef = 0;
    let truthErr = 0;
    o.featureNames.forEach((name, j) =>
      o.coefficients[j].forEach((v, i) => {
        maxCoef = Math.max(maxCoef, Math.abs(v));
        truthErr = Math.max(truthErr, Math.abs(v - (c.truth.get(name)?.[i] ?? 0)));
      }),
    );
    lines.push(
      `| ${c.name} | ${c.what} | ${c.X.length} | polynomial, degree ${c.degree} (${o.featureNames.length} features) | ${c.threshold} | ${c.alpha} | ${support} | ${diff} | ${maxCoef.toFixed(2)} | ${fmtE(truthErr)} | ${ot.text} | ${pt} | ${ratio} |`,
    );
  });
  lines.push("", ...fdNotes);
  if (pyCases.length) {
    const c = cases[1];
    const o = ours[1].result;
    const p = pyCases[1];
    lines.push(
      "",
      `Coefficients side by side, ${c.name} (nonzero in either; ours / pysindy):`,
      "",
      `| feature | ${c.stateNames.map((s) => `${s}' ours | ${s}' pysindy`).join(" | ")} |`,
      `|---|${c.stateNames.map(() => "---|---|").join("")}`,
    );
    o.featureNames.forEach((name, j) => {
      const q = p.featureNames.indexOf(name);
      const pr = q >= 0 ? p.coefficients[q] : [];
      if (o.coefficients[j].every((v) => v === 0) && pr.every((v) => v === 0)) return;
      lines.push(
        `| ${name} | ${o.coefficients[j].map((v, i) => `${fmtCoef(v)} | ${pr[i] === undefined ? "—" : fmtCoef(pr[i])}`).join(" | ")} |`,
      );
    });
  }
  lines.push("");
  if (typeof py !== "string") sindyVersions = py.versions as Record<string, string>;
  return lines;
}

interface PySindyCase {
  name: string;
  coefficients: number[][];
  featureNames: string[];
  seconds: number[];
  finiteDifference: number[][];
}
let sindyVersions: Record<string, string> | undefined;
const sindyAgreement: { same: boolean; diff: number; scale: number }[] = [];
/** Anchor time / our time (best rounds), by comparison: above 1, ours is faster. */
const speed = {
  sindy: [] as number[],
  ig: [] as number[],
  lrpOne: [] as number[],
  lrpAll: [] as number[],
  lrpSolve: [] as number[],
};
const countNonzero = (c: number[][]) => c.reduce((a, r) => a + r.filter((v) => v !== 0).length, 0);
const fmtCoef = (v: number) => (v === 0 ? "0" : v.toFixed(6));

// ---------------------------------------------------------------------------------------------
// 2. Integrated gradients through the solver against Captum

interface IgCase {
  name: string;
  dim: number;
  hidden: number[];
  seed: number;
  T: number;
  h: number;
  component: number;
  nodes: number;
  baseline: number;
  y0: number[];
}

/** An mlp64 tanh field with seeded N(0, 0.1²) biases (mlp64 starts them at zero, which would leave F(0) = 0 trivially). */
function igField(c: { dim: number; hidden: number[]; seed: number }) {
  const field = mlp64({ dim: c.dim, hidden: c.hidden, activation: "tanh", seed: c.seed });
  const sizes = [c.dim, ...c.hidden, c.dim];
  const normal = normalGenerator(mulberry32(c.seed + 1000), 0.1);
  let k = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    k += sizes[l] * sizes[l + 1];
    for (let j = 0; j < sizes[l + 1]; j++) field.parameters[k++] = normal();
  }
  if (k !== field.parameters.length) throw new Error(`layout: ${k} of ${field.parameters.length} parameters`);
  return { field, sizes };
}

interface PyIgVariant {
  solver: "torchdiffeq" | "classic";
  dtype: "float32" | "float64";
  attributions: number[];
  delta: number;
  value: number;
  baselineValue: number;
  seconds: number[];
}
let igVersions: Record<string, string> | undefined;
const igAgreement: { solver: string; dtype: string; rel: number; rel32w: number; own: number }[] = [];

function igSection(): string[] {
  const cases: IgCase[] = [
    {
      name: "2-16-2, T = 1, h = 1/64, m = 8",
      dim: 2,
      hidden: [16],
      seed: 3,
      T: 1,
      h: 1 / 64,
      component: 0,
      nodes: 8,
      baseline: 0,
      y0: [0.8, -0.6],
    },
    {
      name: "3-32-3, T = 2, h = 1/128, m = 32",
      dim: 3,
      hidden: [32],
      seed: 5,
      T: 2,
      h: 1 / 128,
      component: 2,
      nodes: 32,
      baseline: 0,
      y0: [1.0, -0.5, 0.7],
    },
  ];
  log("IG: ours …");
  const ours = cases.map((c) => {
    const { field } = igField(c);
    return timeRounds(() =>
      integratedGradients(
        field,
        Float64Array.from(c.y0),
        [0, c.T],
        { component: c.component },
        {
          nodes: c.nodes,
          baseline: c.baseline,
          solver: { method: "RK4", step: c.h },
        },
      ),
    );
  });
  // Captum multiplies the gradients by its Gauss–Legendre weights cast to float32
  // (`torch.tensor(step_sizes).float()` in IntegratedGradients._attribute), even for float64
  // inputs: ours recomputed with those rounded weights, from our saliency at our nodes, isolates
  // that rounding from everything else.
  const oursW32 = cases.map((c, k) => {
    const { field } = igField(c);
    const { alpha, weights } = ours[k].result.rule;
    const out = new Float64Array(c.dim);
    alpha.forEach((a, q) => {
      const p = Float64Array.from(c.y0, (x) => c.baseline + a * (x - c.baseline));
      const g = saliency(
        field,
        p,
        [0, c.T],
        { component: c.component },
        { solver: { method: "RK4", step: c.h } },
      ).gradient;
      for (let i = 0; i < c.dim; i++) out[i] += Math.fround(weights[q]) * g[i];
    });
    return out.map((v, i) => v * (c.y0[i] - c.baseline));
  });
  log("IG: Captum …");
  const py = anchor("captum_ig.py", {
    rounds,
    cases: cases.map((c) => ({ ...c, sizes: igField(c).sizes, params: Array.from(igField(c).field.parameters) })),
  });
  const lines = [
    "## 2. Integrated gradients through the solver: lib/interpret `integratedGradients` against Captum",
    "",
    "F(x) = y_j(T) of the neural ODE dy/dt = f_θ(y) from y(0) = x, f_θ an `mlp64` tanh MLP (seeded Glorot weights, seeded N(0, 0.1²)",
    "biases), solved by fixed-step RK4 with step h from 0 to T (h a power of 2 that divides T, so both sides take the same steps);",
    "baseline x′ = 0; the path integral by the m-point Gauss–Legendre rule on both sides. Ours: `integratedGradients(field, x, [0, T],",
    '{ component: j }, { nodes: m, baseline: 0, solver: { method: "RK4", step: h } })` (float64, discrete() gradient, the m nodes and',
    'x, x′ as one batched solve). Captum: `IntegratedGradients(F).attribute(x, baselines=0, n_steps=m, method="gausslegendre",',
    "return_convergence_delta=True)` with F the torch module below, the weights exported from ours (weight = Wᵀ), the m nodes one batch:",
    "",
    "- **torchdiffeq**: `odeint(f, x, [0, T], method=\"rk4\", options=dict(step_size=h))[-1, j]`. torchdiffeq's `rk4` is Kutta's 3/8 rule",
    "  (`rk4_alt_step_func`), not the classical tableau of our RK4; both are of order 4, so the two solves differ by O(h⁴), seen in the float64 rows;",
    "- **classic RK4 in torch**: the classical tableau (lib/ode/tableaus/rk4.ts) written out in torch, same steps — the like-for-like row.",
    "",
    "Agreement: max |IG_ours − IG_anchor| / max |IG_ours| (float32 unit round-off: 6.0e-8). Captum casts its quadrature weights to float32",
    "whatever the input's dtype (`torch.tensor(step_sizes).float()` in `IntegratedGradients._attribute`), which alone moves its float64",
    "attributions by ~1e-8 relative; the next column compares with ours recomputed (untimed, from our `saliency` at our nodes) with the",
    "weights rounded the same way. Gap: |Σ IG − (F(x) − F(x′))| of each (Captum's convergence delta).",
    "Times: one call of each (best of the rounds, mean ± s.e.), ms.",
    "",
  ];
  if (typeof py === "string") lines.push(`- Captum ${py}`, "");
  const pyCases = typeof py === "string" ? [] : (py.cases as { name: string; variants: PyIgVariant[] }[]);
  lines.push(
    "| network, solve, nodes | anchor | dtype | rel. max \\|ΔIG\\| | same, ours with float32 weights | anchor's own float32 − float64, rel. | \\|ΔF(x)\\| | gap ours | gap anchor | ours, ms | anchor, ms | anchor / ours |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  );
  cases.forEach((c, k) => {
    const o = ours[k].result;
    const ot = timing(ours[k].seconds);
    const scale = Math.max(...Array.from(o.attributions, Math.abs));
    const variants = pyCases[k]?.variants ?? [];
    if (!variants.length) lines.push(`| ${c.name} | — | — | — | — | — | — | ${fmtE(o.gap)} | — | ${ot.text} | — | — |`);
    for (const v of variants) {
      const d = Math.max(...v.attributions.map((a, i) => Math.abs(a - o.attributions[i])));
      const d32 = Math.max(...v.attributions.map((a, i) => Math.abs(a - oursW32[k][i])));
      // The anchor's float32 error: its float32 attributions against its own float64 ones (same solver).
      const v64 = variants.find((w) => w.solver === v.solver && w.dtype === "float64")!;
      const own = Math.max(...v.attributions.map((a, i) => Math.abs(a - v64.attributions[i])));
      igAgreement.push({ solver: v.solver, dtype: v.dtype, rel: d / scale, rel32w: d32 / scale, own: own / scale });
      if (v.solver === "torchdiffeq" && v.dtype === "float32") speed.ig.push(timing(v.seconds).best / ot.best);
      const pt = timing(v.seconds);
      lines.push(
        `| ${c.name} | ${v.solver === "torchdiffeq" ? "torchdiffeq rk4 (3/8 rule)" : "classic RK4 in torch"} | ${v.dtype} | ${fmtE(d / scale)} | ${fmtE(d32 / scale)} | ${v.dtype === "float64" ? "—" : fmtE(own / scale)} | ${fmtE(Math.abs(v.value - o.value))} | ${fmtE(o.gap)} | ${fmtE(Math.abs(v.delta))} | ${ot.text} | ${pt.text} | ${(pt.best / ot.best).toFixed(2)}× |`,
      );
    }
  });
  if (pyCases.length) {
    const c = cases[cases.length - 1];
    const o = ours[cases.length - 1].result;
    const v = pyCases[cases.length - 1].variants;
    lines.push(
      "",
      `Attributions side by side, ${c.name}, x = (${c.y0.join(", ")}), F = y_${c.component}(T) = ${o.value.toFixed(6)}:`,
      "",
      `| input | ours (float64) | ${v.map((x) => `${x.solver === "torchdiffeq" ? "torchdiffeq" : "classic"} ${x.dtype}`).join(" | ")} |`,
      `|---|---|${v.map(() => "---|").join("")}`,
      ...Array.from(
        o.attributions,
        (a, i) => `| x_${i} | ${a.toPrecision(10)} | ${v.map((x) => x.attributions[i].toPrecision(10)).join(" | ")} |`,
      ),
    );
  }
  lines.push("");
  if (typeof py !== "string") igVersions = py.versions as Record<string, string>;
  return lines;
}

// ---------------------------------------------------------------------------------------------
// 3. LRP on the dense network (no solver) against zennit

interface LrpCase {
  name: string;
  rules: LrpRule[];
  composite: "EpsilonPlus" | "names";
  zennit: string;
}
let lrpVersions: Record<string, string> | undefined;
/** zennit on the solve with one network module at every stage, against ours (float64, rel.). */
const sharedModule: number[] = [];
const lrpAgreement: { dtype: string; rel: number; own: number; solve?: boolean }[] = [];

function lrpSection(): string[] {
  const net = { dim: 3, hidden: [32, 32], seed: 11 };
  const { field, sizes } = igField(net);
  const rand = mulberry32(12);
  const xs = Array.from({ length: 256 }, () => Array.from({ length: net.dim }, () => 4 * rand() - 2));
  const eps = (e: number) => [lrpEpsilon(e), lrpEpsilon(e), lrpEpsilon(e)];
  const cases: LrpCase[] = [
    { name: "ε = 1e-6 everywhere", rules: eps(1e-6), composite: "EpsilonPlus", zennit: "EpsilonPlus(epsilon=1e-6)" },
    { name: "ε = 0.25 everywhere", rules: eps(0.25), composite: "EpsilonPlus", zennit: "EpsilonPlus(epsilon=0.25)" },
    {
      name: "z⁺ everywhere",
      rules: [lrpZPlus(1e-6), lrpZPlus(1e-6), lrpZPlus(1e-6)],
      composite: "names",
      zennit: "NameMapComposite: ZPlus(stabilizer=1e-6) on each Linear",
    },
    {
      name: "z⁺, z⁺, then ε = 1e-6 on the last layer",
      rules: [lrpZPlus(1e-6), lrpZPlus(1e-6), lrpEpsilon(1e-6)],
      composite: "names",
      zennit: "NameMapComposite: ZPlus, ZPlus, Epsilon(epsilon=1e-6)",
    },
  ];
  // Through the solver: the 3-32-3 field of section 2 under fixed-step RK4, against zennit on the
  // unrolled graph (its rules cannot explain one module used at every stage, so every use is a copy).
  const solveNet = igField({ dim: 3, hidden: [32], seed: 5 });
  const solveBase = { T: 1, h: 1 / 16, y0: [1.0, -0.5, 0.7], component: 2, sumEpsilon: 1e-6 };
  const solveCases = [
    { ...solveBase, name: "ε = 1e-6 in the network", rule: lrpEpsilon(1e-6), zennit: "Epsilon(epsilon=1e-6)" },
    { ...solveBase, name: "z⁺ in the network", rule: lrpZPlus(1e-6), zennit: "ZPlus(stabilizer=1e-6)" },
  ];
  const oursSolve = solveCases.map((c) =>
    timeRounds(() =>
      lrpSolve(solveNet.field, c.y0, {
        method: "RK4",
        step: c.h,
        t1: c.T,
        rule: c.rule,
        sumEpsilon: c.sumEpsilon,
        target: { component: c.component },
      }),
    ),
  );
  log("LRP: ours …");
  const ours = cases.map((c) => ({
    all: xs.map((x) => lrpDense(field, x, { rule: c.rules, target: "output" })),
    one: timeRounds(() => lrpDense(field, xs[0], { rule: c.rules, target: "output" })).seconds,
    batch: timeRounds(() => xs.map((x) => lrpDense(field, x, { rule: c.rules, target: "output" }))).seconds,
  }));
  log("LRP: zennit …");
  const py = anchor("zennit_lrp.py", {
    rounds,
    cases: cases.map((c) => ({
      name: c.name,
      sizes,
      params: Array.from(field.parameters),
      rules: c.rules,
      composite: c.composite,
      xs,
    })),
    solveCases: solveCases.map((c) => ({
      name: c.name,
      sizes: solveNet.sizes,
      params: Array.from(solveNet.field.parameters),
      rule: c.rule,
      sumEpsilon: c.sumEpsilon,
      T: c.T,
      h: c.h,
      y0: c.y0,
      component: c.component,
    })),
  });
  const lines = [
    "## 3. Layer-wise relevance propagation: lib/interpret `lrpDense` and `lrpSolve` against zennit",
    "",
    "### The network alone: `lrpDense`",
    "",
    `The network: an \`mlp64\` field ${sizes.join("-")} with tanh (seeded Glorot weights, seeded N(0, 0.1²) biases), ${xs.length} inputs drawn`,
    'uniformly from [−2, 2]³ (seeded). The relevance starts as the output (R_L = f(x), ours `target: "output"`); ours is',
    "`lrpDense(field, x, { rule })` with one rule per dense layer, tanh passed (the activation neither adds nor removes relevance, as",
    "zennit's `Pass`). zennit: `nn.Sequential(Linear, Tanh, Linear, Tanh, Linear)` with the weights exported from ours (weight = Wᵀ),",
    "the composite named, and the relevance at every Linear layer's input read as the modified gradient at that tensor (one backward pass).",
    "Agreement: the largest over layers l of max |R_l,ours − R_l,zennit| / max |R_l,ours| over all inputs and neurons; R_0 is the input",
    "relevance. Conservation (ours): max over inputs of |Σ R_L − Σ R_0 − absorbed| (absorbed: the biases' and ε's shares, reported",
    "separately), and the mean share of Σ R_L that reaches the inputs. zennit's composite hooks are registered once, outside the timing.",
    "",
  ];
  if (typeof py === "string") lines.push(`- zennit ${py}`, "");
  const pyCases = typeof py === "string" ? [] : (py.cases as { name: string; variants: PyLrpVariant[] }[]);
  const timeRows: string[] = [];
  lines.push(
    "| rules (ours) | zennit | dtype | rel. max \\|ΔR\\| (worst layer) | per layer R_0 … R_L | zennit's own float32 − float64, rel. | conservation gap (ours) | Σ R_0 / Σ R_L (ours, mean) |",
    "|---|---|---|---|---|---|---|---|",
  );
  cases.forEach((c, k) => {
    const o = ours[k];
    const L = o.all[0].relevances.length;
    const scale = Array.from({ length: L }, (_, l) => Math.max(...o.all.flatMap((r) => r.relevances[l].map(Math.abs))));
    // Worst layer of max |a − b| / max |R_l,ours| between two sets of relevances [input][layer][neuron].
    const rel = (a: number[][][], b: number[][][]) =>
      Math.max(
        ...scale.map((sc, l) => Math.max(...a.flatMap((rs, i) => rs[l].map((x, n) => Math.abs(x - b[i][l][n])))) / sc),
      );
    const gap = Math.max(...o.all.map((r) => Math.abs(r.conservationGap)));
    const share = o.all.reduce((a, r) => a + r.inputTotal / r.outputTotal, 0) / o.all.length;
    const ot1 = timing(o.one);
    const otB = timing(o.batch);
    const variants = pyCases[k]?.variants ?? [];
    if (!variants.length) {
      lines.push(`| ${c.name} | ${c.zennit} | — | — | — | — | ${fmtE(gap)} | ${share.toFixed(4)} |`);
      timeRows.push(`| ${c.name} | — | ${ot1.text} | — | — | ${otB.text} | — | — |`);
    }
    const v64 = variants.find((v) => v.dtype === "float64");
    for (const v of variants) {
      const perLayer = scale.map(
        (sc, l) =>
          Math.max(...v.relevances.flatMap((rs, i) => rs[l].map((x, n) => Math.abs(x - o.all[i].relevances[l][n])))) /
          sc,
      );
      const ownRel = v.dtype === "float32" && v64 ? rel(v.relevances, v64.relevances) : NaN;
      const own = Number.isNaN(ownRel) ? "—" : fmtE(ownRel);
      lrpAgreement.push({ dtype: v.dtype, rel: Math.max(...perLayer), own: ownRel });
      lines.push(
        `| ${c.name} | ${c.zennit} | ${v.dtype} | ${fmtE(Math.max(...perLayer))} | ${perLayer.map(fmtE).join(", ")} | ${own} | ${fmtE(gap)} | ${share.toFixed(4)} |`,
      );
      const p1 = timing(v.seconds.one);
      const pB = timing(v.seconds.batch);
      speed.lrpOne.push(p1.best / ot1.best);
      speed.lrpAll.push(pB.best / otB.best);
      timeRows.push(
        `| ${c.name} | ${v.dtype} | ${ot1.text} | ${p1.text} | ${(p1.best / ot1.best).toFixed(2)}× | ${otB.text} | ${pB.text} | ${(pB.best / otB.best).toFixed(2)}× |`,
      );
    }
  });
  lines.push(
    "",
    `Times, ms (zennit's rows in its dtype; ours always float64): one input, and all ${xs.length} inputs — zennit as one batch, ours as a`,
    "loop of `lrpDense` calls (it explains one input per call). Ratio: zennit / ours (above 1: ours faster).",
    "",
    `| rules | zennit dtype | ours, 1 input | zennit, 1 input | ratio | ours, ${xs.length} inputs | zennit, ${xs.length} (batch) | ratio |`,
    "|---|---|---|---|---|---|---|---|",
    ...timeRows,
  );
  const pySolve = typeof py === "string" ? [] : (py.solveCases as { name: string; variants: PyLrpSolveVariant[] }[]);
  const c0 = solveCases[0];
  lines.push(
    "",
    "### Through the solver: `lrpSolve` against zennit on the unrolled RK4 graph",
    "",
    `The 3-32-3 field of section 2, classical RK4 with h = 1/${1 / c0.h} from 0 to T = ${c0.T} (${c0.T / c0.h} steps, ${(4 * c0.T) / c0.h} evaluations of the`,
    `network), x = (${c0.y0.join(", ")}), relevance starting on y_${c0.component}(T) (one-hot × value). Ours: \`lrpSolve(field, x, { method: "RK4",`,
    `step: h, t1: T, rule, sumEpsilon: ${c0.sumEpsilon.toExponential(0)}, target: { component: ${c0.component} } })\`: every sum of the solver (y_n + h Σ a_ij k_j into each`,
    "stage, y_n + h Σ b_i k_i into the step) splits relevance over its terms in proportion to their values, and the relevance of every",
    "use of the network is summed. zennit cannot take the solver as it is written: its hooks keep one forward's input per module",
    "(`BasicHook.forward`: `stored_tensors['input'] = input`), so a module called at every stage of every step is explained from its last",
    'input (the column "one shared network module" measures what that gives). The anchor is therefore the solve unrolled in torch',
    "(bench/python/zennit_lrp.py `UnrolledRK4`): one copy of the network per evaluation, each sum a `zennit.layer.Sum` with the `Norm`",
    `rule (stabilizer ${c0.sumEpsilon.toExponential(0)}, the same split), each coefficient h·a_ij, h·b_i a scaling module with \`Pass\`, tanh \`Pass\`, and the`,
    "network rule on every Linear; relevances are the gradients at y_n and at every k under the composite. Compared: the relevance held by",
    "every state y_0 … y_N (relative to the largest), and the relevance entering the field at every stage (Σ over components).",
    "",
    "| network rule (ours / zennit) | dtype | rel. max \\|ΔR(y_n)\\| | rel. max \\|ΔR(k)\\| | zennit's own float32 − float64, rel. | zennit, one shared network module: rel. max \\|ΔR(y_n)\\| | Σ R(y_0) / Σ R(y_N) (ours) | conservation gap (ours) | ours, ms | zennit, ms | zennit / ours |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  );
  solveCases.forEach((c, k) => {
    const o = oursSolve[k].result;
    const ot = timing(oursSolve[k].seconds);
    const rScale = Math.max(...o.stateRelevance.flat().map(Math.abs));
    const kScale = Math.max(...o.fieldRelevance.flat().map(Math.abs));
    const relState = (a: number[][]) =>
      Math.max(...a.flatMap((row, n) => row.map((v, m) => Math.abs(v - o.stateRelevance[n][m])))) / rScale;
    const relField = (a: number[][]) =>
      Math.max(...a.flatMap((row, n) => row.map((v, i) => Math.abs(v - o.fieldRelevance[n][i])))) / kScale;
    const variants = pySolve[k]?.variants ?? [];
    const v64 = variants.find((v) => v.dtype === "float64");
    const share = (o.initialTotal / o.outputTotal).toFixed(4);
    if (!variants.length)
      lines.push(
        `| ${c.name} / ${c.zennit} | — | — | — | — | ${share} | ${fmtE(o.conservationGap)} | ${ot.text} | — | — |`,
      );
    for (const v of variants) {
      // zennit's own float32 error, over states and stages as the agreement columns.
      const own =
        v.dtype === "float32" && v64
          ? Math.max(
              Math.max(
                ...v.stateRelevance.flatMap((row, n) => row.map((x, m) => Math.abs(x - v64.stateRelevance[n][m]))),
              ) / rScale,
              Math.max(
                ...v.fieldRelevance.flatMap((row, n) => row.map((x, i) => Math.abs(x - v64.fieldRelevance[n][i]))),
              ) / kScale,
            )
          : NaN;
      const shared = v.sharedStateRelevance ? relState(v.sharedStateRelevance) : NaN;
      if (!Number.isNaN(shared)) sharedModule.push(shared);
      const [rs, rk] = [relState(v.stateRelevance), relField(v.fieldRelevance)];
      lrpAgreement.push({ dtype: v.dtype, rel: Math.max(rs, rk), own, solve: true });
      const pt = timing(v.seconds);
      speed.lrpSolve.push(pt.best / ot.best);
      lines.push(
        `| ${c.name} / ${c.zennit} | ${v.dtype} | ${fmtE(rs)} | ${fmtE(rk)} | ${Number.isNaN(own) ? "—" : fmtE(own)} | ${Number.isNaN(shared) ? "—" : fmtE(shared)} | ${share} | ${fmtE(o.conservationGap)} | ${ot.text} | ${pt.text} | ${(pt.best / ot.best).toFixed(2)}× |`,
      );
    }
  });
  lines.push("");
  if (typeof py !== "string") lrpVersions = py.versions as Record<string, string>;
  return lines;
}

interface PyLrpSolveVariant {
  dtype: "float32" | "float64";
  /** (N + 1) × dim. */
  stateRelevance: number[][];
  /** N × stages: Σ over components of the relevance entering k. */
  fieldRelevance: number[][];
  /** float64 only: stateRelevance of the same graph with one network module at every stage. */
  sharedStateRelevance?: number[][];
  seconds: number[];
}

interface PyLrpVariant {
  dtype: "float32" | "float64";
  /** [input][layer][neuron]. */
  relevances: number[][][];
  seconds: { one: number[]; batch: number[] };
}

// ---------------------------------------------------------------------------------------------

/** What setup-interpret.sh could not install as the newest release, in pip's words (its install-notes.txt). */
function installNotes(): string[] {
  const file = join(venv, "install-notes.txt");
  if (!existsSync(file)) return [];
  const notes = readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
  return notes.length
    ? ["", "Install notes (from `bash bench/python/setup-interpret.sh`):", "", ...notes.map((n) => `- ${n}`)]
    : [];
}

/** One line per comparison, from the numbers the sections computed. */
function summary(): string[] {
  const max = (v: number[]) => (v.length ? Math.max(...v) : NaN);
  const out: string[] = [];
  if (sindyAgreement.length) {
    const same = sindyAgreement.filter((a) => a.same).length;
    out.push(
      `- SINDy: the same support in ${same} of ${sindyAgreement.length} cases; coefficients differ by at most ${fmtE(max(sindyAgreement.map((a) => a.diff)))} (relative to the largest coefficient: ${fmtE(max(sindyAgreement.map((a) => a.diff / a.scale)))}).`,
    );
  } else out.push("- SINDy: pysindy did not run (see its section).");
  const ig = (solver: string, dtype: string) => igAgreement.filter((a) => a.solver === solver && a.dtype === dtype);
  if (igAgreement.length) {
    const f32 = igAgreement.filter((a) => a.dtype === "float32");
    const [rel32, own32] = [max(f32.map((a) => a.rel)), max(f32.map((a) => a.own))];
    const [c64, c64w] = [
      max(ig("classic", "float64").map((a) => a.rel)),
      max(ig("classic", "float64").map((a) => a.rel32w)),
    ];
    out.push(
      `- Integrated gradients: float32 Captum within ${fmtE(rel32)} of ours (relative to the largest attribution); Captum's own float32 error (its float32 against its float64) is up to ${fmtE(own32)}${rel32 <= 2 * own32 ? ", so the difference is float32 round-off" : ""}. Float64 Captum on the classical RK4 within ${fmtE(c64)}; with ours given Captum's float32-rounded quadrature weights ${fmtE(c64w)}${c64w < 1e-12 ? " (so the rest is those weights)" : ""}. On torchdiffeq's 3/8-rule rk4 in float64, weights matched: ${fmtE(max(ig("torchdiffeq", "float64").map((a) => a.rel32w)))} (two fourth-order tableaus: an O(h⁴) difference is expected).`,
    );
  } else out.push("- Integrated gradients: Captum did not run (see its section).");
  if (lrpAgreement.length) {
    for (const solve of [false, true]) {
      const rows = lrpAgreement.filter((a) => (a.solve ?? false) === solve);
      if (!rows.length) continue;
      const by = (d: string) => max(rows.filter((a) => a.dtype === d).map((a) => a.rel));
      const own32 = max(rows.filter((a) => a.dtype === "float32").map((a) => a.own));
      out.push(
        `- LRP${solve ? " through the RK4 solve (zennit on the unrolled graph)" : " on the network"}: zennit's ${solve ? "relevances of every state and stage" : "per-layer relevances"} within ${fmtE(by("float64"))} of ours in float64 and ${fmtE(by("float32"))} in float32 (relative to the largest); zennit's own float32 error is up to ${fmtE(own32)}${by("float32") <= 2 * own32 ? ", so the float32 difference is its round-off" : ""}${solve && sharedModule.length ? `. Written as one network module called at every stage, zennit is off by up to ${fmtE(max(sharedModule))} (its hooks keep only the last call's input)` : ""}.`,
      );
    }
  } else out.push("- LRP: zennit did not run (see its section).");
  const range = (v: number[]) =>
    v.length ? `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}×` : "not measured";
  out.push(
    `- Time, anchor / ours (best rounds; above 1: ours faster): SINDy ${range(speed.sindy)}; integrated gradients against float32 Captum on torchdiffeq ${range(speed.ig)}; LRP one input ${range(speed.lrpOne)}, all inputs (zennit batched, ours a loop) ${range(speed.lrpAll)}, through the solve ${range(speed.lrpSolve)}.`,
  );
  return out;
}

function main(): void {
  const sections = [...sindySection(), ...igSection(), ...lrpSection()];
  load.end = loadavg()[0];
  const cpu = cpus();
  const versions = [
    sindyVersions
      ? `pysindy ${sindyVersions.pysindy} (numpy ${sindyVersions.numpy}, scipy ${sindyVersions.scipy}, scikit-learn ${sindyVersions["scikit-learn"]}, Python ${sindyVersions.python})`
      : "pysindy: not run",
    igVersions
      ? `Captum ${igVersions.captum} and torchdiffeq ${igVersions.torchdiffeq} on torch ${igVersions.torch} (Debian's python3-torch)`
      : "Captum: not run",
    lrpVersions
      ? `zennit ${lrpVersions.zennit} on torch ${lrpVersions.torch}, Python ${lrpVersions.python}`
      : "zennit: not run",
  ];
  const md = [
    "# Attribution and equation discovery against the anchors (issue 15 §4)",
    "",
    `One run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "CPU"} (a shared machine: ${cpu.length} cores, other`,
    `tenants: 1-minute load average ${load.start.toFixed(1)} at the start and ${load.end.toFixed(1)} at the end, so timings are noisy; each contender runs ${rounds} rounds`,
    "after one warm-up and keeps the fastest, mean ± standard error beside it),",
    "ours in float64 on one thread, the Python anchors with one BLAS/torch thread. Generated by `npm run bench:interpret` (bench/interpret.ts);",
    "the anchors' environment by `bash bench/python/setup-interpret.sh` (bench/.venv-interpret).",
    "",
    `Anchor versions: ${versions.join("; ")}.`,
    ...installNotes(),
    "",
    "## Summary (computed from the tables below)",
    "",
    ...summary(),
    "",
    ...sections,
  ].join("\n");
  writeFileSync(join(__dirname, "interpret.md"), md);
  rmSync(work, { recursive: true, force: true });
  log("wrote bench/interpret.md");
}

main();
