import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../../lib/data/index";
import { KuramotoSivashinsky, ksLargestLyapunov, oddSubspaceDistance, pod } from "../../lib/systems/pde/index";
import { ksSetup } from "../../data/generators";

// Issue 13: the old ks-l22 set started odd about x = L/4 and never left that invariant subspace,
// sitting near an unstable equilibrium. These tests show the shipped series is on the chaotic
// attractor, computed from the CSV itself (not from the card).
const ks = loadDataset("ks-l22");
const fields = ks.y;
const n = fields[0].length;

test("ks-l22 is out of the odd-about-L/4 subspace (distance ≫ 0), while a field started in it stays there (< 1e-12 at t = 50)", () => {
  const d = fields.map((u) => oddSubspaceDistance(u, n / 2).distance);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  // 0 in the subspace, ≈ 1/√2 for unrelated fields; measured 0.68 on average, 0.15 at the closest.
  assert.ok(mean > 0.4, `mean distance ${mean}`);
  assert.ok(Math.min(...d) > 0.05, `closest approach ${Math.min(...d)}`);
  // From the nearest of all n reflection subspaces (any centre): the attractor passes near
  // symmetric equilibria, but on average stays well away (measured 0.16).
  const any = fields.map((u) => oddSubspaceDistance(u).distance);
  assert.ok(any.reduce((a, b) => a + b, 0) / any.length > 0.08);
  // Control: the old data set's initial field is odd about L/4, and the KS flow keeps it so up to
  // round-off, which grows transversally at a rate ≈ 0.13 (distance 6e-14 at t = 50, 6e-5 at
  // t = 200): how the old set finally left the subspace and its equilibrium near t ≈ 140.
  const sim = new KuramotoSivashinsky({ n, length: ksSetup.L, dt: ksSetup.dt });
  const u = Float64Array.from(
    sim.x,
    (x) => 0.1 * Math.cos((2 * Math.PI * x) / 22) + 0.05 * Math.sin((4 * Math.PI * x) / 22),
  );
  sim.advance(u, 200);
  assert.ok(oddSubspaceDistance(u, n / 2).distance < 1e-12, `${oddSubspaceDistance(u, n / 2).distance}`);
});

test("ks-l22 is statistically stationary: the RMS of u in the first and second halves agrees within 10 %", () => {
  const half = Math.floor(fields.length / 2);
  const rms = (part: number[][]) =>
    Math.sqrt(part.reduce((s, u) => s + u.reduce((q, v) => q + v * v, 0), 0) / (part.length * n));
  const [a, b] = [rms(fields.slice(0, half)), rms(fields.slice(half))];
  // 200 time units per half ≈ 9 Lyapunov times; measured 1.231 and 1.148 (7 %).
  assert.ok(Math.abs(a - b) / ((a + b) / 2) < 0.1, `RMS halves ${a}, ${b}`);
  assert.ok(a > 0.8 && a < 1.6, `RMS ${a}`); // far from the trivial equilibrium u = 0
  const mean = fields.map((u) => u.reduce((s, v) => s + v, 0) / n);
  assert.ok(Math.max(...mean.map(Math.abs)) < 1e-5, "the spatial mean is conserved (0)"); // 6-digit rounding
});

test("ks-l22: several POD modes carry the energy (leading < 60 %, ≥ 4 modes for 90 %)", () => {
  const p = pod(fields);
  // Measured: 27.2, 23.0, 19.7, 8.9, 8.3, 5.5 %; 6 modes for 90 %. The old set had one dominant pattern.
  assert.ok(p.shares[0] < 0.6, `leading share ${p.shares[0]}`);
  assert.ok(p.modesFor(0.9) >= 4, `${p.modesFor(0.9)} modes for 90 %`);
});

test("ks-l22: largest Lyapunov exponent from its first row positive and near the literature (0.043–0.048, ± 0.004)", () => {
  // Edson et al. 2019 (Chaos 29, 043117): 0.043; Cvitanović, Davidchack & Siminos 2010: 0.048.
  // From the CSV's first row, averaged over 10⁴ time units; runs from other fields scatter by
  // about ± 0.003 at this length, hence the widened band.
  const { exponent } = ksLargestLyapunov(fields[0], { L: ksSetup.L, dt: ksSetup.dt, steps: 40000, renormEvery: 4 });
  assert.ok(exponent > 0.039 && exponent < 0.052, `λ1 = ${exponent}`);
  // The card states the same computation (from the same row), to 4 decimals.
  const stated = Number(/λ1 = ([0-9.]+)/.exec(ks.card)?.[1]);
  assert.ok(Math.abs(stated - exponent) <= 5e-5, `card λ1 ${stated} vs ${exponent} from the CSV`);
});

test("the ks-l22 card states what the CSV has (distances, RMS halves, POD shares, modes for 90 %)", () => {
  const p = pod(fields);
  const d = fields.map((u) => oddSubspaceDistance(u, n / 2).distance);
  const half = Math.floor(fields.length / 2);
  const rms = (part: number[][]) =>
    Math.sqrt(part.reduce((s, u) => s + u.reduce((q, v) => q + v * v, 0), 0) / (part.length * n));
  const expected = [
    `relative distance ‖even part‖/‖u‖ ${(d.reduce((a, b) => a + b, 0) / d.length).toFixed(3)} on average`,
    `RMS of u ${rms(fields.slice(0, half)).toFixed(3)} over the first half of the rows, ${rms(fields.slice(half)).toFixed(3)} over the second`,
    `(%): ${Array.from(p.shares.slice(0, 6), (v) => (100 * v).toFixed(1)).join(", ")}; ${p.modesFor(0.9)} modes hold 90 %`,
    `(${fields.length} rows,`,
  ];
  const card = ks.card.replace(/\s+/g, " ");
  for (const e of expected) assert.ok(card.includes(e), `card lacks "${e}"`);
});
