import type { LrpSetup } from "./prepare";
import { emptyAbsorbed, totalAbsorbed } from "./absorbed";
import { propagateStep, stepWork } from "./stepRelevance";

/** Step n as a matrix and share rows: d backward passes, one per unit relevance on y_{n+1}. */
export function stepMatrix(
  setup: LrpSetup,
): (n: number) => { L: Float64Array; uAbs: Float64Array; uNet: Float64Array; uKnown: Float64Array } {
  const d = setup.field.dim;
  const s = setup.tableau.stages;
  const work = stepWork(d, s);
  const fieldInput = new Float64Array(d);
  return (n) => {
    const L = new Float64Array(d * d);
    const uAbs = new Float64Array(d);
    const uNet = new Float64Array(d);
    const uKnown = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      work.ry.fill(0);
      work.ry[j] = 1;
      const absorbed = emptyAbsorbed();
      propagateStep(
        setup.field,
        setup.kernel,
        setup.tableau,
        setup.record,
        n,
        work,
        fieldInput,
        absorbed,
        setup.sumEpsilon,
        setup.knownEpsilon,
      );
      for (let i = 0; i < d; i++) L[i * d + j] = work.rPrev[i];
      uAbs[j] = totalAbsorbed(absorbed).total;
      uNet[j] = work.network;
      uKnown[j] = work.known;
    }
    return { L, uAbs, uNet, uKnown };
  };
}

export function identity(d: number): Float64Array {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
  return m;
}

/** A·B, d × d row-major. */
export function matMul(A: Float64Array, B: Float64Array, d: number): Float64Array {
  const C = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const a = A[i * d + k];
      for (let j = 0; j < d; j++) C[i * d + j] += a * B[k * d + j];
    }
  return C;
}

/** s·L + u for a row vector s. */
export function rowTimes(s: Float64Array, L: Float64Array, u: Float64Array, d: number): Float64Array {
  const out = Float64Array.from(u);
  for (let k = 0; k < d; k++) for (let j = 0; j < d; j++) out[j] += s[k] * L[k * d + j];
  return out;
}
