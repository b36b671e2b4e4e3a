/**
 * Statistics that show a Kuramoto–Sivashinsky series is on the chaotic attractor rather than in an
 * invariant subspace or near an equilibrium. The generator writes them into the ks-l22 card and
 * test/data/ks-attractor.test.ts recomputes them from the CSV.
 */
import { oddSubspaceDistance, pod } from "../lib/systems/pde/index";

/** Steps of dt = 0.25 for the card's λ1: 10⁴ time units (the estimate moves by ~0.003 between seeds). */
export const ksLyapunovSteps = 40000;

export interface KsAttractorStatistics {
  /** Distance from the subspace odd about x = L/4 (grid reflection j ↦ n/2 − j), over the rows. */
  distanceQuarter: { mean: number; min: number };
  /** Distance from the nearest subspace odd about any grid point, over the rows. */
  distanceAny: { mean: number; min: number };
  /** RMS of u over the first and the second half of the rows. */
  rmsHalves: [number, number];
  /** POD energy shares, descending. */
  shares: Float64Array;
  modesFor90: number;
  modesFor99: number;
}

const meanMin = (v: number[]) => ({ mean: v.reduce((a, b) => a + b, 0) / v.length, min: Math.min(...v) });

export function ksAttractorStatistics(fields: ArrayLike<number>[]): KsAttractorStatistics {
  const n = fields[0].length;
  const half = Math.floor(fields.length / 2);
  const rms = (part: ArrayLike<number>[]) => {
    let s = 0;
    for (const f of part) for (let j = 0; j < n; j++) s += f[j] * f[j];
    return Math.sqrt(s / (part.length * n));
  };
  const p = pod(fields);
  return {
    distanceQuarter: meanMin(fields.map((f) => oddSubspaceDistance(f, n / 2).distance)),
    distanceAny: meanMin(fields.map((f) => oddSubspaceDistance(f).distance)),
    rmsHalves: [rms(fields.slice(0, half)), rms(fields.slice(half))],
    shares: p.shares,
    modesFor90: p.modesFor(0.9),
    modesFor99: p.modesFor(0.99),
  };
}
