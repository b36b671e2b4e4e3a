/**
 * Neural-ODE training benchmarks, written to bench/neural.md. Not a test.
 *
 * Spiral: against torchdiffeq (../shared/peers/torchdiffeq_spiral.py) on the spiral of its
 * examples/ode_demo.py, in one run: 2-50-2 tanh MLP on y³, RMSprop 1e-3, batch_time 10,
 * batch_size 20, dopri5 at torchdiffeq's default tolerances (rtol 1e-7, atol 1e-9).
 *
 * Stiff: two universal differential equations (known mass-action kinetics + a tanh MLP) trained
 * through Rodas5 and BDF with the continuous adjoint whose parameter adjoint is a quadrature,
 * beside diffrax's Kvaerno5 (bench/python/diffrax_stiff.py: same data, initial weights, loss,
 * Adam, iterations) and beside the path before issue 14 (fusedAdjointLoss through the stiff
 * solver), run in a worker process on a copy of that commit (`--before DIR`, or `git archive`).
 *
 *   bash bench/python/setup.sh        # once: bench/.venv (jax, diffrax, equinox, optax) and torchdiffeq's source
 *   TORCHDIFFEQ_DIR=bench/.venv/torchdiffeq-src npm run bench:neural [-- --niters 300 --rounds 3 --part spiral|stiff]
 *
 * torchdiffeq is skipped, with a note, when TORCHDIFFEQ_DIR is unset; diffrax when bench/.venv is absent.
 */
import { spiralData } from "./spiral";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  adam,
  adjoint,
  advanced,
  discrete,
  fit,
  kinetics,
  loadDataset,
  lossAndGradient,
  mlp64,
  rmsprop,
  solveIVP,
} from "../lib/index";
import type { FitOptions } from "../lib/index";
import { enzymeData, enzymeKnownSpec } from "./enzymeNetwork";
import { beforeDir } from "./beforeAfter";

const root = join(__dirname, "..");
const peers = join(root, "..", "shared", "peers");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const niters = { spiral: Number(arg("--niters", "300")), stiff: Number(arg("--stiff-iters", "100")) };
const rounds = Number(arg("--rounds", "3"));
const part = arg("--part", "all");
const log = (s: string) => process.stderr.write(s + "\n");

interface Row {
  who: string;
  gradient: string;
  secPerIter: number;
  totalSec: number;
  finalLoss: number;
  nfeForwardLast: number;
}

function torchdiffeq(adjoint: boolean, seed = 0): Row | string {
  const dir = process.env.TORCHDIFFEQ_DIR;
  if (!dir || !existsSync(join(dir, "torchdiffeq")))
    return "skipped: TORCHDIFFEQ_DIR is not set to a folder holding the torchdiffeq package";
  const out = execFileSync(
    "/usr/bin/python3",
    [
      join(peers, "torchdiffeq_spiral.py"),
      "--niters",
      String(niters.spiral),
      "--seed",
      String(seed),
      ...(adjoint ? ["--adjoint"] : []),
    ],
    {
      encoding: "utf8",
      env: process.env,
    },
  );
  const o = JSON.parse(out.trim().split("\n").pop()!) as Record<string, number | string>;
  return {
    who: `torchdiffeq (torch ${o.torch}, 1 thread, float32)`,
    gradient: adjoint ? "adjoint" : "backprop",
    secPerIter: Number(o.sec_per_iter_median),
    totalSec: Number(o.total_sec),
    finalLoss: Number(o.final_full_loss),
    nfeForwardLast: Number(o.nfe_forward_last),
  };
}

/** The spiral's field: 2-50-2 tanh on y³, N(0, 0.1²) weights and zero biases, as the peer initialises them. */
const spiralField = (seed = 0) =>
  mlp64({ dim: 2, hidden: [50], activation: "tanh", inputTransform: "cube", seed, initStd: 0.1 });

/** Sample standard deviation of the initial weight matrices and the largest |bias|: what the run used. */
function spiralInit(): { weightStd: number; maxBias: number } {
  const p = spiralField().parameters;
  // Layout W0 (2×50), b0 (50), W1 (50×2), b1 (2).
  const w = [...p.subarray(0, 100), ...p.subarray(150, 250)];
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  const weightStd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / (w.length - 1));
  const maxBias = Math.max(...[...p.subarray(100, 150), ...p.subarray(250, 252)].map(Math.abs));
  return { weightStd, maxBias };
}

