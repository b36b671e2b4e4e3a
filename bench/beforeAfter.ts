/**
 * Before/after timing of one library against an older checkout of itself, in one process: each
 * case is timed on both sides in alternating order, round after round, in CPU time, and the
 * best round is kept (on a shared machine the best is the least disturbed). Used by bench/solvers.ts and
 * bench/systems.ts with `--before DIR`, DIR a checkout of an older commit, e.g.
 *
 *   git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/node_modules
 *   npm run bench:solvers -- --before /tmp/before
 *
 * Each side loads its own lib/ (`require` of DIR/lib/…), so the two are separate code that the
 * JIT optimises apart; each case runs its own warm-up first.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

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

/** Calls per timed batch so that one batch of `run` takes about `targetMs` (at least 1). */
export function callsFor(run: () => unknown, targetMs: number): number {
  for (let i = 0; i < 3; i++) run();
  const t0 = performance.now();
  run();
  const ms = performance.now() - t0;
  return Math.max(1, Math.min(1e6, Math.round(targetMs / Math.max(ms, 1e-6))));
}

/** One case: the same work on each side; each returns a digest of its result, which should agree. */
export interface Case {
  group: string;
  name: string;
  before: () => number;
  after: () => number;
  /** Calls per timed batch (the batch's time is divided by it). */
  calls: number;
  /** Units of work in one call (e.g. evaluations in a loop), when the time is per unit; default 1. */
  inner?: number;
  /** Unit of the result: ms per solve or ns per call. */
  unit: "ms" | "ns";
}

export interface Timing {
  group: string;
  name: string;
  unit: "ms" | "ns";
  before: number;
  after: number;
  /** Both sides returned the same value (bit for bit). */
  same: boolean;
}

/**
 * Per-call time of a batch in CPU time of this process (user + system, process.cpuUsage), not
 * wall time: on a shared machine with a load of many times its cores, wall time mostly measures
 * how long the process waited for a core.
 */
function batch(run: () => number, calls: number, inner: number, unit: "ms" | "ns"): { time: number; value: number } {
  let value = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) value = run();
  const c = process.cpuUsage(c0);
  const ns = ((c.user + c.system) * 1e3) / (calls * inner);
  return { time: unit === "ms" ? ns / 1e6 : ns, value };
}

/** Best per-call time of each side over `rounds` rounds, sides alternating first. */
export function timeCases(cases: Case[], rounds: number, log: (s: string) => void): Timing[] {
  return cases.map((c) => {
    const warm = Math.max(10, 5 * c.calls);
    for (let i = 0; i < warm; i++) {
      c.before();
      c.after();
    }
    let before = Infinity;
    let after = Infinity;
    let same = true;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ["before", "after"] : ["after", "before"];
      const values: Record<string, number> = {};
      for (const side of order) {
        const b = batch(side === "before" ? c.before : c.after, c.calls, c.inner ?? 1, c.unit);
        values[side] = b.value;
        if (side === "before") before = Math.min(before, b.time);
        else after = Math.min(after, b.time);
      }
      if (!Object.is(values.before, values.after)) same = false;
    }
    log(`${c.group} ${c.name}: before ${before.toPrecision(3)} ${c.unit}, after ${after.toPrecision(3)} ${c.unit}`);
    return { group: c.group, name: c.name, unit: c.unit, before, after, same };
  });
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));

/** A markdown section: a table per group and a summary line of the after/before ratios. */
export function beforeAfterSection(
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
      `(largest: ${worst.group} ${worst.name}). Results bit-identical on both sides in ` +
      `${timings.filter((t) => t.same).length} of ${timings.length} cases.`,
    "",
  );
  const groups = [...new Set(timings.map((t) => t.group))];
  for (const g of groups) {
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
export function spliceSection(text: string, title: string, section: string): string {
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
 * Times `cases` (built from the older checkout `dir` and this tree `root`) and rewrites the
 * before/after section of `file`, leaving the rest of the report as its full run wrote it.
 */
export function writeBeforeAfter(o: {
  root: string;
  dir: string;
  file: string;
  command: string;
  notes: string[];
  cases: Case[];
  quick: boolean;
  log: (s: string) => void;
}): void {
  const rounds = o.quick ? 3 : 9;
  const timings = timeCases(o.cases, rounds, o.log);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const dirty = execFileSync("git", ["-C", o.root, "status", "--porcelain", "--", "lib"], { encoding: "utf8" }).trim();
  const section = beforeAfterSection(
    BEFORE_AFTER,
    [
      `Measured in one run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpu}${o.quick ? " (QUICK run)" : ""}.`,
      `Generated by \`${o.command}\` (bench/beforeAfter.ts): each case on both sides in one process,`,
      `alternating which goes first, best of ${rounds} rounds of ~${o.quick ? 5 : 20} ms batches, in CPU time of the process`,
      "(process.cpuUsage: on this shared machine, at a load of 8-16 on 2 cores, wall time mostly measures waiting).",
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
