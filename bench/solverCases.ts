/**
 * The before/after cases of bench/solvers.md (`npm run bench:solvers -- --before DIR`), built on
 * the lib/ of one checkout: every solve of its tables (final state only), and solveSecondOrder on
 * tiny systems, where per-step overhead shows.
 */
import type { MethodName } from "../lib/ode/types";
import type { solveIVP as SolveIVP } from "../lib/ode/solveIVP";
import type { solveSecondOrder as SolveSecondOrder } from "../lib/ode/symplectic/solveSecondOrder";
import type { problemSet as ProblemSet } from "../lib/problems/index";
import { digest, libModule } from "./beforeAfter";
import type { BenchCase } from "./beforeAfter";

export const rtols = [1e-4, 1e-6, 1e-8];
export const nonStiff = ["lorenz", "arenstorf", "lotka_volterra", "brusselator"] as const;
export const stiff = ["rober", "hires", "vdp_stiff", "orego"] as const;
export const explicitMethods: MethodName[] = ["DOPRI5", "Tsit5", "DOP853"];
export const stiffMethods: MethodName[] = ["Rodas5", "BDF"];

export function cases(root: string): BenchCase[] {
  const { solveIVP } = libModule<{ solveIVP: typeof SolveIVP }>(root, "ode/solveIVP");
  const { solveSecondOrder } = libModule<{ solveSecondOrder: typeof SolveSecondOrder }>(
    root,
    "ode/symplectic/solveSecondOrder",
  );
  const { problemSet } = libModule<{ problemSet: typeof ProblemSet }>(root, "problems/index");
  const list: BenchCase[] = [];
  for (const name of [...nonStiff, ...stiff]) {
    const p = problemSet[name];
    for (const rtol of rtols)
      for (const method of p.stiff ? stiffMethods : explicitMethods) {
        const opts = { method, rtol, atol: p.atolFor(rtol), jacobian: p.jacobian, maxSteps: 1e6, tEval: [p.tSpan[1]] };
        list.push({
          group: "solveIVP (final state only, as in the tables above)",
          name: `${name} ${method} rtol ${rtol}`,
          unit: "ms",
          run: () => {
            const r = solveIVP(p.rhs, p.tSpan, p.y0, opts);
            return digest([...r.y[r.y.length - 1], r.stats.nfev]);
          },
        });
      }
  }
  // A harmonic oscillator q'' = −q (n = 1) and a planar Kepler orbit q'' = −q/|q|³ (n = 2,
  // eccentricity 0.5), 10⁴ steps each.
  const oscillator = (_t: number, q: Float64Array, acc: Float64Array) => {
    acc[0] = -q[0];
  };
  const kepler = (_t: number, q: Float64Array, acc: Float64Array) => {
    const r2 = q[0] * q[0] + q[1] * q[1];
    const inv = 1 / (r2 * Math.sqrt(r2));
    acc[0] = -q[0] * inv;
    acc[1] = -q[1] * inv;
  };
  const systems = [
    { name: "oscillator (n = 1)", accel: oscillator, q0: [1], v0: [0] },
    { name: "Kepler (n = 2)", accel: kepler, q0: [0.5, 0], v0: [0, Math.sqrt(3)] },
  ];
  for (const sys of systems)
    for (const method of ["VelocityVerlet", "Yoshida4"] as const)
      list.push({
        group: "solveSecondOrder (10⁴ fixed steps, final state only)",
        name: `${sys.name} ${method}`,
        unit: "ms",
        run: () => {
          const r = solveSecondOrder(sys.accel, [0, 100], sys.q0, sys.v0, { method, step: 0.01, saveEvery: 1e9 });
          return digest([...r.q[r.q.length - 1], ...r.v[r.v.length - 1]]);
        },
      });
  return list;
}
