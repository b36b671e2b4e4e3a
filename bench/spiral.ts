import { solveIVP } from "../lib/ode/solveIVP";

/**
 * The spiral of torchdiffeq's ode_demo (Chen et al. 2018): y' = (y³)·[[−0.1, 2], [−2, −0.1]] from
 * (2, 0), 1000 points on [0, 25], solved by DOP853 at rtol 1e-11. Shared by bench/neural.ts and
 * bench/sensitivity.ts.
 */
export function spiralData(): { t: number[]; y: number[][] } {
  const t = Array.from({ length: 1000 }, (_, i) => (25 * i) / 999);
  const truth = solveIVP(
    (_s, y, d) => {
      const a = y[0] ** 3;
      const b = y[1] ** 3;
      d[0] = -0.1 * a - 2 * b;
      d[1] = 2 * a - 0.1 * b;
    },
    [0, 25],
    [2, 0],
    { method: "DOP853", rtol: 1e-11, atol: 1e-13, tEval: t },
  );
  return { t, y: truth.y.map((v) => Array.from(v)) };
}
