/**
 * Neural-ODE training benchmark against torchdiffeq (../shared/peers/torchdiffeq_spiral.py) on
 * the spiral of its examples/ode_demo.py, in one run: 2-50-2 tanh MLP on y³, RMSprop 1e-3,
 * batch_time 10, batch_size 20, dopri5 at torchdiffeq's default tolerances (rtol 1e-7,
 * atol 1e-9). Writes bench/neural.md. Not a test.
 *
 *   TORCHDIFFEQ_DIR=/path/to/source npm run bench:neural [-- --niters 300 --rounds 3]
 *
 * torchdiffeq is skipped, with a note, when TORCHDIFFEQ_DIR is unset.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready, mlpField, fit, odeint, solveIVP } from "../lib/index";
import type { FitOptions } from "../lib/index";

const root = join(__dirname, "..");
const peers = join(root, "..", "shared", "peers");
const argIndex = process.argv.indexOf("--niters");
const niters = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 300;
const roundsIndex = process.argv.indexOf("--rounds");
const rounds = roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 3;
const log = (s: string) => process.stderr.write(s + "\n");

interface Row {
  who: string;
  gradient: string;
  secPerIter: number;
  totalSec: number;
  finalLoss: number;
  nfeForwardLast: number;
}

function torchdiffeq(adjoint: boolean): Row | string {
  const dir = process.env.TORCHDIFFEQ_DIR;
  if (!dir || !existsSync(join(dir, "torchdiffeq")))
    return "skipped: TORCHDIFFEQ_DIR is not set to a folder holding the torchdiffeq package";
  const out = execFileSync(
    "/usr/bin/python3",
    [join(peers, "torchdiffeq_spiral.py"), "--niters", String(niters), ...(adjoint ? ["--adjoint"] : [])],
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

async function ours(
  engine: "tfjs" | "fused",
  gradient: "backprop" | "adjoint",
  adjointNorm: "full" | "seminorm" = "full",
): Promise<Row> {
  const info = await ready();
  const t = Array.from({ length: 1000 }, (_, i) => (25 * i) / 999);
  const truth = solveIVP(
    (_s, y, d) => {
      const a = y[0] ** 3;
      const b = y[1] ** 3;
      d[0] = -0.1 * a - 2 * b;
      d[1] = 2 * a - 0.1 * b;
    },
    [0, 25],
    [2, 0],
    { method: "DOP853", rtol: 1e-11, atol: 1e-13, tEval: t },
  );
  const data = { t, y: truth.y.map((v) => Array.from(v)) };
  // N(0, 0.1²) weights and zero biases, as the peer initialises them.
  const field = mlpField({ dim: 2, hidden: [50], activation: "tanh", inputTransform: "cube", seed: 0, initStd: 0.1 });
  const opts: FitOptions = {
    data,
    iterations: niters,
    batchTime: 10,
    batchSize: 20,
    seed: 0,
    method: "dopri5",
    rtol: 1e-7,
    atol: 1e-9,
    loss: "mae",
    optimizer: tf.train.rmsprop(1e-3),
    engine,
    gradient,
    ...(gradient === "adjoint" ? { adjointNorm } : {}),
    progress: "none",
  };
  const started = performance.now();
  const result = await fit(field, opts);
  const totalSec = (performance.now() - started) / 1000;
  const walls = result.record.slice(Math.min(10, result.record.length - 1)).map((r) => r.wallMs / 1000);
  walls.sort((a, b) => a - b);
  // The peer's measure: mean |error| over the full 1000-point trajectory from y(0).
  const finalLoss = tf.tidy(() => {
    const pred = odeint(field, tf.tensor2d([[2, 0]]), t, { method: "dopri5", rtol: 1e-7, atol: 1e-9 });
    return tf.mean(tf.abs(tf.sub(pred.squeeze([1]), tf.tensor2d(data.y)))).dataSync()[0];
  });
  return {
    who: engine === "fused" ? "ours, fused float64 engine" : `ours, tfjs ${info.name} backend`,
    gradient: engine === "fused" ? `${gradient}${adjointNorm === "seminorm" ? ", seminorm" : ""} (float64)` : gradient,
    secPerIter: walls[walls.length >> 1],
    totalSec,
    finalLoss,
    nfeForwardLast: result.record[result.record.length - 1].nfeForward,
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const contenders: { label: string; run: () => Promise<Row | string> }[] = [
    ...[false, true].map((adjoint) => ({
      label: `torchdiffeq ${adjoint ? "adjoint" : "backprop"}`,
      run: async () => torchdiffeq(adjoint),
    })),
    ...(
      [
        ["fused", "backprop", "full"],
        ["fused", "adjoint", "full"],
        ["fused", "adjoint", "seminorm"],
        ["tfjs", "backprop", "full"],
        ["tfjs", "adjoint", "full"],
      ] as const
    ).map(([engine, gradient, norm]) => ({
      label: `ours ${engine} ${gradient} ${norm}`,
      run: () => ours(engine, gradient, norm),
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
  const lines = [
    "# Neural-ODE training benchmark: the spiral of torchdiffeq's ode_demo",
    "",
    `One run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${niters} iterations each, best of ${rounds} rounds per contender (rounds taken in turn).`,
    "Configuration as ../shared/peers/torchdiffeq_spiral.py: 2-50-2 tanh MLP on y³, RMSprop 1e-3, batch_time 10, batch_size 20,",
    "dopri5 at rtol 1e-7, atol 1e-9, L1 loss. Seconds per iteration: median after the first 10. Final loss: mean |error| over the",
    "full 1000-point trajectory from y(0) (the peer's measure). Generated by `npm run bench:neural` (bench/neural.ts).",
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
    "## Targets (≥ 5× faster per iteration than torchdiffeq at equal or lower final loss)",
    "",
  ];
  // Like for like: our discrete gradient against torchdiffeq's backprop, adjoint (full norm, as
  // torchdiffeq's default) against adjoint.
  for (const g of ["backprop", "adjoint"]) {
    const p = peer(g);
    const fused = rows.find((r) => r.who.startsWith("ours, fused") && r.gradient.startsWith(g));
    if (!p || !fused) continue;
    const speed = p.secPerIter / fused.secPerIter;
    const lossOk = fused.finalLoss <= p.finalLoss;
    lines.push(
      `- against torchdiffeq ${g}: fused engine (${g}) ${speed.toFixed(2)}× per iteration, final loss ${fused.finalLoss.toFixed(4)} vs ${p.finalLoss.toFixed(4)} — ${speed >= 5 && lossOk ? "met" : "NOT met"}.`,
    );
  }
  lines.push(
    "- The generic tfjs path (any field, float32) is slower than torchdiffeq: per-op overhead of tfjs dominates for a 2-50-2 network.",
    "- Noise: on this shared 2-core machine the same configuration varies by up to 2× between runs (torchdiffeq backprop took 12–22 ms per iteration in runs on the same day), so every contender runs in several rounds taken in turn and keeps its fastest; single-pass runs earlier gave 3.9–9.5× against backprop and 3.8–9.8× against the adjoint.",
    "- Fused backprop is exact reverse mode through the float64 DOPRI5 steps, outputs from the dense output (as torchdiffeq), with float64 host RMSProp; the adjoint row integrates [a, a_θ] backwards on solveIVP with z(t) from the forward dense output. The seminorm row leaves a_θ out of the backward error norm (Kidger, Chen & Lyons 2021; torchdiffeq offers the same through adjoint_options, off by default) and is not used for the targets.",
    "",
  );
  writeFileSync(join(root, "bench", "neural.md"), lines.join("\n"));
  log(lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