async function ours(gradient: "discrete" | "adjoint" | "adjoint, seminorm", seed = 0): Promise<Row> {
  const data = spiralData();
  const field = spiralField(seed);
  const solver = { method: "DOPRI5" as const, rtol: 1e-7, atol: 1e-9 };
  const opts: FitOptions = {
    data,
    iterations: niters.spiral,
    batch: { time: 10, size: 20 },
    seed,
    solver,
    loss: "mae",
    // torch.optim.RMSprop's defaults, as ode_demo uses them: α 0.99, ε 1e-8 (tfjs adds ε under the root, torch after it).
    optimizer: rmsprop({ lr: 1e-3, decay: 0.99, epsilon: 1e-8, epsilonPlacement: "outside" }),
    gradient: gradient === "discrete" ? discrete() : adjoint(gradient === "adjoint" ? {} : { norm: "seminorm" }),
    progress: "none",
  };
  const started = performance.now();
  const result = await fit(field, opts);
  const totalSec = (performance.now() - started) / 1000;
  const walls = result.record.slice(Math.min(10, result.record.length - 1)).map((r) => r.wallMs / 1000);
  walls.sort((a, b) => a - b);
  // The peer's measure: mean |error| over the full 1000-point trajectory from y(0), here in float64.
  const pred = solveIVP((s, y, d) => field.forward(s, y, d), [0, 25], [2, 0], { ...solver, tEval: data.t });
  let finalLoss = 0;
  pred.y.forEach((y, k) => y.forEach((v, i) => (finalLoss += Math.abs(v - data.y[k][i]) / (2 * data.t.length))));
  return {
    who: "ours: fit on mlp64 (Field64, float64)",
    gradient:
      gradient === "discrete"
        ? "discrete() (backprop)"
        : `adjoint(${gradient === "adjoint" ? "" : '{ norm: "seminorm" }'})`,
    secPerIter: walls[walls.length >> 1],
    totalSec,
    finalLoss,
    nfeForwardLast: result.record[result.record.length - 1].nfeForward,
  };
}

