import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

// Executes every notebook headless through real Jupyter + tslab (scripts/run-notebooks.sh) and
// fails if any cell errors. The executed notebooks, HTML exports and figures land in out/.
const root = join(__dirname, "..");
const notebooks = readdirSync(join(root, "notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

test("every notebook executes headless without a cell error", { timeout: 40 * 60 * 1000 }, () => {
  assert.ok(notebooks.length > 0, "no notebooks found in notebooks/");
  const run = spawnSync("bash", ["scripts/run-notebooks.sh"], { cwd: root, encoding: "utf8", stdio: "pipe" });
  process.stdout.write(run.stdout ?? "");
  process.stderr.write(run.stderr ?? "");
  assert.equal(run.status, 0, `scripts/run-notebooks.sh exited with ${run.status}`);
  for (const nb of notebooks) {
    const executed = join(root, "out", "notebooks", nb);
    assert.ok(existsSync(executed), `missing executed notebook ${executed}`);
    const cells = JSON.parse(readFileSync(executed, "utf8")).cells as {
      cell_type: string;
      outputs?: { output_type: string; ename?: string; evalue?: string }[];
    }[];
    cells.forEach((cell, i) => {
      for (const o of cell.outputs ?? []) {
        assert.notEqual(o.output_type, "error", `${nb}, cell ${i}: ${o.ename}: ${o.evalue}`);
      }
    });
    const html = join(root, "out", "html", nb.replace(/\.ipynb$/, ".html"));
    assert.ok(existsSync(html), `missing HTML export ${html}`);
  }
});

// Figures whose content is a measurement of this machine (wall times), not a computation.
const timingFigures = new Set(["01-ode-solvers/work-precision.html"]);

test(
  "a notebook run twice gives the same figures (every seeded figure, byte for byte)",
  { timeout: 40 * 60 * 1000 },
  () => {
    rmSync(join(root, "out", "rerun"), { recursive: true, force: true });
    const rerun = spawnSync("bash", ["scripts/run-notebooks.sh"], {
      cwd: root,
      encoding: "utf8",
      stdio: "pipe",
      env: { ...process.env, NOL_OUT: join("out", "rerun") },
    });
    assert.equal(rerun.status, 0, `second run exited with ${rerun.status}:\n${rerun.stdout}\n${rerun.stderr}`);
    let compared = 0;
    for (const nb of notebooks) {
      const name = nb.replace(/\.ipynb$/, "");
      const first = join(root, "out", "figures", name);
      const second = join(root, "out", "rerun", "figures", name);
      const figures = readdirSync(first).filter((f) => f.endsWith(".html"));
      assert.ok(figures.length > 0, `${name} saved no figures`);
      for (const f of figures) {
        if (timingFigures.has(`${name}/${f}`)) continue;
        assert.ok(existsSync(join(second, f)), `${name}/${f} missing from the second run`);
        assert.ok(
          readFileSync(join(first, f)).equals(readFileSync(join(second, f))),
          `${name}/${f} differs between two runs of the notebook`,
        );
        compared++;
      }
    }
    assert.ok(compared >= 30, `only ${compared} figures compared`);
  },
);
