import { test } from "node:test";
import assert from "node:assert/strict";
import { mulberry32, normalGenerator, sampleWithoutReplacement } from "../../lib/random/index";
import { OdeArgumentError, OdeTypeError } from "../../lib/ode/errors";

/** A uniform source that counts its draws. */
function counting(seed: number): { rand: () => number; count: () => number } {
  const u = mulberry32(seed);
  let n = 0;
  return {
    rand: () => {
      n++;
      return u();
    },
    count: () => n,
  };
}

test("mulberry32: same seed, same stream; uniform on [0, 1): mean 1/2 and variance 1/12 within 5 standard errors (n = 2e5)", () => {
  const a = mulberry32(12345);
  const b = mulberry32(12345);
  for (let i = 0; i < 100; i++) assert.equal(a(), b());
  const n = 200000;
  const u = mulberry32(7);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = u();
    assert.ok(x >= 0 && x < 1, `draw ${i} is ${x}`);
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  const variance = s2 / n - mean * mean;
  // SE of the mean √(1/12/n) ≈ 6.5e-4; of the variance √(1/180/n) ≈ 1.7e-4 (fourth central moment 1/80).
  assert.ok(Math.abs(mean - 0.5) < 5 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 5 * Math.sqrt((1 / 80 - 1 / 144) / n), `variance ${variance}`);
});

test("mulberry32: integer seeds are taken mod 2^32; a fraction or a non-number is refused with the value named", () => {
  const a = mulberry32(-1);
  const b = mulberry32(2 ** 32 - 1);
  for (let i = 0; i < 10; i++) assert.equal(a(), b());
  assert.throws(
    () => mulberry32(0.5),
    (e: unknown) => e instanceof OdeArgumentError && /seed: must be an integer, got 0\.5/.test(e.message),
  );
  assert.throws(
    () => mulberry32(NaN),
    (e: unknown) => e instanceof RangeError && /seed.*got NaN/.test((e as Error).message),
  );
  assert.throws(
    () => mulberry32("3" as unknown as number),
    (e: unknown) =>
      e instanceof OdeTypeError && e instanceof TypeError && /seed: expected an integer, got 3/.test(e.message),
  );
});

test("normalGenerator: each value is the Box–Muller transform of the source's next uniforms (1e-15 relative)", () => {
  const std = 0.7;
  const ref = mulberry32(3);
  const pairs = normalGenerator(mulberry32(3), std, "pairs");
  const cosine = normalGenerator(mulberry32(3), std, "cosine");
  const refC = mulberry32(3);
  for (let k = 0; k < 50; k++) {
    const u1 = ref();
    const u2 = ref();
    const r = std * Math.sqrt(-2 * Math.log(u1));
    const c = pairs();
    const s = pairs();
    assert.ok(Math.abs(c - r * Math.cos(2 * Math.PI * u2)) <= 1e-15 * Math.max(1, Math.abs(c)), `pair ${k} cos ${c}`);
    assert.ok(Math.abs(s - r * Math.sin(2 * Math.PI * u2)) <= 1e-15 * Math.max(1, Math.abs(s)), `pair ${k} sin ${s}`);
    const v1 = refC();
    const v2 = refC();
    const x = cosine();
    const expected = std * Math.sqrt(-2 * Math.log(v1)) * Math.cos(2 * Math.PI * v2);
    assert.ok(Math.abs(x - expected) <= 1e-15 * Math.max(1, Math.abs(x)), `cosine ${k}: ${x} vs ${expected}`);
  }
});

test("normalGenerator: 'pairs' spends 2 uniforms per 2 values, 'cosine' 2 per value", () => {
  const p = counting(1);
  const np = normalGenerator(p.rand, 1, "pairs");
  for (let i = 0; i < 9; i++) np();
  assert.equal(p.count(), 10); // 5 draws for 9 values; the 10th value is the spare
  const c = counting(1);
  const nc = normalGenerator(c.rand, 1, "cosine");
  for (let i = 0; i < 9; i++) nc();
  assert.equal(c.count(), 18);
});