async function spiralSection(): Promise<string[]> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const contenders: { label: string; run: () => Promise<Row | string> }[] = [
    ...[false, true].map((adjoint) => ({
      label: `torchdiffeq ${adjoint ? "adjoint" : "backprop"}`,
      run: async () => torchdiffeq(adjoint),
    })),
    ...(["discrete", "adjoint", "adjoint, seminorm"] as const).map((gradient) => ({
      label: `ours ${gradient}`,
      run: () => ours(gradient),
    })),
  ];
  // Every contender runs `rounds` times, the rounds one after the other, and keeps its fastest
  // round: a burst of load from other tenants of this shared machine then slows one round of one
  // contender, not the comparison (a single pass measured the same code 6 ms and 12 ms per iteration).
  const best = new Map<string, Row>();
  for (let round = 1; round <= rounds; round++)
    for (const c of contenders) {
      if (notes.some((n) => n.startsWith(c.label))) continue;
      log(`${c.label} (round ${round}/${rounds}) …`);
      const r = await c.run();
      if (typeof r === "string") notes.push(`${c.label}: ${r}`);
      else if (!best.has(c.label) || r.secPerIter < best.get(c.label)!.secPerIter) best.set(c.label, r);
    }
  for (const c of contenders) if (best.has(c.label)) rows.push(best.get(c.label)!);
  const peer = (g: string) => rows.find((r) => r.who.startsWith("torchdiffeq") && r.gradient === g);
  const init = spiralInit();
  // The final loss after 300 iterations depends on the random draw of weights and batches (over
  // seeds 0–2 ours ranged 0.32–0.65, seen): the loss target compares medians over LOSS_SEEDS, each
  // contender run once per seed (both are deterministic given the seed; seed 0 is the timed run).
  const lossBySeed = new Map<string, number[]>();
  const pairs = [
    ["backprop", "discrete", "discrete()"],
    ["adjoint", "adjoint", "adjoint()"],
  ] as const;
  for (const [g, mine, label] of pairs) {
    const p = peer(g);
    const o = rows.find((r) => r.who.startsWith("ours") && r.gradient.startsWith(label));
    if (!p || !o) continue;
    lossBySeed.set(`torchdiffeq ${g}`, [p.finalLoss]);
    lossBySeed.set(`ours ${label}`, [o.finalLoss]);
    for (const seed of LOSS_SEEDS.slice(1)) {
      log(`spiral loss, seed ${seed}: torchdiffeq ${g}, ours ${label} …`);
      const t = torchdiffeq(g === "adjoint", seed);
      if (typeof t !== "string") lossBySeed.get(`torchdiffeq ${g}`)!.push(t.finalLoss);
      lossBySeed.get(`ours ${label}`)!.push((await ours(mine, seed)).finalLoss);
    }
  }
  const lines = [
    "# Neural-ODE training benchmark: the spiral of torchdiffeq's ode_demo",
    "",
    `One run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${niters.spiral} iterations each, best of ${rounds} rounds per contender (rounds taken in turn).`,
    "Configuration as ../shared/peers/torchdiffeq_spiral.py: 2-50-2 tanh MLP on y³, RMSprop 1e-3, batch_time 10, batch_size 20,",
    "dopri5 at rtol 1e-7, atol 1e-9, L1 loss. Seconds per iteration: median after the first 10. Final loss: mean |error| over the",
    "full 1000-point trajectory from y(0) (the peer's measure). Generated by `npm run bench:neural` (bench/neural.ts).",
    `Our initial weights (mlp64, seed 0, initStd 0.1): sample standard deviation of the weight matrices ${init.weightStd.toFixed(4)}, biases`,
    `${init.maxBias === 0 ? "zero" : `up to ${init.maxBias.toExponential(2)}`} — N(0, 0.1²) weights and zero biases as the peer draws them (torch.nn.init.normal_(std=0.1), constant_(0)).`,
    'Ours: `fit` on the Field64 with rmsprop({ lr: 1e-3, decay: 0.99, epsilon: 1e-8, epsilonPlacement: "outside" }) (torch.optim.RMSprop: its defaults, ε outside the square root; float64 on the host) and the gradient method named.',
    "",
    "| run | gradient | s/iter | total s | final full-trajectory loss | NFE forward (last) | speed-up vs torchdiffeq backprop | vs torchdiffeq adjoint |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const b = peer("backprop");
      const a = peer("adjoint");
      return `| ${r.who} | ${r.gradient} | ${r.secPerIter.toFixed(4)} | ${r.totalSec.toFixed(1)} | ${r.finalLoss.toFixed(4)} | ${r.nfeForwardLast} | ${b ? (b.secPerIter / r.secPerIter).toFixed(2) + "×" : "—"} | ${a ? (a.secPerIter / r.secPerIter).toFixed(2) + "×" : "—"} |`;
    }),
    "",
    ...notes.map((n) => `- ${n}`),
    "",
    `Final full-trajectory loss by seed (${LOSS_SEEDS.join(", ")}; the seed draws the initial weights and the batches):`,
    "",
    `| run | ${LOSS_SEEDS.map((s) => `seed ${s}`).join(" | ")} | median | mean ± s.e. |`,
    `|---|${LOSS_SEEDS.map(() => "---|").join("")}---|---|`,
    ...[...lossBySeed].map(
      ([k, v]) =>
        `| ${k} | ${v.map((x) => x.toFixed(4)).join(" | ")} | ${median(v).toFixed(4)} | ${meanSe(v)[0].toFixed(4)} ± ${meanSe(v)[1].toFixed(4)} |`,
    ),
    "",
    "## Targets (≥ 5× faster per iteration than torchdiffeq at equal or lower final loss: mean over the seeds, lower or above by less than 2 standard errors of the difference)",
    "",
  ];
  // Like for like: our discrete gradient against torchdiffeq's backprop, adjoint (full norm, as
  // torchdiffeq's default) against adjoint.
  for (const [g, , mine] of pairs) {
    const p = peer(g);
    const ours = rows.find((r) => r.who.startsWith("ours") && r.gradient.startsWith(mine));
    const lp = lossBySeed.get(`torchdiffeq ${g}`);
    const lo = lossBySeed.get(`ours ${mine}`);
    if (!p || !ours || !lp || !lo) continue;
    const speed = p.secPerIter / ours.secPerIter;
    // Equal or lower loss, judged on the mean over the seeds: the runs of one seed differ by up to 2×
    // between contenders (different minibatch draws), so one seed, or a median of few, decides
    // nothing; the mean and its standard error say how far apart the two really are.
    const lossOk = meanSe(lo)[0] <= meanSe(lp)[0] + 2 * Math.hypot(meanSe(lo)[1], meanSe(lp)[1]);
    const [mo, so] = meanSe(lo);
    const [mp, sp] = meanSe(lp);
    lines.push(
      `- against torchdiffeq ${g}: ours with ${mine} ${speed.toFixed(2)}× per iteration, median final loss ${median(lo).toFixed(4)} vs ${median(lp).toFixed(4)} (mean ${mo.toFixed(4)} ± ${so.toFixed(4)} vs ${mp.toFixed(4)} ± ${sp.toFixed(4)}: the difference is ${(Math.abs(mo - mp) / Math.hypot(so, sp)).toFixed(1)} standard errors) — ${speed >= 5 && lossOk ? "met" : `NOT met (${speed < 5 ? "speed" : ""}${speed < 5 && !lossOk ? " and " : ""}${lossOk ? "" : "loss"})`}.`,
    );
  }
  lines.push(
    "- The tfjs rows of earlier versions (fit's tfjs engine, float32) are gone with that engine: fit trains a Field64 in float64; a tfjs model reaches it through toField64.",
    "- Noise: this machine is shared (2 cores, other tenants), so every contender runs in several rounds taken in turn and keeps its fastest.",
    "- discrete() is exact reverse mode through lib/ode's float64 DOPRI5 steps (replayed from the recorded steps), outputs from the dense output (as torchdiffeq); adjoint() integrates [a, a_θ] backwards (augmented, the explicit default) with z(t) from the forward dense output. The seminorm row leaves a_θ out of the backward error norm (Kidger, Chen & Lyons 2021; torchdiffeq offers the same through adjoint_options, off by default) and is not used for the targets.",
    "",
  );
  return lines;
}

