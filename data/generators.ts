/**
 * Generators of the data sets in this folder. Deterministic: fixed seeds, fixed tolerances,
 * shortest round-trip number formatting, so `npm run data` reproduces the committed files bit
 * for bit (checked by test/data/datasets.test.ts).
 */
import type { NumericTable } from "../lib/data/csv";
import { solveIVP } from "../lib/ode/solveIVP";
import { mulberry32 } from "../lib/random/index";
import { reactionNetwork, robertsonNetwork } from "../lib/systems/kinetics/index";
import { lorenz63 } from "../lib/systems/chaos/index";
import { KuramotoSivashinsky, ksLargestLyapunov, ksRandomField } from "../lib/systems/pde/index";
import { ksAttractorStatistics, ksLyapunovSteps } from "./ksStatistics";
import { morse, velocityVerlet } from "../lib/systems/md/index";

export interface GeneratedDataset {
  name: string;
  table: NumericTable;
  card: string;
}

/** Standard normal draws from a seeded uniform generator (Box–Muller). */
function gaussians(seed: number) {
  const rand = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-300))) * Math.cos(2 * Math.PI * rand());
}

/** Rounds to 6 significant digits: data as an instrument would report it (and short CSV lines). */
const sig = (v: number) => Number(v.toPrecision(6));

/** Fixed-point text for cards: every number a card states is computed here from its rows. */
const fixed = (v: number, digits: number) => v.toFixed(digits);

export function abcKinetics(): GeneratedDataset {
  const net = reactionNetwork("A -> B, k1; B -> C, k2", { k1: 1.0, k2: 0.3 });
  const t = Array.from({ length: 41 }, (_, i) => i * 0.25);
  const sol = solveIVP(net.rhs, [0, 10], [1, 0, 0], { method: "DOP853", rtol: 1e-12, atol: 1e-14, tEval: t });
  const noise = gaussians(101);
  const rows = sol.y.map((y, i) => [t[i], ...Array.from(y, (v) => sig(v + 0.01 * noise()))]);
  return {
    name: "abc-kinetics",
    table: { columns: ["t", "A", "B", "C"], rows },
    card: `# abc-kinetics

Consecutive first-order reactions A → B → C (k1 = 1.0, k2 = 0.3 per time unit), A(0) = 1, B(0) = C(0) = 0,
observed at t = 0, 0.25, …, 10 (41 times). Exact solution by DOP853 (rtol 1e-12), plus Gaussian
measurement noise of standard deviation 0.01 (absolute; seed 101), rounded to 6 significant digits.
Made by data/generators.ts (\`npm run data\`). Used in notebooks/03-reaction-kinetics.ipynb to fit k1, k2
with forward sensitivities and to train a neural ODE.
`,
  };
}

export function roberNoisy(): GeneratedDataset {
  const net = robertsonNetwork();
  const t = Array.from({ length: 21 }, (_, i) => 2 * i);
  const sol = solveIVP(net.rhs, [0, 40], [1, 0, 0], {
    method: "Rodas5",
    rtol: 1e-11,
    atol: 1e-16,
    tEval: t,
    jacobian: net.jacobian,
  });
  const noise = gaussians(202);
  const rows = sol.y.map((y, i) => [t[i], ...Array.from(y, (v) => sig(v * (1 + 0.002 * noise())))]);
  const B = rows.slice(1).map((r) => r[2]);
  return {
    name: "rober-noisy",
    table: { columns: ["t", "A", "B", "C"], rows },
    card: `# rober-noisy

Robertson's stiff kinetics (A → B, k1 = 0.04; 2B → B + C, k2 = 3e7; B + C → A + C, k3 = 1e4), A(0) = 1,
observed at t = 0, 2, …, 40. Reference solution by Rodas5 (rtol 1e-11), then multiplicative Gaussian
noise of 0.2 % (seed 202), rounded to 6 significant digits. B(0) = 0; for t ≥ 2 it stays between ${Math.min(...B).toExponential(2)} and ${Math.max(...B).toExponential(2)}.
Made by data/generators.ts. Used in notebooks/03-reaction-kinetics.ipynb for the stiff
universal differential equation (fast reactions known, slow one learned).
`,
  };
}

export function morseOscillator(): GeneratedDataset {
  // Relative coordinate of a diatomic with reduced mass 1: one particle bound to a fixed partner.
  const pot = morse({ D: 1, a: 1.2, r0: 1, bonds: [[0, 1]], dim: 1 });
  const traj = velocityVerlet(pot, [0, 1.45], [0, 0], [1e12, 1], { dt: 0.001, steps: 30000, saveEvery: 100 });
  const rows = traj.positions.map((x, i) => [sig(traj.times[i]), sig(x[1] - x[0]), sig(traj.velocities[i][1])]);
  // E = p²/2 + D (1 − e^{−a(q − r0)})² of the saved (rounded) rows: what the data have.
  const energy = rows.map(([, q, p]) => (p * p) / 2 + (1 - Math.exp(-1.2 * (q - 1))) ** 2);
  const eMean = energy.reduce((a, b) => a + b, 0) / energy.length;
  return {
    name: "morse-oscillator",
    table: { columns: ["t", "q", "p"], rows },
    card: `# morse-oscillator

Bond length q and momentum p of a Morse oscillator (D = 1, a = 1.2, r0 = 1, reduced mass 1), released at
rest from q = 1.45, integrated by velocity Verlet with dt = 0.001 and saved every 0.1 time units for
t ∈ [0, ${rows[rows.length - 1][0]}] (${rows.length} points). Energy of the saved rows E = p²/2 + D (1 − e^{−a(q − r0)})²:
${fixed(eMean, 4)} D on average, varying by ${(Math.max(...energy) - Math.min(...energy)).toExponential(1)} D (Verlet's bounded energy error), i.e.
${fixed(100 * eMean, 1)} % of the dissociation energy; bond length from ${Math.min(...rows.map((r) => r[1]))} to ${Math.max(...rows.map((r) => r[1]))}. No noise. Made by data/generators.ts.
Used in notebooks/04-molecular-trajectories.ipynb (neural ODE vs Hamiltonian neural network).
`,
  };
}

