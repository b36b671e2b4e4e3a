/**
 * The discrete gradient (lib/sensitivity/discrete.ts: reverse mode through lib/ode's explicit
 * Runge–Kutta stepper) against the engine it replaces (lib/neural/fusedBackprop.ts: its own copy
 * of the RK loop), in one run, on bench/neural.md's spiral configuration: 2-50-2 tanh MLP on y³
 * (N(0, 0.1²) weights, seed 0), a batch of 20 windows of 10 points of the true spiral, DOPRI5 at
 * rtol 1e-7, atol 1e-9, L1 loss. CPU and wall time per loss-and-gradient call, best of rounds (rounds
 * taken in turn, each over the same seeded sequence of batches), at the initial weights and after 300
 * iterations of RMSprop(1e-3) training (the state bench/neural.md's runs end in: more steps per
 * window). Writes bench/sensitivity.md. Not a test.
 *
 *   npm run bench:sensitivity [-- --calls 200 --rounds 5]
 *
 * The old engine is measured while lib/neural/fusedBackprop.ts exists (loaded by path, so this
 * script still runs once it is deleted).
 */
import { spiralData } from "./spiral";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { mlp64 } from "../lib/neural/fields/mlp64";
import { discrete } from "../lib/sensitivity/discrete";
import { lossAndGradient } from "../lib/sensitivity/lossAndGradient";
import { mulberry32, sampleWithoutReplacement } from "../lib/random/index";
import { rmsprop } from "../lib/neural/training/hostOptimizer";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const calls = arg("--calls", 200);
const rounds = arg("--rounds", 5);
const log = (s: string) => process.stderr.write(s + "\n");

// The spiral of torchdiffeq's ode_demo (bench/spiral.ts).
const spiral = spiralData();
const tAll = spiral.t;
const truth = spiral.y.map((v) => Float64Array.from(v));
const batchTime = 10;
const batchSize = 20;
const t = tAll.slice(0, batchTime);
/** ode_demo's get_batch: 20 window starts, y0 the truth there, targets the next 10 points. */
function batches(count: number, seed: number): { y0: Float64Array; targets: Float64Array[] }[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const starts = sampleWithoutReplacement(tAll.length - batchTime, batchSize, rand);
    const pack = (k: number) => Float64Array.from(starts.flatMap((s) => Array.from(truth[s + k])));
    return { y0: pack(0), targets: Array.from({ length: batchTime }, (_, k) => pack(k)) };
  });
}
const data = batches(calls, 1);
const field = mlp64({ dim: 2, hidden: [50], activation: "tanh", inputTransform: "cube", seed: 0, initStd: 0.1 });
const solver = { method: "DOPRI5" as const, rtol: 1e-7, atol: 1e-9 };

interface Result {
  loss: number;
  grads: Float64Array;
  nfeForward: number;
  nfeBackward: number;
}
type Contender = { name: string; call: (b: (typeof data)[number]) => Result };

const method = discrete();
const contenders: Contender[] = [
  {
    name: "discrete() + lossAndGradient (lib/sensitivity, on lib/ode's stepper)",
    call: (b) => {
      const r = lossAndGradient(field, b.y0, t, b.targets, { solver, gradient: method, loss: "mae" });
      return { loss: r.loss, grads: r.grads, nfeForward: r.stats.nfeForward, nfeBackward: r.stats.nfeBackward };
    },
  },
];
const oldPath = join(__dirname, "..", "lib", "neural", "fusedBackprop.ts");
const notes: string[] = [];

