import assert from "node:assert/strict";
import { between, custom, equals, near, relNear, type ClaimCheck } from "./check";

// Claims of notebooks/04-molecular-trajectories.ipynb: a published cluster minimum, the dt² energy
// error of a symplectic integrator, equipartition, the analytic Morse energy, and energy
// conservation (bounded error, no drift) of the learned Hamiltonian model against the plain one.

const num = (all: Record<string, unknown>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};
const arr = (v: unknown, name: string): number[] => {
  assert.ok(Array.isArray(v), `claim ${name} should be an array, got ${JSON.stringify(v)}`);
  return v as number[];
};

export const checks: ClaimCheck[] = [
  near(
    "lj7.minEnergy",
    -12.53,
    0.01,
    "2-D LJ7 global minimum −12.53 ε (Dellago, Bolhuis & Chandler 1998, J. Chem. Phys. 108, 9236)",
  ),
  equals("lj7.fireConverged", true, "FIRE reached fmax 1e-8"),
  near(
    "vv.orderOfMaxErr",
    2,
    0.15,
    "velocity Verlet conserves a modified energy O(dt²) from E (Hairer, Lubich & Wanner 2006, §IX.8)",
  ),
  custom("vv.maxRelErr", "max |E − E₀|/|E₀| of velocity Verlet below 1e-5 at dt ≤ 0.004 (near-harmonic LJ7)", (v) => {
    for (const e of arr(v, "vv.maxRelErr")) assert.ok(e > 0 && e < 1e-5, `max relative energy error ${e}`);
  }),
  between(
    "vv.driftOverMax",
    0,
    0.05,
    "a symplectic integrator's energy error is a bounded oscillation: the fitted drift over the run is < 5 % of it",
  ),
  relNear(
    "langevin.meanT",
    0.05,
    0.15,
    "equipartition: ⟨kinetic temperature⟩ = k_BT = 0.05 (BAOAB, ~90 correlation times)",
  ),
  between("langevin.maxRmsd", 0, 0.5, "at k_BT = 0.05 ≪ the LJ7 rearrangement barrier the cluster stays in its basin"),
  near(
    "morse.E0",
    (1 - Math.exp(-1.2 * 0.45)) ** 2,
    1e-9,
    "H(q = 1.45, p = 0) = D(1 − e^{−a(q − r0)})² with D = 1, a = 1.2, r0 = 1 (analytic)",
  ),
  between("morse.dataMaxRelErr", 0, 1e-4, "the data's velocity Verlet at dt = 0.001 conserves H to O(dt²)"),
  between("node.lossLast20", 0, 1e-3, "the neural ODE fits its training windows (MSE)"),
  custom("hnn.lossLast", "the HNN matches the observed derivatives to 0.1 % of their mean square", (v, all) => {
    const scale = num(all, "hnn.dydtMeanSquare");
    assert.ok((v as number) < 1e-3 * scale, `HNN loss ${v} not below 1e-3 × ${scale}`);
  }),
  between(
    "long.exact.maxRelErr",
    0,
    1e-7,
    "DOP853 at rtol 1e-10 on the exact Morse dynamics: the integrator's own floor",
  ),
  between(
    "long.hnn.ownEnergyMaxRelErr",
    0,
    1e-7,
    "the HNN flow conserves its learned H exactly; only the solver's error (rtol 1e-10) remains",
  ),
  between(
    "long.hnn.maxRelErr",
    0,
    0.05,
    "true energy along the HNN stays within 5 % of E₀ over 20× the training window",
  ),
  custom(
    "long.hnn.drift",
    "the HNN's true-energy error oscillates without secular drift (|drift| < 10 % of its range)",
    (v, all) => {
      const range = num(all, "long.hnn.maxRelErr");
      assert.ok(Math.abs(v as number) < 0.1 * range, `HNN drift ${v} not below 10 % of its range ${range}`);
    },
  ),
  custom(
    "long.node.maxRelErr",
    "structure matters: the plain neural ODE's energy error is > 10× the HNN's (Greydanus et al. 2019, Fig. 2)",
    (v, all) => {
      const hnn = num(all, "long.hnn.maxRelErr");
      assert.ok((v as number) > 10 * hnn, `neural ODE ${v} vs HNN ${hnn}`);
    },
  ),
  custom(
    "long.hnn.err300",
    "the HNN's trajectory stays closer to the truth than the neural ODE's to t = 300",
    (v, all) => {
      const node = num(all, "long.node.err300");
      assert.ok((v as number) < node, `HNN ${v} vs neural ODE ${node}`);
    },
  ),
];