/** Largest Lyapunov exponent of Lorenz-63 at σ = 10, ρ = 28, β = 8/3 (Sprott 2003, appendix A). */
const lorenzLambda1 = 0.9056;

export function lorenz63Series(): GeneratedDataset {
  const sys = lorenz63();
  const spin = solveIVP(sys.rhs, [0, 20], [1, 1, 1], { method: "DOP853", rtol: 1e-12, atol: 1e-12 });
  const y0 = spin.y[spin.y.length - 1];
  const t = Array.from({ length: 2001 }, (_, i) => i * 0.01);
  const sol = solveIVP(sys.rhs, [0, 20], y0, { method: "DOP853", rtol: 1e-12, atol: 1e-12, tEval: t });
  const rows = sol.y.map((y, i) => [sig(t[i]), ...Array.from(y, sig)]);
  return {
    name: "lorenz63",
    table: { columns: ["t", "x", "y", "z"], rows },
    card: `# lorenz63

Lorenz-63 (σ = 10, ρ = 28, β = 8/3) on the attractor: a transient of 20 time units from (1, 1, 1) is
discarded, then ${rows.length} samples every 0.01 for t ∈ [0, ${rows[rows.length - 1][0]}] (${fixed(rows[rows.length - 1][0] * lorenzLambda1, 1)} Lyapunov times with the
literature λ1 = ${lorenzLambda1}, Sprott 2003, Chaos and Time-Series Analysis, appendix A). DOP853 at
rtol = atol = 1e-12, rounded to 6 significant digits. Made by data/generators.ts. Used in
notebooks/05-chaos-lorenz.ipynb.
`,
  };
}

/** Parameters of the ks-l22 set: Cvitanović, Davidchack & Siminos (2010)'s domain L = 22. */
export const ksSetup = {
  L: 22,
  n: 64,
  dt: 0.25,
  seed: 303,
  modes: 4,
  amplitude: 0.1,
  transient: 500,
  span: 400,
  every: 0.5,
};

export function ksSeries(): GeneratedDataset {
  const { L, n, dt, seed, modes, amplitude, transient, span, every } = ksSetup;
  const ks = new KuramotoSivashinsky({ n, length: L, dt });
  const u = ksRandomField({ n, L, seed, modes, amplitude });
  ks.advance(u, Math.round(transient / dt));
  const run = ks.solve(u, { steps: Math.round(span / dt), saveEvery: Math.round(every / dt) });
  const rows = run.u.map((field, i) => [run.t[i], ...Array.from(field, sig)]);
  const s = ksAttractorStatistics(rows.map((r) => r.slice(1)));
  // λ1 from the first row as saved (so a reader can recompute it from the CSV), two-trajectory
  // method over ksLyapunovSteps steps.
  const lyap = ksLargestLyapunov(rows[0].slice(1), { L, dt, steps: ksLyapunovSteps, renormEvery: 4 });
  const lyapTime = ksLyapunovSteps * dt;
  const shares = Array.from(s.shares.slice(0, 6), (v) => fixed(100 * v, 1)).join(", ");
  return {
    name: "ks-l22",
    table: { columns: ["t", ...Array.from({ length: n }, (_, i) => `u${i}`)], rows },
    card: `# ks-l22

Kuramoto–Sivashinsky u_t = −u u_x − u_xx − u_xxxx on a periodic domain of length ${L}, ${n} grid points,
ETDRK4 with dt = ${dt} (Kassam & Trefethen 2005). Initial field: ${modes} Fourier modes with seeded random
amplitudes (≤ ${amplitude}) and phases (pde.ksRandomField, seed ${seed}), in no symmetric subspace. A
transient of ${transient} time units is discarded; then the field every ${every} for t ∈ [0, ${span}]
(${rows.length} rows, columns u0…u${n - 1} at x_j = ${L} j / ${n}), rounded to 6 significant digits.

On the chaotic attractor, as computed from these rows by data/ksStatistics.ts:
- out of the invariant subspace of fields odd about x = L/4 (where a symmetric initial field stays):
  relative distance ‖even part‖/‖u‖ ${fixed(s.distanceQuarter.mean, 3)} on average (min ${fixed(s.distanceQuarter.min, 3)});
  from the nearest subspace odd about any grid point ${fixed(s.distanceAny.mean, 3)} on average (min ${fixed(s.distanceAny.min, 3)});
- statistically stationary: RMS of u ${fixed(s.rmsHalves[0], 3)} over the first half of the rows, ${fixed(s.rmsHalves[1], 3)} over the second;
- POD energy shares of the leading modes (%): ${shares}; ${s.modesFor90} modes hold 90 %, ${s.modesFor99} hold 99 %;
- largest Lyapunov exponent λ1 = ${fixed(lyap.exponent, 4)} (pde.ksLargestLyapunov from the first row, averaged over
  ${lyapTime} time units; literature for L = 22: 0.043 (Edson et al. 2019), 0.048 (Cvitanović et al. 2010)),
  so the rows span ${fixed(span * lyap.exponent, 1)} Lyapunov times.

Made by data/generators.ts (\`npm run data\`). Used in notebooks/06-pde-heat-ks.ipynb.
`,
  };
}

export const generators = [abcKinetics, roberNoisy, morseOscillator, lorenz63Series, ksSeries];
