/**
 * Generators of the data sets in this folder. Deterministic: fixed seeds, fixed tolerances,
 * shortest round-trip number formatting, so `npm run data` reproduces the committed files bit
 * for bit (checked by test/data/datasets.test.ts).
 */
import type { NumericTable } from "../lib/data/csv";
import { solveIVP } from "../lib/ode/solveIVP";
import { mulberry32 } from "../lib/neural/random";
import { reactionNetwork, robertsonNetwork } from "../lib/systems/kinetics/index";
import { lorenz63 } from "../lib/systems/chaos/index";
import { KuramotoSivashinsky } from "../lib/systems/pde/index";
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
  return {
    name: "rober-noisy",
    table: { columns: ["t", "A", "B", "C"], rows },
    card: `# rober-noisy

Robertson's stiff kinetics (A → B, k1 = 0.04; 2B → B + C, k2 = 3e7; B + C → A + C, k3 = 1e4), A(0) = 1,
observed at t = 0, 2, …, 40. Reference solution by Rodas5 (rtol 1e-11), then multiplicative Gaussian
noise of 0.2 % (seed 202), rounded to 6 significant digits. B stays near 1e-5 throughout.
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
  return {
    name: "morse-oscillator",
    table: { columns: ["t", "q", "p"], rows },
    card: `# morse-oscillator

Bond length q and momentum p of a Morse oscillator (D = 1, a = 1.2, r0 = 1, reduced mass 1), released at
rest from q = 1.45 (energy ≈ 0.29 D: anharmonic), integrated by velocity Verlet with dt = 0.001 and
saved every 0.1 time units for t ∈ [0, 30] (301 points). No noise. Made by data/generators.ts.
Used in notebooks/04-molecular-trajectories.ipynb (neural ODE vs Hamiltonian neural network).
`,
  };
}

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
discarded, then 2001 samples every 0.01 for t ∈ [0, 20] (about 18 Lyapunov times, λ1 ≈ 0.906). DOP853 at
rtol = atol = 1e-12, rounded to 6 significant digits. Made by data/generators.ts. Used in
notebooks/05-chaos-lorenz.ipynb.
`,
  };
}

export function ksSeries(): GeneratedDataset {
  const ks = new KuramotoSivashinsky({ n: 64, length: 22, dt: 0.25 });
  const u0 = Array.from(ks.x, (x) => 0.1 * Math.cos((2 * Math.PI * x) / 22) + 0.05 * Math.sin((4 * Math.PI * x) / 22));
  const u = Float64Array.from(u0);
  ks.advance(u, 400); // transient: t = 100
  const run = ks.solve(u, { steps: 800, saveEvery: 2 }); // t ∈ [0, 200], every 0.5
  const rows = run.u.map((field, i) => [run.t[i], ...Array.from(field, sig)]);
  return {
    name: "ks-l22",
    table: { columns: ["t", ...Array.from({ length: 64 }, (_, i) => `u${i}`)], rows },
    card: `# ks-l22

Kuramoto–Sivashinsky u_t = −u u_x − u_xx − u_xxxx on a periodic domain of length 22 (chaotic; largest
Lyapunov exponent ≈ 0.049 by pde.ksLargestLyapunov over long runs), 64 grid points, ETDRK4 with dt = 0.25 (Kassam & Trefethen 2005). A transient
of 100 time units from a two-mode initial field is discarded; then the field every 0.5 for t ∈ [0, 200]
(401 rows, columns u0…u63 at x_j = 22 j / 64), rounded to 6 significant digits. Made by
data/generators.ts. Used in notebooks/06-pde-heat-ks.ipynb.
`,
  };
}

export const generators = [abcKinetics, roberNoisy, morseOscillator, lorenz63Series, ksSeries];