// ── Stiff training: universal differential equations through Rodas5 / BDF ─────────────────────

/** A universal differential equation on kinetics data: known reactions + a 1-hidden-layer tanh MLP. */
interface StiffModel {
  name: string;
  label: string;
  /** The known reactions, as kinetics.reactionNetwork takes them. */
  known: { text: string; rates: Record<string, number>; species: string[] };
  hidden: number;
  data: { t: number[]; y: number[][] };
  lr: number;
  iterations: number;
  /** Iterations of the path before issue 14 (seconds each on the enzyme model): its ms/iteration only. */
  beforeIterations: number;
  rtol: number;
  atol: number;
}

interface StiffRow {
  model: string;
  who: string;
  method: string;
  /** Median wall and CPU ms per iteration after the first; null when the run failed. */
  msWall: number | null;
  msCpu: number | null;
  firstLoss: number | null;
  finalLoss: number | null;
  iterations: number;
  /** Forward / backward evaluations (ours) or forward steps (diffrax) of the last iteration. */
  work: string;
  note: string;
  /** Loss of each iteration, to compare the paths. */
  losses: number[];
}

function stiffModels(): StiffModel[] {
  const rober = loadDataset("rober-noisy");
  return [
    {
      // Notebook 03, section 5: ROBER's two fast reactions known, a 3-8-3 network learns A → B.
      name: "rober-ude",
      label: "ROBER UDE (notebook 03: 2 known fast reactions + 3-8-3 tanh net, 21 noisy times on [0, 40])",
      known: { text: "2B -> B + C, k2; B + C -> A + C, k3", rates: { k2: 3e7, k3: 1e4 }, species: ["A", "B", "C"] },
      hidden: 8,
      data: { t: rober.t, y: rober.y },
      lr: 3e-3,
      iterations: niters.stiff,
      beforeIterations: Math.min(niters.stiff, 30),
      rtol: 1e-6,
      atol: 1e-10,
    },
    {
      name: "enzyme-ude",
      label:
        "enzyme UDE (bench/enzymeNetwork.ts: known E + S ⇌ ES → E + P + 5-32-5 tanh net learning S → Q, 41 noisy times on [0, 10])",
      known: enzymeKnownSpec,
      hidden: 32,
      data: enzymeData(),
      lr: 1e-3,
      iterations: niters.stiff,
      beforeIterations: Math.min(niters.stiff, 4),
      rtol: 1e-6,
      atol: 1e-10,
    },
  ];
}

/**
 * The initial weights every contender starts from: mlp64 with notebook 03's seed 3 (mlpField's
 * Glorot weights), the last layer zero so training starts from the known physics alone.
 */