for (const mode of ["pairs", "cosine"] as const)
  test(`normalGenerator (${mode}): N(0, std²) moments and P(|x| < std) = erf(1/√2) = 0.682689 within 5 standard errors (n = 2e5)`, () => {
    const n = 200000;
    const std = 2.5;
    const g = normalGenerator(mulberry32(11), std, mode);
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const x = g() / std;
      s += x;
      s2 += x * x;
      s4 += x ** 4;
      if (Math.abs(x) < 1) inside++;
    }
    const p1 = 0.6826894921370859; // erf(1/√2)
    assert.ok(Math.abs(s / n) < 5 / Math.sqrt(n), `mean ${s / n}`);
    assert.ok(Math.abs(s2 / n - 1) < 5 * Math.sqrt(2 / n), `variance ${s2 / n}`); // Var(x²) = 2
    assert.ok(Math.abs(s4 / n - 3) < 5 * Math.sqrt(96 / n), `fourth moment ${s4 / n}`); // Var(x⁴) = 105 − 9
    assert.ok(Math.abs(inside / n - p1) < 5 * Math.sqrt((p1 * (1 - p1)) / n), `P(|x| < 1) ${inside / n}`);
  });

test("normalGenerator: a source returning 0 gives a finite draw (u₁ floored at 1e-300), not −∞", () => {
  const g = normalGenerator(() => 0, 1, "cosine");
  const x = g();
  assert.ok(Number.isFinite(x), `${x}`);
  assert.ok(Math.abs(x - Math.sqrt(-2 * Math.log(1e-300))) < 1e-12, `${x}`);
});

test("normalGenerator: bad arguments are named with their value", () => {
  const u = mulberry32(0);
  assert.throws(
    () => normalGenerator(5 as unknown as () => number),
    (e: unknown) => e instanceof TypeError && /rand: expected a uniform source.*got 5/.test((e as Error).message),
  );
  assert.throws(
    () => normalGenerator(u, -1),
    (e: unknown) => e instanceof RangeError && /std: must be a finite number ≥ 0, got -1/.test((e as Error).message),
  );
  assert.throws(
    () => normalGenerator(u, NaN),
    (e: unknown) => e instanceof RangeError && /std.*got NaN/.test((e as Error).message),
  );
  assert.throws(
    () => normalGenerator(u, "1" as unknown as number),
    (e: unknown) => e instanceof TypeError && /std: expected a number, got 1/.test((e as Error).message),
  );
  assert.throws(
    () => normalGenerator(u, 1, "sine" as "pairs"),
    (e: unknown) =>
      e instanceof OdeArgumentError && /mode: unknown value "sine"; expected "pairs" or "cosine"/.test(e.message),
  );
});

test("sampleWithoutReplacement: k distinct indices in [0, n); each index equally likely (counts within 5σ of k/n, 4e4 draws)", () => {
  const rand = mulberry32(5);
  const n = 10;
  const k = 3;
  const counts = new Array(n).fill(0);
  const trials = 40000;
  for (let t = 0; t < trials; t++) {
    const s = sampleWithoutReplacement(n, k, rand);
    assert.equal(s.length, k);
    assert.equal(new Set(s).size, k);
    for (const i of s) {
      assert.ok(Number.isInteger(i) && i >= 0 && i < n, `${i}`);
      counts[i]++;
    }
  }
  const p = k / n;
  for (let i = 0; i < n; i++)
    assert.ok(Math.abs(counts[i] / trials - p) < 5 * Math.sqrt((p * (1 - p)) / trials), `index ${i}: ${counts[i]}`);
});

test("sampleWithoutReplacement: k outside [0, n] or a fractional n is refused with the value named", () => {
  const rand = mulberry32(0);
  assert.throws(
    () => sampleWithoutReplacement(3, 4, rand),
    (e: unknown) =>
      e instanceof OdeArgumentError && /k: must be an integer in \[0, n\] \(n = 3\), got 4/.test(e.message),
  );
  assert.throws(
    () => sampleWithoutReplacement(2.5, 1, rand),
    (e: unknown) => e instanceof OdeArgumentError && /n: must be an integer ≥ 0, got 2\.5/.test(e.message),
  );
  assert.deepEqual(sampleWithoutReplacement(4, 0, rand), []);
});
