/**
 * Before/after timing of this tree against an older checkout of itself, in one run: a worker
 * process per side (each loads only its own lib/, so neither side's JIT state leaks into the
 * other's — two copies of the same code in one process measured the one loaded second up to 2×
 * slower), driven in turn by this process. Each case runs on both sides in alternating order,
 * round after round, in CPU time of the worker, and the best round is kept (on a shared machine
 * the best is the least disturbed). Used by bench/solvers.ts and bench/systems.ts with
 * `--before DIR`, DIR a checkout of an older commit:
 *
 *   git worktree add ../nol-before <commit> && ln -s "$PWD/node_modules" ../nol-before/node_modules
 *   npm run bench:solvers -- --before ../nol-before
 *
 * A cases module (bench/solverCases.ts, bench/systemCases.ts) exports `cases(libRoot)`: the same
 * list of cases built on the lib/ of the checkout at libRoot.
 */
import { execFileSync, fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/** One case on one side: `run` does the work once and returns a digest of its result. */
export interface BenchCase {
  group: string;
  name: string;
  /** Unit of the result: ms per run, or ns per unit of `inner`. */
  unit: "ms" | "ns";
  /** Units of work in one run (e.g. evaluations in a loop), when the time is per unit; default 1. */
  inner?: number;
  run: () => number;
}

/** The folder given after `--before`, or null. */
export function beforeDir(argv: string[]): string | null {
  const i = argv.indexOf("--before");
  if (i < 0) return null;
  const dir = argv[i + 1];
  if (dir === undefined || dir.startsWith("--"))
    throw new Error("--before needs a folder: a checkout of the older commit");
  return isAbsolute(dir) ? dir : resolve(dir);
}

/** A module of `root`'s lib/ (path relative to lib/, no extension). */
export function libModule<T>(root: string, path: string): T {
  return require(join(root, "lib", path)) as T;
}

/** A number that changes with any bit of `xs` (FNV-1a over the 32-bit halves), to compare results. */
export function digest(xs: ArrayLike<number>): number {
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < xs.length; i++) {
    f[0] = xs[i];
    for (const w of u) h = Math.imul(h ^ w, 0x01000193) >>> 0;
  }
  return h;
}

// ── Worker: one side ───────────────────────────────────────────────────────────────────────────

type Request =
  { kind: "list" } | { kind: "calibrate"; index: number; ms: number } | { kind: "time"; index: number; calls: number };

/**
 * Per-run time of `calls` runs in CPU time of this process (user + system, process.cpuUsage),
 * not wall time: on a shared machine with a load of many times its cores, wall time mostly
 * measures how long the process waited for a core.
 */
function timeRuns(c: BenchCase, calls: number): { time: number; value: number } {
  let value = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) value = c.run();
  const d = process.cpuUsage(c0);
  const ns = ((d.user + d.system) * 1e3) / (calls * (c.inner ?? 1));
  return { time: c.unit === "ms" ? ns / 1e6 : ns, value };
}

function worker(casesModule: string, libRoot: string): void {
  const cases = (require(casesModule) as { cases: (root: string) => BenchCase[] }).cases(libRoot);
  process.on("message", (m: Request) => {
    if (m.kind === "list") return process.send!(cases.map((c) => [c.group, c.name, c.unit]));
    const c = cases[m.index];
    if (m.kind === "calibrate") {
      for (let i = 0; i < 3; i++) c.run();
      const t0 = performance.now();
      c.run();
      const ms = performance.now() - t0;
      return process.send!(Math.max(1, Math.min(1e6, Math.round(m.ms / Math.max(ms, 1e-6)))));
    }
    process.send!(timeRuns(c, m.calls));
  });
}

if (require.main === module) {
  const [, , flag, casesModule, libRoot] = process.argv;
  if (flag !== "--worker" || !casesModule || !libRoot) throw new Error("usage: beforeAfter.ts --worker CASES LIBROOT");
  worker(casesModule, libRoot);
}

// ── Driver ─────────────────────────────────────────────────────────────────────────────────────

export interface Timing {
  group: string;
  name: string;
  unit: "ms" | "ns";
  before: number;
  after: number;
  /** Both sides returned the same digest (bit for bit) in every round. */
  same: boolean;
}

/** A worker process and its one outstanding request. */
class Side {
  private readonly child: ChildProcess;
  private pending: { res: (r: unknown) => void; rej: (e: Error) => void } | null = null;
  constructor(casesModule: string, libRoot: string) {
    this.child = fork(__filename, ["--worker", casesModule, libRoot], { execArgv: ["--import", "tsx"] });
    this.child.on("message", (r) => this.settle()?.res(r));
    this.child.on("exit", (code) => this.settle()?.rej(new Error(`bench worker for ${libRoot} exited (${code})`)));
  }
  private settle() {
    const p = this.pending;
    this.pending = null;
    return p;
  }
  ask<T>(m: Request): Promise<T> {
    return new Promise<T>((res, rej) => {
      this.pending = { res: res as (r: unknown) => void, rej };
      this.child.send(m);
    });
  }
  close(): void {
    this.child.kill();
  }
}

