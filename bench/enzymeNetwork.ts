/**
 * The enzyme model of the stiff training benchmark (bench/neural.ts, bench/python/diffrax_stiff.py):
 * Michaelis–Menten catalysis E + S ⇌ ES → E + P (Michaelis & Menten 1913) with a slow side
 * reaction, first-order decay of the substrate S → Q (spontaneous hydrolysis, say). Five species,
 * concentrations in mM, time in s. kf = 10⁶ M⁻¹s⁻¹ = 1000 mM⁻¹s⁻¹ is a typical substrate association
 * rate and KM = (kr + kcat)/kf = 0.101 mM the median KM of Bar-Even et al. 2011 (Biochemistry 50,
 * 4402–4410, doi:10.1021/bi2002289); kcat = 1 s⁻¹ lies in their distribution (median ≈ 10 s⁻¹),
 * chosen so the run lasts seconds. E0 = 0.2 mM beside S0 = 1 mM: with E0 = 0.01 mM one Adam step
 * of a 32-unit output layer moves E by more than E0 and the model leaves the chemistry (loss
 * 7e-5 → 14.5 after one step at lr 3e-3, measured). The side reaction's 0.05 s⁻¹ is our choice:
 * slow against binding, it moves ~10 % of S to Q over the run. The binding equilibrium relaxes at
 * kf·S + kr + kcat ≈ 1100 s⁻¹ while the run lasts 10 s: stiffness ratio ≈ 10⁴.
 */
import { reactionNetwork } from "../lib/systems/kinetics/network";
import type { ReactionNetwork } from "../lib/systems/kinetics/network";
import { mulberry32, normalGenerator } from "../lib/random/index";
import { solveIVP } from "../lib/ode/solveIVP";

export const enzymeRates = { kf: 1000, kr: 100, kcat: 1, kside: 0.05 };
export const enzymeSpecies = ["E", "S", "ES", "P", "Q"];
/** E0 = 0.2 mM of enzyme, S0 = 1 mM of substrate. */
export const enzymeY0 = [0.2, 1, 0, 0, 0];

/** The true network: catalysis and the side reaction. */
export function enzymeTruth(): ReactionNetwork {
  return reactionNetwork("E + S <-> ES, kf, kr; ES -> E + P, kcat; S -> Q, kside", enzymeRates, enzymeSpecies);
}

/** The known physics of the universal differential equation: catalysis only (the network learns the rest). */
export const enzymeKnownSpec = {
  text: "E + S <-> ES, kf, kr; ES -> E + P, kcat",
  rates: { kf: enzymeRates.kf, kr: enzymeRates.kr, kcat: enzymeRates.kcat },
  species: enzymeSpecies,
};

export function enzymeKnown(): ReactionNetwork {
  return reactionNetwork(enzymeKnownSpec.text, enzymeKnownSpec.rates, enzymeKnownSpec.species);
}

/**
 * Observations at t = 0, 0.25, …, 10 s: the true network solved by Rodas5 at rtol 1e-11, then
 * multiplicative Gaussian noise of 0.5 % (seeded), as data/rober-noisy.csv was made. The first
 * row is the exact initial state (the training starts there).
 */
export function enzymeData(seed = 404): { t: number[]; y: number[][] } {
  const net = enzymeTruth();
  const t = Array.from({ length: 41 }, (_, i) => i * 0.25);
  const sol = solveIVP(net.rhs, [0, 10], enzymeY0, {
    method: "Rodas5",
    rtol: 1e-11,
    atol: 1e-16,
    jacobian: net.jacobian,
    tEval: t,
  });
  if (!sol.success) throw new Error(`enzyme reference solve failed: ${sol.message}`);
  const noise = normalGenerator(mulberry32(seed), 0.005);
  const y = sol.y.map((row, k) => Array.from(row, (v) => (k === 0 ? v : v * (1 + noise()))));
  return { t, y };
}