function initialParameters(m: StiffModel): Float64Array {
  const dim = m.known.species.length;
  const nn = mlp64({ dim, hidden: [m.hidden], activation: "tanh", seed: 3 });
  const p = nn.parameters.slice();
  p.fill(0, p.length - (m.hidden * dim + dim));
  return p;
}

/** The problem file the diffrax script and the before-worker read: the same data, weights and settings. */
function writeStiffProblem(models: StiffModel[]): string {
  const file = join(tmpdir(), `neural-stiff-problem-${process.pid}.json`);
  const problem = {
    models: models.map((m) => {
      const net = kinetics.reactionNetwork(m.known.text, m.known.rates, m.known.species);
      return {
        name: m.name,
        known: m.known,
        reactions: net.reactions.map((r, j) => ({ reactants: r.reactants, products: r.products, k: net.k[j] })),
        n: net.n,
        t: m.data.t,
        y: m.data.y,
        y0: m.data.y[0],
        sizes: [net.n, m.hidden, net.n],
        params: Array.from(initialParameters(m)),
        rtol: m.rtol,
        atol: m.atol,
        // diffrax's first step: with dt0 = None (its own initial-step choice) the enzyme model's
        // gradient fails at the first iteration (a non-finite linear solve in the backward pass, seen).
        dt0: 1e-6,
        lr: m.lr,
        iterations: m.iterations,
        beforeIterations: m.beforeIterations,
        loss: "mse",
      };
    }),
  };
  writeFileSync(file, JSON.stringify(problem));
  return file;
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
};

