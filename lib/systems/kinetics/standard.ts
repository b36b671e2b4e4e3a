import { reactionNetwork } from "./network";
import type { ReactionNetwork } from "./network";

/**
 * Standard kinetics problems written in the reaction language: the one definition of ROBER,
 * HIRES, OREGO and the Brusselator, whose compiled right-hand sides and Jacobians the problem set
 * (lib/problems) uses with its time spans and reference states. Where a problem is usually stated
 * as ODEs (HIRES, OREGO), the reactions below are one mass-action network with exactly those
 * equations (checked against the published equations in test/systems/kinetics.test.ts).
 */

/** Michaelis–Menten: E + S ⇌ ES → E + P (Michaelis & Menten 1913; rates as in many textbooks). */
export function michaelisMenten(kf = 1e6, kr = 1e-4, kcat = 0.1): ReactionNetwork {
  return reactionNetwork("E + S <-> ES, kf, kr; ES -> E + P, kcat", { kf, kr, kcat }, ["E", "S", "ES", "P"]);
}

/**
 * Robertson (1966): A → B (k1), 2B → B + C (k2), B + C → A + C (k3) (Hairer & Wanner II, Sec. IV.1).
 * Listed in the order of the IVP test set's f2 = k1·y1 − k3·y2·y3 − k2·y2² (Mazzia & Magherini,
 * problem ROBER), so the compiled B' subtracts the two rates that cancel once B is quasi-steady
 * first — exactly, by Sterbenz's lemma — and k2·y2² after; the other order loses B' to rounding
 * late in the run (Rodas5 with difference Jacobians to t = 1e11 then misses the reference by 1e-4).
 */
export function robertsonNetwork(k1 = 0.04, k2 = 3e7, k3 = 1e4): ReactionNetwork {
  return reactionNetwork("A -> B, k1; B + C -> A + C, k3; 2B -> B + C, k2", { k1, k2, k3 }, ["A", "B", "C"]);
}

/**
 * HIRES (Schäfer 1975; Hairer & Wanner II, Sec. IV.10): light-induced growth of a plant tissue,
 * eight species y1…y8, a zero-order source of y1 and one bimolecular step y6 + y8 → y7.
 */
export function hiresNetwork(): ReactionNetwork {
  return reactionNetwork(
    `-> y1, 0.0007
     y1 -> y2, 1.71
     y2 -> y1, 0.43
     y2 -> y4, 8.32
     y3 -> y1, 8.32
     y3 -> y4, 1.71
     y4 -> y3, 0.43
     y4 -> y6, 0.69
     y5 -> y3, 0.035
     y5 -> y6, 1.71
     y6 -> y5, 0.43
     y6 + y8 -> y7, 280
     y7 -> y5 + y8, 0.43
     y7 -> y6 + y8, 0.69
     y7 -> y8, 0.69`,
    {},
    ["y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"],
  );
}

/**
 * Oregonator (Field & Noyes 1974) in the scaled form of Hairer & Wanner II, Sec. IV.1 (OREGO):
 * y1' = s(y2 + y1(1 − q y1 − y2)), y2' = (y3 − (1 + y1) y2)/s, y3' = w(y1 − y3), written as
 * autocatalytic mass-action steps with s = 77.27, q = 8.375e−6, w = 0.161.
 */
export function oregoNetwork(s = 77.27, q = 8.375e-6, w = 0.161): ReactionNetwork {
  return reactionNetwork(
    `Y -> X + Y, s1
     X -> 2X, s2
     2X -> X, sq
     X + Y -> Y, s3
     Z -> Y + Z, i1
     Y ->, i2
     X + Y -> X, i3
     X -> X + Z, w1
     Z ->, w2`,
    { s1: s, s2: s, sq: s * q, s3: s, i1: 1 / s, i2: 1 / s, i3: 1 / s, w1: w, w2: w },
    ["X", "Y", "Z"],
  );
}

/** Brusselator (Prigogine & Lefever 1968): → X, 2X + Y → 3X, X → Y, X → ∅ with a, b. */
export function brusselatorNetwork(a = 1, b = 3): ReactionNetwork {
  return reactionNetwork("-> X, a; 2X + Y -> 3X, one; X -> Y, b; X ->, unit", { a, b, one: 1, unit: 1 }, ["X", "Y"]);
}

/**
 * POLLU (Verwer 1994, "Gauss–Seidel iteration for stiff ODEs from chemical kinetics", SIAM J.
 * Sci. Comput. 15; the IVP test set of Mazzia et al.): 20 species, 25 reactions of an
 * air-pollution model, t ∈ [0, 60] min. Species y1…y20 as in the test set (y1 = NO2, y2 = NO,
 * y3 = O3P, y4 = O3, …).
 */
export function polluNetwork(): ReactionNetwork {
  return reactionNetwork(
    `y1 -> y2 + y3, 0.35
     y2 + y4 -> y1, 26.6
     y5 + y2 -> y1 + y6, 1.23e4
     y7 -> 2 y5 + y8, 8.6e-4
     y7 -> y8, 8.2e-4
     y7 + y6 -> y5 + y8, 1.5e4
     y9 -> y5 + y8 + y10, 1.3e-4
     y9 + y6 -> y11, 2.4e4
     y11 + y2 -> y1 + y10 + y12, 1.65e4
     y11 + y1 -> y13, 9.0e3
     y13 -> y1 + y11, 0.022
     y10 + y2 -> y1 + y14, 1.2e4
     y14 -> y5 + y7, 1.88
     y1 + y6 -> y15, 1.63e4
     y3 -> y4, 4.8e6
     y4 -> y16, 3.5e-4
     y4 -> y3, 0.0175
     y16 -> 2 y6, 1.0e8
     y16 -> y3, 4.44e11
     y17 + y6 -> y5 + y18, 1240
     y19 -> y2, 2.1
     y19 -> y1 + y3, 5.78
     y1 + y4 -> y19, 0.0474
     y19 + y1 -> y20, 1780
     y20 -> y1 + y19, 3.12`,
    {},
    Array.from({ length: 20 }, (_, i) => `y${i + 1}`),
  );
}

/** POLLU's initial state (test set): y2 = 0.2, y4 = 0.04, y7 = 0.1, y8 = 0.3, y9 = 0.01, y17 = 0.007. */
export const polluY0 = [0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0];

/** POLLU at t = 60 from the IVP test set (Mazzia et al., reference by RADAU5 at tight tolerance). */
export const polluReference60 = [
  0.5646255480022769e-1, 0.1342484130422339, 0.4139734331099427e-8, 0.5523140207484359e-2, 0.2018977262302196e-6,
  0.1464541863493966e-6, 0.7784249118997964e-1, 0.3245075353396018, 0.7494013383880406e-2, 0.1622293157301561e-7,
  0.1135863833257075e-7, 0.2230505975721359e-2, 0.208716288279863e-3, 0.1396921016840158e-4, 0.8964884856898513e-2,
  0.4352846369330103e-17, 0.6899219696263405e-2, 0.1007803037365946e-3, 0.1772146513969984e-5, 0.5682943292316392e-4,
];
