/**
 * The before/after cases of bench/systems.md (`npm run bench:systems -- --before DIR`), built on
 * the lib/ of one checkout: the compiled kinetics right-hand sides and Jacobians per evaluation,
 * and the stiff HIRES and POLLU solves of section 2.
 */
import type { MethodName, RhsInPlace } from "../lib/ode/types";
import type { solveIVP as SolveIVP } from "../lib/ode/solveIVP";
import type * as Kinetics from "../lib/systems/kinetics/index";
import { digest, libModule } from "./beforeAfter";
import type { BenchCase } from "./beforeAfter";

const networks: [string, (k: typeof Kinetics) => Kinetics.ReactionNetwork][] = [
  ["Brusselator (2 species)", (k) => k.brusselatorNetwork()],
  ["ROBER (3 species)", (k) => k.robertsonNetwork()],
  ["OREGO (3 species)", (k) => k.oregoNetwork()],
  ["Michaelis–Menten (4 species)", (k) => k.michaelisMenten()],
  ["HIRES (8 species)", (k) => k.hiresNetwork()],
  ["POLLU (20 species)", (k) => k.polluNetwork()],
];

/** Evaluations of f per run. */
const INNER = 1000;

/**
 * INNER evaluations of f at one state y_i = 0.3 + 0.1·i, in a loop compiled for this case alone,
 * so its call of f stays monomorphic (as bench/systems.ts's nsPerEval).
 */
function evalLoop(f: RhsInPlace, n: number, outLength: number): () => number {
  const y = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.1 * i);
  const out = new Float64Array(outLength);
  const loop = new Function("f", "y", "out", `for (let i = 0; i < ${INNER}; i++) f(0, y, out); return out;`) as (
    f: RhsInPlace,
    y: Float64Array,
    out: Float64Array,
  ) => Float64Array;
  return () => digest(loop(f, y, out));
}

export function cases(root: string): BenchCase[] {
  const { solveIVP } = libModule<{ solveIVP: typeof SolveIVP }>(root, "ode/solveIVP");
  const kinetics = libModule<typeof Kinetics>(root, "systems/kinetics/index");
  const list: BenchCase[] = [];
  for (const [name, make] of networks)
    for (const what of ["rhs", "jacobian"] as const) {
      const net = make(kinetics);
      list.push({
        group: "Compiled kinetics, per evaluation",
        name: `${name} ${what}`,
        unit: "ns",
        inner: INNER,
        run: evalLoop(net[what], net.n, what === "rhs" ? net.n : net.n * net.n),
      });
    }
  // HIRES from the problem set's initial state and end (HNW II, Sec. IV.10), POLLU to t = 60.
  const hiresY0 = [1, 0, 0, 0, 0, 0, 0, 0.0057];
  const stiffProblems = [
    { name: "hires", net: kinetics.hiresNetwork(), y0: hiresY0, tEnd: 321.8122 },
    { name: "pollu", net: kinetics.polluNetwork(), y0: kinetics.polluY0, tEnd: 60 },
  ];
  for (const p of stiffProblems)
    for (const rtol of [1e-4, 1e-6, 1e-8])
      for (const method of ["Rodas5", "BDF"] as MethodName[]) {
        const opts = { method, rtol, atol: 1e-4 * rtol, jacobian: p.net.jacobian, maxSteps: 1e6, tEval: [p.tEnd] };
        list.push({
          group: "Stiff solves of the compiled networks (analytic Jacobian, final state only)",
          name: `${p.name} ${method} rtol ${rtol}`,
          unit: "ms",
          run: () => {
            const r = solveIVP(p.net.rhs, [0, p.tEnd], p.y0, opts);
            return digest([...r.y[r.y.length - 1], r.stats.nfev]);
          },
        });
      }
  return list;
}