/** One training run of ours: lossAndGradient with adjoint({ parameters: "quadrature" }) + Adam, fit's work. */
function oursStiff(m: StiffModel, method: "Rodas5" | "BDF"): StiffRow {
  const net = kinetics.reactionNetwork(m.known.text, m.known.rates, m.known.species);
  const dim = net.n;
  const field = new advanced.FusedHybrid(mlp64({ dim, hidden: [m.hidden], activation: "tanh", seed: 3 }), {
    rhs: net.rhs,
    jacobian: net.jacobian,
  });
  field.parameters.set(initialParameters(m));
  const opt = adam({ lr: m.lr, epsilon: 1e-8 }).create(field.parameters.length);
  const gradient = adjoint({ parameters: "quadrature" });
  const y0 = Float64Array.from(m.data.y[0]);
  const targets = m.data.y.map((r) => Float64Array.from(r));
  const walls: number[] = [];
  const cpus: number[] = [];
  const losses: number[] = [];
  let work = "";
  let note = "";
  for (let i = 0; i < m.iterations; i++) {
    const c0 = process.cpuUsage();
    const started = performance.now();
    try {
      const g = lossAndGradient(field, y0, m.data.t, targets, {
        loss: "mse",
        solver: { method, rtol: m.rtol, atol: m.atol },
        gradient,
      });
      opt.step(field.parameters, g.grads);
      losses.push(g.loss);
      work = `${g.stats.nfeForward} / ${g.stats.nfeBackward}`;
    } catch (e) {
      note = `failed at iteration ${i + 1}: ${(e as Error).message}`;
      break;
    }
    walls.push(performance.now() - started);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return {
    model: m.name,
    who: 'ours: adjoint({ parameters: "quadrature" })',
    method,
    msWall: walls.length > 1 ? median(walls.slice(1)) : null,
    msCpu: cpus.length > 1 ? median(cpus.slice(1)) : null,
    firstLoss: losses[0] ?? null,
    finalLoss: note === "" ? losses[losses.length - 1] : null,
    iterations: losses.length,
    work,
    note,
    losses,
  };
}

/** The commit before issue 14 rebuilt the neural layer: its fusedAdjointLoss is the "before" column. */
const BEFORE_COMMIT = "8737999";

/** A checkout of BEFORE_COMMIT: `--before DIR`, or a `git archive` of it in the temp folder. */
function beforeCheckout(): string {
  const given = beforeDir(process.argv);
  if (given !== null) return given;
  const dir = join(tmpdir(), `neural-ode-lab-${BEFORE_COMMIT}`);
  if (!existsSync(join(dir, "lib"))) {
    mkdirSync(dir, { recursive: true });
    execFileSync("bash", ["-c", `git -C "${root}" archive ${BEFORE_COMMIT} | tar -x -C "${dir}"`]);
  }
  if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/**
 * Worker (a process of its own, so the old lib/ and this tree's never share a JIT): trains the
 * model of the problem file with the old path, fusedAdjointLoss ([a, a_θ] through the implicit
 * solver) + its host Adam, and prints the per-iteration record as one JSON line.
 */
function beforeWorker(dir: string, problemFile: string, name: string, method: string): void {
  // The old tree's modules, loaded by path: their types are not this tree's.
  const lib = (p: string) => require(join(dir, "lib", p)) as any;
  const m = (JSON.parse(readFileSync(problemFile, "utf8")).models as any[]).find((x) => x.name === name);
  const net = lib("systems/kinetics/network").reactionNetwork(m.known.text, m.known.rates, m.known.species);
  const nn = new (lib("neural/fusedMlp").FusedMlp)(
    lib("neural/mlpField").mlpField({ dim: m.n, hidden: [m.sizes[1]], activation: "tanh", seed: 3 }),
  );
  const field = new (lib("neural/fusedField").FusedHybrid)(nn, { rhs: net.rhs, jacobian: net.jacobian });
  field.theta.set(m.params);
  const opt = lib("neural/hostOptimizer").adam(field.nParams, { learningRate: m.lr, epsilon: 1e-8 });
  const fusedAdjointLoss = lib("neural/fusedAdjoint").fusedAdjointLoss;
  const y0 = Float64Array.from(m.y0);
  const targets = (m.y as number[][]).map((r) => Float64Array.from(r));
  const rows: { wall: number; cpu: number; loss: number; work: string }[] = [];
  let note = "";
  for (let i = 0; i < m.beforeIterations; i++) {
    const c0 = process.cpuUsage();
    const started = performance.now();
    try {
      const g = fusedAdjointLoss(field, y0, m.t, targets, { method, rtol: m.rtol, atol: m.atol, loss: "mse" });
      opt.step(field.theta, g.grads);
      const c = process.cpuUsage(c0);
      rows.push({
        wall: performance.now() - started,
        cpu: (c.user + c.system) / 1000,
        loss: g.loss,
        work: `${g.nfeForward} / ${g.nfeBackward}`,
      });
    } catch (e) {
      note = `failed at iteration ${i + 1}: ${(e as Error).message}`;
      break;
    }
  }
  process.stdout.write(JSON.stringify({ rows, note }) + "\n");
}

function beforeStiff(dir: string, problemFile: string, m: StiffModel, method: "Rodas5" | "BDF"): StiffRow {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, __filename, "--before-worker", dir, problemFile, m.name, method],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 26 },
  );
  const r = JSON.parse(out.trim().split("\n").pop()!) as {
    rows: { wall: number; cpu: number; loss: number; work: string }[];
    note: string;
  };
  const rest = r.rows.slice(1);
  return {
    model: m.name,
    who: `before (${BEFORE_COMMIT}): fusedAdjointLoss, [a, a_θ] through the solver`,
    method,
    msWall: rest.length ? median(rest.map((x) => x.wall)) : null,
    msCpu: rest.length ? median(rest.map((x) => x.cpu)) : null,
    firstLoss: r.rows[0]?.loss ?? null,
    finalLoss: null,
    iterations: r.rows.length,
    work: r.rows[r.rows.length - 1]?.work ?? "",
    note: r.note,
    losses: r.rows.map((x) => x.loss),
  };
}

