/**
 * Solver benchmark against the peers in ../shared/peers, in one run on one machine:
 * dopri and odex (the JavaScript solvers a TypeScript user would otherwise pick), scipy's
 * solve_ivp and SUNDIALS CVODE. Writes bench/solvers.md. Not a test.
 *
 *   npm run bench:solvers [-- --quick]
 *   npm run bench:solvers -- --before DIR [--quick]
 *
 * With `--before DIR` (a checkout of an older commit) it times only our solves, this tree against
 * DIR's, in one process (bench/beforeAfter.ts), and rewrites only that section of solvers.md.
 *
 * Error measure everywhere (the peers'): max_i |y_i − ref_i| / (|ref_i| + atol_i/rtol) at the
 * final time, against the reference states of problems.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { MethodName, StandardProblem } from "../lib/index";
import type { solveIVP as SolveIVP } from "../lib/ode/solveIVP";
import type { problemSet as ProblemSet } from "../lib/problems/index";
import { beforeDir, keepBeforeAfter, libModule, writeBeforeAfter } from "./beforeAfter";
import { explicitMethods, nonStiff, rtols, stiff, stiffMethods } from "./solverCases";

const root = join(__dirname, "..");
const peers = join(root, "..", "shared", "peers");
// ../shared/peers/setup.sh builds into $PEERS_BUILD, by default peers-build in the temp folder.
const build = process.env.PEERS_BUILD ?? join(tmpdir(), "peers-build");
const quick = process.argv.includes("--quick");
const before = beforeDir(process.argv);
// The solver and problems alone (not lib/index, which also loads the neural layer and tfjs).
const { solveIVP } = libModule<{ solveIVP: typeof SolveIVP }>(root, "ode/solveIVP");
const { problemSet } = libModule<{ problemSet: typeof ProblemSet }>(root, "problems/index");

interface Run {
  solver: string;
  problem: string;
  rtol: number;
  ms: number;
  nfev: number;
  error: number;
  success: boolean;
  /** Final state (ours only), to re-measure the error on another run's scale. */
  y?: number[];
}

const log = (s: string) => process.stderr.write(s + "\n");

function peerError(y: ArrayLike<number>, ref: number[], rtol: number, atol: number): number {
  let e = 0;
  ref.forEach((r, i) => (e = Math.max(e, Math.abs(y[i] - r) / (Math.abs(r) + atol / rtol))));
  return e;
}

function jsonLines(out: string): Record<string, unknown>[] {
  return out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function setupPeers(): void {
  if (existsSync(join(build, "cvode_bench")) && existsSync(join(build, "js", "node_modules", "odex"))) return;
  log("setting up the peers (../shared/peers/setup.sh: apt packages, CVODE driver, dopri/odex) …");
  execFileSync("bash", [join(peers, "setup.sh")], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PEERS_BUILD: build },
  });
}

function peerRun(o: Record<string, unknown>): Run {
  return {
    solver: `${o.peer} ${o.method}`,
    problem: String(o.problem),
    rtol: Number(o.rtol),
    ms: Number(o.wall_sec) * 1e3,
    nfev: Number(o.nfev),
    error: Number(o.error),
    success: o.success !== false,
  };
}

