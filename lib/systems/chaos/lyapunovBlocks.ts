import { OdeArgumentError } from "../../ode/errors";
import type { LyapunovResult } from "./lyapunov";

export interface LyapunovBlocks {
  /** means[b][i]: exponent i averaged over block b alone. */
  means: number[][];
  /** Standard error of each exponent: the sample standard deviation of its block means / √blocks. */
  stdErr: Float64Array;
}

/**
 * Batch means of a Lyapunov run: the averaging time is cut into `blocks` consecutive blocks and
 * each exponent is averaged over each block alone, from the running estimates in `history`
 * (Σ log R up to time t is t·λ(t), so a block's mean is a difference quotient). The spread of
 * the block means gives the statistical error of the time average (the batch-means method,
 * e.g. Flyvbjerg & Petersen 1989, doi:10.1063/1.457480); blocks much longer than the
 * correlation time (a few 1/λ1) are nearly independent.
 */
export function lyapunovBlocks(result: LyapunovResult, blocks: number): LyapunovBlocks {
  const h = result.history;
  if (!Number.isInteger(blocks) || blocks < 2 || blocks > h.length)
    throw new OdeArgumentError("blocks", `must be an integer in [2, ${h.length}] (rows of history), got ${blocks}`);
  const k = result.exponents.length;
  const means: number[][] = [];
  let startTime = 0;
  const startSum = new Float64Array(k);
  for (let b = 0; b < blocks; b++) {
    const row = h[Math.floor(((b + 1) * h.length) / blocks) - 1];
    const time = row[0];
    const m = new Array<number>(k);
    for (let i = 0; i < k; i++) {
      const sum = row[i + 1] * time;
      m[i] = (sum - startSum[i]) / (time - startTime);
      startSum[i] = sum;
    }
    startTime = time;
    means.push(m);
  }
  const stdErr = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const avg = means.reduce((a, m) => a + m[i], 0) / blocks;
    const variance = means.reduce((a, m) => a + (m[i] - avg) ** 2, 0) / (blocks - 1);
    stdErr[i] = Math.sqrt(variance / blocks);
  }
  return { means, stdErr };
}
