import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Each case runs in a fresh process: the backend is chosen once per process.
function probe(env: Record<string, string>): { status: number | null; out: string } {
  const script = `
    const { ready, backendInfo } = require("./lib/neural/backend");
    const tf = require("@tensorflow/tfjs");
    ready().then((i) => {
      const x = tf.tensor2d([[1, 2], [3, 4]]);
      const y = x.matMul(x).arraySync();
      console.log(JSON.stringify({ info: i, same: backendInfo() === i, active: tf.getBackend(), y }));
    }, (e) => { console.log("ERROR " + e.message); process.exit(3); });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: join(__dirname, "..", ".."),
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: r.status, out: (r.stdout ?? "") + (r.stderr ?? "") };
}
// tfjs prints a banner about tfjs-node on the cpu backend; take our JSON line.
const result = (out: string) => JSON.parse(out.split("\n").find((l) => l.startsWith("{"))!);

test("ready() picks a working backend here (wasm: the native one is the plain-tfjs alias) and computes", () => {
  const r = probe({ NOL_TF_BACKEND: "" });
  assert.equal(r.status, 0, r.out);
  const o = result(r.out);
  assert.equal(o.info.name, "wasm");
  assert.equal(o.active, "wasm");
  assert.equal(o.same, true);
  assert.deepEqual(
    o.info.tried.map((t: { name: string }) => t.name),
    ["tensorflow", "wasm"],
  );
  assert.match(o.info.tried[0].error, /registered no 'tensorflow' backend/);
  assert.deepEqual(o.y, [
    [7, 10],
    [15, 22],
  ]);
});

test("NOL_TF_BACKEND forces cpu; an unknown name or an unavailable backend is a clear error", () => {
  const cpu = probe({ NOL_TF_BACKEND: "cpu" });
  assert.equal(cpu.status, 0, cpu.out);
  assert.equal(result(cpu.out).active, "cpu");
  const bad = probe({ NOL_TF_BACKEND: "gpu" });
  assert.equal(bad.status, 3);
  assert.match(
    bad.out,
    /invalid argument NOL_TF_BACKEND: "gpu" is not a backend; expected one of tensorflow, wasm, cpu/,
  );
  const native = probe({ NOL_TF_BACKEND: "tensorflow" });
  assert.equal(native.status, 3);
  assert.match(native.out, /forces "tensorflow", but it is not available/);
});
