import { OdeArgumentError } from "../ode/errors";

/** k distinct integers from [0, n) (partial Fisher–Yates, Knuth TAOCP vol. 2 §3.4.2), like numpy's choice(replace=False). */
export function sampleWithoutReplacement(n: number, k: number, rand: () => number): number[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new OdeArgumentError("n", `must be an integer ≥ 0, got ${n}`);
  if (!(Number.isInteger(k) && k >= 0 && k <= n))
    throw new OdeArgumentError("k", `must be an integer in [0, n] (n = ${n}), got ${k}`);
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