/** diffrax through Kvaerno5 on the same problem file, or a note why not. */
function diffraxStiff(problemFile: string): { rows: StiffRow[]; versions: string } | string {
  const python = join(root, "bench", ".venv", "bin", "python");
  if (!existsSync(python)) return "diffrax skipped: bench/.venv is missing (bash bench/python/setup.sh)";
  const out = execFileSync(python, [join(root, "bench", "python", "diffrax_stiff.py"), problemFile], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
  const o = JSON.parse(out.trim().split("\n").pop()!) as {
    jax: string;
    diffrax: string;
    equinox: string;
    optax: string;
    models: {
      name: string;
      compile_s: number | null;
      ms_per_iter_median: number | null;
      cpu_ms_per_iter_median: number | null;
      first_loss: number | null;
      final_loss: number | null;
      forward_steps_last: number | null;
      iterations: number;
      losses: number[] | null;
      failed: string | null;
    }[];
  };
  return {
    versions: `jax ${o.jax}, diffrax ${o.diffrax}, equinox ${o.equinox}, optax ${o.optax}`,
    rows: o.models.map((r) => ({
      model: r.name,
      who: "diffrax Kvaerno5 (RecursiveCheckpointAdjoint, 1 thread, float64)",
      method: "Kvaerno5",
      msWall: r.ms_per_iter_median,
      msCpu: r.cpu_ms_per_iter_median,
      firstLoss: r.first_loss,
      finalLoss: r.failed ? null : r.final_loss,
      iterations: r.iterations,
      work: r.forward_steps_last === null ? "" : `${r.forward_steps_last} steps`,
      losses: r.losses ?? [],
      note: [r.compile_s === null ? "" : `first iteration (jit compile) ${r.compile_s.toFixed(1)} s`, r.failed ?? ""]
        .filter((x) => x)
        .join("; "),
    })),
  };
}

async function stiffSection(): Promise<string[]> {
  const models = stiffModels();
  const problemFile = writeStiffProblem(models);
  const dir = beforeCheckout();
  const rows: StiffRow[] = [];
  const notes: string[] = [];
  // Every contender in every round, rounds taken in turn, the fastest round (CPU time) of each kept:
  // a burst of load from other tenants then slows one round of one contender, not the comparison.
  let versions = "";
  const best = new Map<string, StiffRow>();
  const keep = (r: StiffRow) => {
    const key = `${r.model} ${r.who} ${r.method}`;
    const old = best.get(key);
    if (!old || (r.msCpu ?? Infinity) < (old.msCpu ?? Infinity)) best.set(key, r);
  };
  for (let round = 1; round <= rounds; round++) {
    log(`stiff: diffrax (round ${round}/${rounds}) …`);
    const peer = diffraxStiff(problemFile);
    if (typeof peer === "string") {
      if (!notes.includes(peer)) notes.push(peer);
    } else {
      peer.rows.forEach(keep);
      versions = peer.versions;
    }
    for (const m of models)
      for (const method of ["Rodas5", "BDF"] as const) {
        log(`stiff: ${m.name} ${method} (round ${round}/${rounds}) …`);
        keep(oursStiff(m, method));
        keep(beforeStiff(dir, problemFile, m, method));
      }
  }
  rows.push(...best.values());
  // Same model, same weights, same data: the loss paths must agree (to the solvers' tolerances).
  for (const r of rows) {
    if (r.who.startsWith("ours")) continue;
    const mine = rows.find(
      (x) => x.model === r.model && x.who.startsWith("ours") && (x.method === r.method || r.method === "Kvaerno5"),
    );
    const k = Math.min(r.losses.length, mine?.losses.length ?? 0);
    if (mine === undefined || k === 0) continue;
    let d = 0;
    for (let i = 0; i < k; i++) d = Math.max(d, Math.abs(r.losses[i] - mine.losses[i]) / Math.abs(mine.losses[i]));
    r.note = [
      `loss path over its ${k} iterations within ${d.toExponential(1)} (relative) of ours (${mine.method})`,
      r.note,
    ]
      .filter((x) => x)
      .join("; ");
  }
  const fmt = (v: number | null, d = 1) => (v === null ? "—" : v.toFixed(d));
  const lines = [
    "## Stiff training: universal differential equations through Rodas5 and BDF, beside diffrax",
    "",
    `One run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}${versions ? `, ${versions}` : ""}. Every contender trains`,
    "the same model from the same initial weights (mlp64 seed 3, notebook 03's, last layer zero: training starts from the known",
    "physics) on the same data, with the same loss (MSE over all output times and species, from the data's first row), Adam",
    "(β 0.9/0.999, ε 1e-8, the same learning rate), rtol 1e-6, atol 1e-10, one thread. Ours: lossAndGradient with",
    '`adjoint({ parameters: "quadrature" })` + the host Adam in a loop (the work fit does). Before: the fused adjoint of',
    `commit ${BEFORE_COMMIT} ([a, a_θ] integrated by the stiff solver: an (n + P)² LU), run in a worker on a copy of that commit.`,
    "ms per iteration: median after the first (diffrax: after the compiling first call), CPU and wall; best of",
    `${rounds} rounds per contender (rounds taken in turn; diffrax recompiles each round). Generated by \`npm run bench:neural\`.`,
    "",
  ];
  for (const m of models) {
    const mine = rows.filter((r) => r.model === m.name);
    const peerRow = mine.find((r) => r.method === "Kvaerno5");
    lines.push(
      `### ${m.label}`,
      "",
      `${m.iterations} iterations, lr ${m.lr}.`,
      "",
      "| run | method | CPU ms/iter | wall ms/iter | iterations | first loss | final loss | NFE fwd / bwd (last) | speed-up vs diffrax (CPU) | vs before (CPU) | note |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const r of mine) {
      const before = mine.find((x) => x.who.startsWith("before") && x.method === r.method);
      const ratio = (a: StiffRow | undefined) =>
        a && a.msCpu !== null && r.msCpu !== null ? `${(a.msCpu / r.msCpu).toFixed(1)}×` : "—";
      lines.push(
        `| ${r.who} | ${r.method} | ${fmt(r.msCpu)} | ${fmt(r.msWall)} | ${r.iterations} | ${r.firstLoss === null ? "—" : r.firstLoss.toExponential(4)} | ${r.finalLoss === null ? "—" : r.finalLoss.toExponential(4)} | ${r.work} | ${ratio(peerRow)} | ${r.who.startsWith("ours") ? ratio(before) : "—"} | ${r.note} |`,
      );
    }
    lines.push("");
    for (const r of mine.filter((x) => x.who.startsWith("ours"))) {
      const before = mine.find((x) => x.who.startsWith("before") && x.method === r.method);
      const parts: string[] = [];
      if (peerRow && peerRow.msCpu !== null && r.msCpu !== null && peerRow.finalLoss !== null && r.finalLoss !== null)
        parts.push(
          `${(peerRow.msCpu / r.msCpu).toFixed(1)}× diffrax Kvaerno5's CPU time per iteration (${r.msCpu < peerRow.msCpu ? "faster" : "slower"}), final loss ${r.finalLoss.toExponential(3)} vs ${peerRow.finalLoss.toExponential(3)}`,
        );
      else if (peerRow) parts.push(`no comparison with diffrax (${peerRow.note})`);
      if (before && before.msCpu !== null && r.msCpu !== null)
        parts.push(
          `${(before.msCpu / r.msCpu).toFixed(1)}× the path before (${before.msCpu.toFixed(0)} ms per iteration then)`,
        );
      lines.push(`- ours through ${r.method}: ${parts.join("; ")}.`);
    }
    lines.push("");
  }
  unlinkSync(problemFile);
  lines.push(
    ...notes.map((n) => `- ${n}`),
    `- diffrax is given dt0 = 1e-6 (its first step); with dt0 = None (its own choice) the enzyme model's gradient failed at the first iteration with "A linear solver returned non-finite (NaN or inf) output" in the backward pass (diffrax 0.7.2; cf. patrick-kidger/diffrax#368, lineax#82). Our solvers choose their first step (Hairer's rule).`,
    "- The path before runs fewer iterations (it costs seconds per iteration on the enzyme model); its ms per iteration is the median of those after the first, and its loss path is compared with ours over the iterations it ran.",
    "- NFE: ours counts right-hand-side evaluations of the forward solve and of the backward pass (each Gauss–Legendre node of the quadrature one); diffrax reports its forward steps.",
    "",
  );
  return lines;
}

const STIFF_HEADER = "## Stiff training";
/** Seeds of the spiral's loss comparison (seed 0 is the timed run). */
/** Mean and its standard error (sample standard deviation / √n). */
function meanSe(v: number[]): [number, number] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(v.length - 1, 1);
  return [m, Math.sqrt(s2 / v.length)];
}

const LOSS_SEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** Runs the parts asked for and rewrites bench/neural.md, keeping the section of a part not run. */
async function main(): Promise<void> {
  const file = join(root, "bench", "neural.md");
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const cut = old.indexOf(STIFF_HEADER);
  const oldSpiral = (cut < 0 ? old : old.slice(0, cut)).trimEnd().split("\n");
  const oldStiff = cut < 0 ? [] : old.slice(cut).trimEnd().split("\n");
  const spiral = part === "stiff" ? oldSpiral : await spiralSection();
  const stiff = part === "spiral" ? oldStiff : await stiffSection();
  const text = [...spiral.join("\n").trimEnd().split("\n"), "", ...stiff].join("\n").trimEnd() + "\n";
  writeFileSync(file, text);
  log(text);
}

if (process.argv[2] === "--before-worker") {
  const [dir, problemFile, name, method] = process.argv.slice(3);
  beforeWorker(dir, problemFile, name, method);
} else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
