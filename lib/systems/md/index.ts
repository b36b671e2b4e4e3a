export { lennardJones, morse, harmonicBonds, sumPotentials, mullerBrown } from "./potentials";
export type { Potential, LennardJonesOptions } from "./potentials";
export { velocityVerlet, langevinBAOAB } from "./integrators";
export type { MdTrajectory, LangevinOptions } from "./integrators";
export { kineticEnergy, temperature, radialDistribution, rmsd } from "./observables";
export { fireMinimize, icosahedron13 } from "./minimize";
export type { FireResult } from "./minimize";
export { trajectoryFrame, energyFrame } from "./frames";
export { MdRunError } from "./errors";