/** Best per-run time of each side over `rounds` rounds, sides alternating first; batches of ~`ms`. */
async function timeCases(
  casesModule: string,
  beforeRoot: string,
  afterRoot: string,
  rounds: number,
  ms: number,
  log: (s: string) => void,
): Promise<Timing[]> {
  const sides = { before: new Side(casesModule, beforeRoot), after: new Side(casesModule, afterRoot) };
  try {
    const list = await sides.after.ask<[string, string, "ms" | "ns"][]>({ kind: "list" });
    const listBefore = await sides.before.ask<[string, string, "ms" | "ns"][]>({ kind: "list" });
    if (JSON.stringify(list) !== JSON.stringify(listBefore)) throw new Error("the two sides built different cases");
    const timings: Timing[] = [];
    for (let index = 0; index < list.length; index++) {
      const [group, name, unit] = list[index];
      const calls = await sides.after.ask<number>({ kind: "calibrate", index, ms });
      await sides.before.ask<number>({ kind: "calibrate", index, ms });
      for (const side of [sides.before, sides.after]) await side.ask({ kind: "time", index, calls: 5 * calls }); // warm-up
      const best = { before: Infinity, after: Infinity };
      let same = true;
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? (["before", "after"] as const) : (["after", "before"] as const);
        const values: number[] = [];
        for (const s of order) {
          const t = await sides[s].ask<{ time: number; value: number }>({ kind: "time", index, calls });
          best[s] = Math.min(best[s], t.time);
          values.push(t.value);
        }
        if (values[0] !== values[1]) same = false;
      }
      log(`${group} ${name}: before ${best.before.toPrecision(3)} ${unit}, after ${best.after.toPrecision(3)} ${unit}`);
      timings.push({ group, name, unit, ...best, same });
    }
    return timings;
  } finally {
    sides.before.close();
    sides.after.close();
  }
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));

/** A markdown section: a table per group and a summary line of the after/before ratios. */
function beforeAfterSection(
  title: string,
  intro: string[],
  timings: Timing[],
  beforeRef: string,
  afterRef: string,
): string {
  const lines = [`## ${title}`, "", ...intro, ""];
  const ratios = timings.map((t) => t.after / t.before);
  const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  const worst = timings.reduce((a, t) => (t.after / t.before > a.after / a.before ? t : a));
  lines.push(
    `Before: ${beforeRef}; after: ${afterRef}. After/before over ${timings.length} cases: geometric mean ` +
      `${geo.toFixed(3)}, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} ` +
      `(largest: ${worst.group}, ${worst.name}). Results bit-identical on both sides in ` +
      `${timings.filter((t) => t.same).length} of ${timings.length} cases.`,
    "",
  );
  for (const g of [...new Set(timings.map((t) => t.group))]) {
    const rows = timings.filter((t) => t.group === g);
    const unit = rows[0].unit === "ms" ? "CPU ms per solve" : "CPU ns per call";
    lines.push(`### ${g}`, "", `| case | before, ${unit} | after, ${unit} | after / before | same result |`);
    lines.push("|---|---|---|---|---|");
    for (const t of rows)
      lines.push(
        `| ${t.name} | ${fmt(t.before)} | ${fmt(t.after)} | ${(t.after / t.before).toFixed(2)} | ${t.same ? "yes" : "no"} |`,
      );
    lines.push("");
  }
  return lines.join("\n");
}

/** `text` with the section that starts with `## title` replaced by `section` (appended if absent). */
function spliceSection(text: string, title: string, section: string): string {
  const start = text.indexOf(`## ${title}`);
  if (start < 0) return text.replace(/\n*$/, "\n\n") + section.replace(/\n*$/, "\n");
  const next = text.indexOf("\n## ", start + 3);
  const end = next < 0 ? text.length : next + 1;
  return text.slice(0, start) + section.replace(/\n*$/, "\n\n") + text.slice(end);
}

/** The title of the section a `--before` run writes into a bench report. */
export const BEFORE_AFTER = "Before and after: this tree against an older commit";

function commitOf(dir: string): string {
  try {
    return execFileSync("git", ["-C", dir, "log", "-1", "--format=%h of %cs"], { encoding: "utf8" }).trim();
  } catch {
    return dir;
  }
}

/**
 * Times the cases of `casesModule` on the older checkout `dir` and on this tree `root`, and
 * rewrites the before/after section of `file`, leaving the rest of the report as its full run wrote it.
 */
export async function writeBeforeAfter(o: {
  root: string;
  dir: string;
  file: string;
  casesModule: string;
  command: string;
  notes: string[];
  quick: boolean;
  log: (s: string) => void;
}): Promise<void> {
  const rounds = o.quick ? 3 : 9;
  const ms = o.quick ? 5 : 20;
  const timings = await timeCases(o.casesModule, o.dir, o.root, rounds, ms, o.log);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const dirty = execFileSync("git", ["-C", o.root, "status", "--porcelain", "--", "lib"], { encoding: "utf8" }).trim();
  const section = beforeAfterSection(
    BEFORE_AFTER,
    [
      `Measured in one run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpu}${o.quick ? " (QUICK run)" : ""}.`,
      `Generated by \`${o.command}\` (bench/beforeAfter.ts): one worker process per side, each loading only its own lib/,`,
      `driven in turn; each case on both sides, alternating which goes first, best of ${rounds} rounds of ~${ms} ms batches,`,
      "in CPU time of the worker (process.cpuUsage: on this shared machine, at a load of 8-16 on 2 cores, wall time mostly",
      "measures waiting).",
      ...o.notes,
    ],
    timings,
    commitOf(o.dir),
    `${commitOf(o.root)}${dirty ? " with uncommitted changes to lib/" : ""}`,
  );
  writeFileSync(o.file, spliceSection(readFileSync(o.file, "utf8"), BEFORE_AFTER, section));
  o.log(`wrote the before/after section of ${o.file}`);
}

/** A full run's report `text` with the before/after section of the old `file` kept at its end. */
export function keepBeforeAfter(file: string, text: string): string {
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const kept = old.indexOf(`## ${BEFORE_AFTER}`);
  return kept < 0 ? text : `${text.replace(/\n*$/, "\n")}\n${old.slice(kept)}`;
}
