import type { DataFrame } from "danfojs-node";
import { danfo } from "../../data/danfo";
import type { MdTrajectory } from "./integrators";

/** A trajectory as a long danfojs frame: one row per (frame, particle) with positions and velocities. */
export function trajectoryFrame(traj: MdTrajectory, dim: number): DataFrame {
  const cols: Record<string, number[]> = { t: [], particle: [] };
  const axes = ["x", "y", "z"].slice(0, dim);
  for (const a of axes) {
    cols[a] = [];
    cols[`v${a}`] = [];
  }
  traj.positions.forEach((x, s) => {
    const n = x.length / dim;
    for (let i = 0; i < n; i++) {
      cols.t.push(traj.times[s]);
      cols.particle.push(i);
      axes.forEach((a, k) => {
        cols[a].push(x[i * dim + k]);
        cols[`v${a}`].push(traj.velocities[s][i * dim + k]);
      });
    }
  });
  return new (danfo().DataFrame)(cols);
}

/** Energies per saved frame as a frame: t, potential, kinetic, total. */
export function energyFrame(traj: MdTrajectory): DataFrame {
  return new (danfo().DataFrame)({
    t: Array.from(traj.times),
    potential: Array.from(traj.potential),
    kinetic: Array.from(traj.kinetic),
    total: Array.from(traj.potential, (p, i) => p + traj.kinetic[i]),
  });
}
