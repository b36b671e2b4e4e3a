import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../../lib/data/index";

// Every number a card states about its data is recomputed here from the CSV (independently of the
// generator's code) and compared with the text. Issue 13: the Morse card said 0.29 D, the data 0.174 D.
const flat = (s: string) => s.replace(/\s+/g, " ");

test("morse-oscillator card: the energy it states is the energy of its rows, E = p²/2 + D(1 − e^{−a(q−r0)})²", () => {
  const d = loadDataset("morse-oscillator");
  const E = d.y.map(([q, p]) => (p * p) / 2 + (1 - Math.exp(-1.2 * (q - 1))) ** 2);
  const mean = E.reduce((a, b) => a + b, 0) / E.length;
  // At rest at q = 1.45: E = (1 − e^{−0.54})² = 0.17406 analytically.
  assert.ok(Math.abs(mean - (1 - Math.exp(-0.54)) ** 2) < 1e-5, `${mean}`);
  const stated = Number(/([0-9.]+) D on average/.exec(flat(d.card))?.[1]);
  assert.ok(Math.abs(stated - mean) < 5e-5, `card ${stated} D, rows ${mean} D`);
  assert.ok(flat(d.card).includes(`(${d.t.length} points)`));
});

test("rober-noisy card: the range of B it states is that of its rows (t ≥ 2)", () => {
  const d = loadDataset("rober-noisy");
  const B = d.y.slice(1).map((r) => r[1]);
  const m = /between ([0-9.]+e[+-]?[0-9]+) and ([0-9.]+e[+-]?[0-9]+)/.exec(flat(d.card));
  assert.ok(m, "no range in the card");
  assert.ok(Math.abs(Number(m[1]) - Math.min(...B)) <= 0.005 * Math.min(...B));
  assert.ok(Math.abs(Number(m[2]) - Math.max(...B)) <= 0.005 * Math.max(...B));
});

test("lorenz63 card: sample count and span in Lyapunov times (λ1 = 0.9056, Sprott 2003) match the rows", () => {
  const d = loadDataset("lorenz63");
  const card = flat(d.card);
  const span = d.t[d.t.length - 1] - d.t[0];
  assert.ok(card.includes(`${d.t.length} samples`));
  assert.ok(card.includes(`(${(span * 0.9056).toFixed(1)} Lyapunov times`));
});

test("abc-kinetics card: the observation times it states are those of its rows", () => {
  const d = loadDataset("abc-kinetics");
  assert.ok(flat(d.card).includes(`t = 0, 0.25, …, 10 (${d.t.length} times)`));
  assert.equal(d.t[1] - d.t[0], 0.25);
  assert.equal(d.t[d.t.length - 1], 10);
});