/** Both engines over the same batches at the field's current parameters: one table row each. */
function measure(label: string): string[] {
  const best = contenders.map(() => Infinity);
  const bestWall = contenders.map(() => Infinity);
  const last: Result[][] = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Alternate which engine goes first; time in process CPU time (the machine is shared) and wall time.
    const order = contenders.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const c = contenders[i];
      for (const b of data.slice(0, 10)) c.call(b); // warm-up
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const results = data.map((b) => c.call(b));
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000 / calls;
      const wallMs = (performance.now() - wall) / calls;
      best[i] = Math.min(best[i], ms);
      bestWall[i] = Math.min(bestWall[i], wallMs);
      last[i] = results;
      log(`${label}, round ${r + 1}: ${c.name}: ${ms.toFixed(3)} ms CPU, ${wallMs.toFixed(3)} ms wall per call`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rows = contenders.map((c, i) => {
    const res = last[i];
    return `| ${label} | ${c.name} | ${best[i].toFixed(3)} | ${bestWall[i].toFixed(3)} | ${(best[best.length - 1] / best[i]).toFixed(2)}× | ${mean(res.map((x) => x.nfeForward)).toFixed(1)} | ${mean(res.map((x) => x.nfeBackward)).toFixed(1)} | ${mean(res.map((x) => x.loss)).toPrecision(10)} |`;
  });
  if (contenders.length > 1) {
    // Same batches, same field: how far apart the two engines' losses and gradients are.
    let dLoss = 0;
    let dGrad = 0;
    let sameSteps = 0;
    last[0].forEach((a, k) => {
      const b = last[1][k];
      dLoss = Math.max(dLoss, Math.abs(a.loss - b.loss) / Math.abs(b.loss));
      let num = 0;
      let den = 0;
      for (let p = 0; p < a.grads.length; p++) {
        num = Math.max(num, Math.abs(a.grads[p] - b.grads[p]));
        den = Math.max(den, Math.abs(b.grads[p]));
      }
      dGrad = Math.max(dGrad, num / den);
      if (a.nfeForward === b.nfeForward) sameSteps++;
    });
    notes.push(
      `${label}: over the ${calls} batches the two engines' losses agree within ${dLoss.toExponential(2)} (relative), their gradients within ${dGrad.toExponential(2)} (max-norm relative), and the forward NFE is the same in ${sameSteps} of ${calls} calls.`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  if (existsSync(oldPath)) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const old: any = await import(oldPath);
    contenders.push({
      name: "fusedBackpropLoss (lib/neural, its own RK loop; replaced)",
      call: (b) =>
        old.fusedBackpropLoss(field, b.y0, t, b.targets, { method: "dopri5", rtol: 1e-7, atol: 1e-9, loss: "mae" }),
    });
  } else {
    notes.push(
      "The old engine (lib/neural/fusedBackprop.ts) no longer exists: only the discrete gradient was measured.",
    );
  }
  const rows = measure("initial weights");
  // 300 iterations of bench/neural.md's training (RMSprop 1e-3, one batch each), with the discrete gradient.
  const opt = rmsprop({ lr: 1e-3 }).create(field.parameters.length);
  const train = batches(300, 2);
  let lossEnd = 0;
  for (const b of train) {
    const r = lossAndGradient(field, b.y0, t, b.targets, { solver, gradient: method, loss: "mae" });
    opt.step(field.parameters, r.grads);
    lossEnd = r.loss;
  }
  log(`trained 300 iterations, last batch loss ${lossEnd}`);
  rows.push(...measure("after 300 iterations"));
  const md = [
    "# The discrete gradient on lib/ode's stepper against the fused engine's own RK loop",
    "",
    `One run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}; ${calls} loss-and-gradient calls per round over the same seeded batches, best of ${rounds} rounds (taken in turn, the first engine alternating), in process CPU time (the machine is shared; load average ${loadavg()[0].toFixed(1)} at the end) and wall time. Generated by \`npm run bench:sensitivity\` (bench/sensitivity.ts).`,
    "Configuration as bench/neural.md: 2-50-2 tanh MLP on y³ (N(0, 0.1²) weights, seed 0), batch of 20 windows of 10 points of the spiral, DOPRI5 at rtol 1e-7, atol 1e-9, L1 loss; measured at the initial weights and again after 300 iterations of RMSprop(1e-3) trained with the discrete gradient (batches from another seeded stream).",
    "",
    "| weights | engine | ms CPU per call | ms wall per call | speed (CPU) vs the fused engine | NFE forward (mean) | NFE backward (mean) | loss (mean) |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
  writeFileSync(join(__dirname, "sensitivity.md"), md);
  log(md);
}

void main();