function runPeers(): Run[] {
  const runs: Run[] = [];
  const reps = quick ? 3 : 30;
  log("peers: dopri, odex …");
  const js = execFileSync("node", [join(peers, "js", "js_peers.mjs"), "--repeats", String(reps)], {
    env: { ...process.env, NODE_PATH: join(build, "js", "node_modules") },
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  runs.push(...jsonLines(js).map(peerRun));
  log("peers: scipy solve_ivp …");
  const sp = execFileSync("/usr/bin/python3", [join(peers, "scipy_ivp.py"), "--repeats", quick ? "1" : "5"], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  runs.push(...jsonLines(sp).map(peerRun));
  log("peers: CVODE …");
  for (const name of stiff) {
    const p = problemSet[name];
    for (const rtol of rtols) {
      let out = "";
      try {
        out = execFileSync(
          join(build, "cvode_bench"),
          [name, String(rtol), quick ? "1" : "20", ...p.referenceFinal.map(String)],
          {
            encoding: "utf8",
          },
        );
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? "");
      }
      for (const o of jsonLines(out)) {
        runs.push(
          o.success === false
            ? { solver: "cvode CVODE_BDF", problem: name, rtol, ms: NaN, nfev: NaN, error: NaN, success: false }
            : peerRun(o),
        );
      }
    }
  }
  return runs;
}

/**
 * dopri and odex timed in this process with the same protocol as ours (30 warm-up solves, median
 * of 31), called exactly as ../shared/peers/js/js_peers.mjs calls them. The peers' own script
 * warms up with a single solve, which leaves its first problems partly unoptimised.
 */
function timeJsPeersWarm(): Run[] {
  const req = createRequire(join(build, "js", "node_modules", "x.js"));
  const { Dopri } = req("dopri") as { Dopri: new (f: unknown, n: number, o: object) => any };
  const { Solver: Odex } = req("odex") as { Solver: new (n: number) => any };
  const version = (pkg: string) => (req(`${pkg}/package.json`) as { version: string }).version;
  const solvers: Record<string, (p: StandardProblem, rtol: number, atol: number) => { y: number[]; nfev: number }> = {
    [`dopri ${version("dopri")} DOPRI5 (warm)`]: (p, rtol, atol) => {
      let nfev = 0;
      const f = (t: number, y: Float64Array, d: Float64Array) => {
        nfev++;
        p.rhs(t, y, d);
      };
      const s = new Dopri(f, p.n, { rtol, atol, maxSteps: 1e7 });
      s.initialise(p.tSpan[0], p.y0.slice());
      const sol = s.run(p.tSpan[1]);
      return { y: sol([p.tSpan[1]])[0], nfev };
    },
    [`odex ${version("odex")} GBS (warm)`]: (p, rtol, atol) => {
      let nfev = 0;
      const s = new Odex(p.n);
      s.relativeTolerance = rtol;
      s.absoluteTolerance = atol;
      s.maxSteps = 1e7;
      const r = s.solve(
        (t: number, y: Float64Array) => {
          nfev++;
          const d = new Array(p.n);
          p.rhs(t, y, d as unknown as Float64Array);
          return d;
        },
        p.tSpan[0],
        p.y0.slice(),
        p.tSpan[1],
      );
      return { y: Array.from(r.y as number[]).slice(0, p.n), nfev };
    },
  };
  const runs: Run[] = [];
  for (const name of nonStiff) {
    const p = problemSet[name];
    for (const rtol of rtols) {
      const atol = p.atolFor(rtol);
      for (const [solver, solve] of Object.entries(solvers)) {
        let r = solve(p, rtol, atol);
        for (let i = 1; i < (quick ? 3 : 30); i++) r = solve(p, rtol, atol);
        const times: number[] = [];
        for (let i = 0; i < (quick ? 3 : 31); i++) {
          const t0 = performance.now();
          r = solve(p, rtol, atol);
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const error = peerError(r.y, p.referenceFinal, rtol, atol);
        runs.push({ solver, problem: name, rtol, ms: times[times.length >> 1], nfev: r.nfev, error, success: true });
      }
    }
  }
  return runs;
}

/** Median wall time of `reps` solves after `warm` warm-up solves (the JIT compiles during warm-up). */
function timeOurs(p: StandardProblem, method: MethodName, rtol: number): Run {
  const atol = p.atolFor(rtol);
  // Only the final state is requested (tEval), as dopri's sol([tEnd]) and odex's result give it;
  // storing every step costs about 20% more on these small problems (scipy's default).
  const opts = { method, rtol, atol, jacobian: p.jacobian, maxSteps: 1e6, tEval: [p.tSpan[1]] };
  const warm = quick ? 3 : 30;
  const reps = quick ? 3 : 31;
  let r = solveIVP(p.rhs, p.tSpan, p.y0, opts);
  for (let i = 1; i < warm; i++) r = solveIVP(p.rhs, p.tSpan, p.y0, opts);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    r = solveIVP(p.rhs, p.tSpan, p.y0, opts);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const last = r.y.length > 0 ? r.y[r.y.length - 1] : null;
  return {
    solver: `ours ${method}`,
    problem: p.name,
    rtol,
    ms: times[times.length >> 1],
    nfev: r.stats.nfev,
    error: last && r.success ? peerError(last, p.referenceFinal, rtol, atol) : Infinity,
    success: r.success && last !== null,
    y: last ? Array.from(last) : undefined,
  };
}

/**
 * Our fastest configuration (method × rtol on a half-decade grid) whose error, measured on the
 * peer run's scale (its rtol and atol), is ≤ that run's error.
 */
function fastestAtError(p: StandardProblem, methods: MethodName[], peer: Run, cache: Map<string, Run>): Run | null {
  const target = peer.error;
  let best: Run | null = null;
  for (const method of methods) {
    for (let k = 6; k <= 24; k++) {
      const rtol = Math.pow(10, -k / 2);
      const key = `${p.name}/${method}/${rtol}`;
      let r = cache.get(key);
      if (!r) {
        r = timeOurs(p, method, rtol);
        cache.set(key, r);
      }
      const err = r.y ? peerError(r.y, p.referenceFinal, peer.rtol, p.atolFor(peer.rtol)) : Infinity;
      if (r.success && err <= target && (best === null || r.ms < best.ms)) {
        best = { ...r, error: err, solver: `${r.solver} (rtol ${rtol.toExponential(1)})` };
      }
    }
  }
  return best;
}

const fmt = (x: number, d = 3) =>
  Number.isFinite(x) ? (Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(d) : x.toExponential(2)) : "—";
const fmtE = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : "—");

function mainBeforeAfter(dir: string): Promise<void> {
  return writeBeforeAfter({
    root,
    dir,
    file: join(root, "bench", "solvers.md"),
    casesModule: join(__dirname, "solverCases.ts"),
    command: "npm run bench:solvers -- --before DIR",
    notes: [
      "Same problems, options and Jacobians as the tables above (each side its own lib/, problems included); the peer",
      "tables above are from their own run.",
    ],
    quick,
    log,
  });
}

function main(): void {
  if (before !== null) {
    mainBeforeAfter(before).catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
    return;
  }
  setupPeers();
  const peerRuns = runPeers();
  log("peers: dopri, odex in this process, warmed like ours …");
  peerRuns.push(...timeJsPeersWarm());
  const ours: Run[] = [];
  for (const name of [...nonStiff, ...stiff]) {
    const p = problemSet[name];
    const methods = p.stiff ? stiffMethods : explicitMethods;
    for (const rtol of rtols) for (const m of methods) ours.push(timeOurs(p, m, rtol));
    log(`ours: ${name} done`);
  }
  const all = [...peerRuns, ...ours];
  const cache = new Map<string, Run>();
  const lines: string[] = [];
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  lines.push(
    "# Solver benchmark: Neural ODE Lab against dopri, odex, scipy and CVODE",
    "",
    `Measured in one run on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpu}${quick ? " (QUICK run: few repeats, numbers are rough)" : ""}.`,
    "Generated by `npm run bench:solvers` (bench/solvers.ts). Wall times are medians after a warm-up; our solves and dopri/odex run",
    "in Node, scipy in CPython, CVODE in C. Error: max_i |y_i − ref_i| / (|ref_i| + atol_i/rtol) at the final time, atol as in",
    "problems.json. Timings on this shared 2-core machine are noisy: read the ratios, which are taken within this one run.",
    "Our solves request only the final state (`tEval: [tFinal]`), as the peers are asked for it.",
    "",
  );

  const summary: string[] = [];
  lines.push("## Non-stiff problems", "");
  lines.push("| problem | rtol | solver | ms | nfev | error |", "|---|---|---|---|---|---|");
  for (const name of nonStiff) {
    for (const rtol of rtols) {
      const rows = all.filter((r) => r.problem === name && r.rtol === rtol);
      rows.sort((a, b) => a.ms - b.ms);
      for (const r of rows)
        lines.push(`| ${name} | ${rtol} | ${r.solver} | ${fmt(r.ms)} | ${r.nfev} | ${fmtE(r.error)} |`);
    }
  }
  lines.push("", "### Against the faster JavaScript peer, at equal or better error", "");
  lines.push(
    "Peers timed in this process exactly like ours (30 warm-up solves, median of 31; the rows marked (warm) above).",
    "Same rtol: the fastest of our DOPRI5/Tsit5/DOP853 at the same rtol whose error is ≤ the faster peer's. Matched error: our fastest",
    "configuration over methods × rtol (10^-3 … 10^-12 in half decades) with error ≤ the faster peer's. Ratio = peer time / our time; target ≥ 3.",
    "",
    "| problem | rtol | faster JS peer | peer ms | peer error | ours, same rtol | ratio | ours, matched error | ratio |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  let met = 0;
  let total = 0;
  for (const name of nonStiff) {
    const p = problemSet[name];
    for (const rtol of rtols) {
      const js = peerRuns.filter(
        (r) => r.problem === name && r.rtol === rtol && /\(warm\)$/.test(r.solver) && r.success,
      );
      if (js.length === 0) continue;
      const peer = js.reduce((a, b) => (a.ms <= b.ms ? a : b));
      const same = ours
        .filter((r) => r.problem === name && r.rtol === rtol && r.error <= peer.error)
        .reduce<Run | null>((a, b) => (a === null || b.ms < a.ms ? b : a), null);
      const matched = fastestAtError(p, explicitMethods, peer, cache);
      const r1 = same ? peer.ms / same.ms : NaN;
      const r2 = matched ? peer.ms / matched.ms : NaN;
      total++;
      if (Math.max(r1 || 0, r2 || 0) >= 3) met++;
      lines.push(
        `| ${name} | ${rtol} | ${peer.solver} | ${fmt(peer.ms)} | ${fmtE(peer.error)} | ${same ? `${same.solver} ${fmt(same.ms)} ms` : "none at equal error"} | ${fmt(r1, 2)} | ${matched ? `${matched.solver} ${fmt(matched.ms)} ms` : "—"} | ${fmt(r2, 2)} |`,
      );
    }
  }
  summary.push(
    `- Non-stiff, ≥ 3× faster than the faster of dopri/odex at equal or better error: met in ${met} of ${total} (problem, rtol) cases.`,
  );

  lines.push(
    "",
    "### DOPRI5 function evaluations against scipy RK45 (same tableau and error norm; target within 10%)",
    "",
  );
  lines.push("| problem | rtol | ours nfev | scipy RK45 nfev | ratio |", "|---|---|---|---|---|");
  let nfevOk = 0;
  let nfevTotal = 0;
  for (const name of nonStiff)
    for (const rtol of rtols) {
      const a = ours.find((r) => r.problem === name && r.rtol === rtol && r.solver === "ours DOPRI5");
      const b = peerRuns.find((r) => r.problem === name && r.rtol === rtol && r.solver.endsWith("RK45"));
      if (!a || !b) continue;
      const ratio = a.nfev / b.nfev;
      nfevTotal++;
      if (Math.abs(ratio - 1) <= 0.1) nfevOk++;
      lines.push(`| ${name} | ${rtol} | ${a.nfev} | ${b.nfev} | ${ratio.toFixed(3)} |`);
    }
  summary.push(`- DOPRI5 nfev within 10% of scipy RK45: ${nfevOk} of ${nfevTotal} cases.`);

  lines.push("", "## Stiff problems", "");
  lines.push("| problem | rtol | solver | ms | nfev | error |", "|---|---|---|---|---|---|");
  for (const name of stiff)
    for (const rtol of rtols) {
      const rows = all.filter((r) => r.problem === name && r.rtol === rtol).sort((a, b) => a.ms - b.ms);
      for (const r of rows)
        lines.push(
          `| ${name} | ${rtol} | ${r.solver} | ${fmt(r.ms)} | ${r.nfev} | ${r.success ? fmtE(r.error) : "failed"} |`,
        );
    }
  lines.push("", "### Against CVODE (ours / CVODE wall time; target ≤ 1 at equal or better error)", "");
  lines.push(
    "| problem | rtol | CVODE ms | CVODE error | best of ours at same rtol | ours/CVODE | error | ours at matched error | ours/CVODE |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  let sMet = 0;
  let sTotal = 0;
  for (const name of stiff) {
    const p = problemSet[name];
    for (const rtol of rtols) {
      const cv = peerRuns.find((r) => r.problem === name && r.rtol === rtol && r.solver.startsWith("cvode"));
      if (!cv || !cv.success) {
        lines.push(`| ${name} | ${rtol} | CVODE failed | — | — | — | — | — | — |`);
        continue;
      }
      const same = ours
        .filter((r) => r.problem === name && r.rtol === rtol && r.success)
        .reduce<Run | null>((a, b) => (a === null || b.ms < a.ms ? b : a), null)!;
      const matched = fastestAtError(p, stiffMethods, cv, cache);
      const q1 = same.ms / cv.ms;
      const q2 = matched ? matched.ms / cv.ms : NaN;
      sTotal++;
      if ((same.error <= cv.error && q1 <= 1) || q2 <= 1) sMet++;
      lines.push(
        `| ${name} | ${rtol} | ${fmt(cv.ms)} | ${fmtE(cv.error)} | ${same.solver} ${fmt(same.ms)} ms | ${fmt(q1, 2)} | ${fmtE(same.error)} | ${matched ? `${matched.solver} ${fmt(matched.ms)} ms` : "—"} | ${fmt(q2, 2)} |`,
      );
    }
  }
  summary.push(
    `- Stiff, at least as fast as CVODE at equal or better error: met in ${sMet} of ${sTotal} (problem, rtol) cases where CVODE succeeded.`,
  );

  lines.splice(
    8,
    0,
    "## Summary",
    "",
    ...summary,
    "",
    "Targets not met are listed in the tables below with their ratios.",
    "",
  );
  // Keep the before/after section, which only `--before` runs rewrite.
  const file = join(root, "bench", "solvers.md");
  writeFileSync(file, keepBeforeAfter(file, lines.join("\n") + "\n"));
  log(summary.join("\n"));
  log("wrote bench/solvers.md");
}

main();
