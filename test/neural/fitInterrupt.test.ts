import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

// The tslab kernel as scripts/setup.sh registers it, with the package built to dist/ (the notebooks'
// view): interrupting the kernel while `fit` trains stops training (fit listens for SIGINT and
// yields, so the listener runs), the kernel survives, and it survives a later interrupt too.
const root = join(__dirname, "..", "..");

test(
  "interrupting the tslab kernel stops fit cleanly (status interrupted), and the kernel survives this and later interrupts",
  { timeout: 180_000 },
  () => {
    const run = spawnSync("/usr/bin/python3", [join(__dirname, "fitInterrupt.py"), join(root, "notebooks")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH}` },
      timeout: 170_000,
    });
    assert.equal(run.status, 0, `fitInterrupt.py exited ${run.status}:\n${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      fitAlive: boolean;
      fitOutput: string[];
      lastAfter?: string;
      lastLater?: string;
      loopAlive?: boolean;
    };
    assert.equal(r.fitAlive, true, `the kernel died on the interrupt; output: ${r.fitOutput.join(" | ")}`);
    const out = r.fitOutput.join("\n");
    assert.match(out, /iteration \d+\/1000000 {2}loss .* ETA/, "progress line with iteration, loss and ETA");
    assert.match(out, /trained \d+ iterations, final loss .* \(interrupted\)/);
    assert.match(out, /fit status interrupted/);
    // Training stopped: the iteration count does not move after the interrupt.
    assert.ok(Number(r.lastAfter) > 0, `last iteration ${r.lastAfter}`);
    assert.equal(r.lastLater, r.lastAfter, "training went on after the interrupt");
    assert.equal(r.loopAlive, true, "a later interrupt killed the kernel (SIGINT disposition lost)");
  },
);
