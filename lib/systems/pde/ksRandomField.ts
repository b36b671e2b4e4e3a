import { OdeArgumentError } from "../../ode/errors";
import { mulberry32 } from "../../random/index";

export interface KsRandomFieldOptions {
  /** Grid points (the field is sampled at x_j = L j / n). */
  n: number;
  /** Domain length. */
  L: number;
  /** Seed of the draw (mulberry32). */
  seed: number;
  /** Fourier modes k = 1 … modes carry the field (default 4). */
  modes?: number;
  /** Largest amplitude of one mode (default 0.1). */
  amplitude?: number;
}

/**
 * A generic zero-mean initial field u(x) = Σ_{k=1}^{modes} a_k cos(2πkx/L + φ_k), with a_k uniform in
 * (0, amplitude] and φ_k uniform in [0, 2π), seeded. Independent random phases put it in none of
 * the invariant subspaces of Kuramoto–Sivashinsky (fields odd about some point, u(x) = −u(2c − x),
 * or of shorter period) with probability one, unlike a hand-picked sin/cos combination.
 */
export function ksRandomField(o: KsRandomFieldOptions): Float64Array {
  const modes = o.modes ?? 4;
  const amplitude = o.amplitude ?? 0.1;
  if (!(Number.isInteger(o.n) && o.n >= 2)) throw new OdeArgumentError("n", `must be an integer ≥ 2, got ${o.n}`);
  if (!(o.L > 0 && Number.isFinite(o.L))) throw new OdeArgumentError("L", `must be a finite number > 0, got ${o.L}`);
  if (!Number.isInteger(o.seed)) throw new OdeArgumentError("seed", `must be an integer, got ${o.seed}`);
  if (!(Number.isInteger(modes) && modes >= 1 && 2 * modes < o.n))
    throw new OdeArgumentError("modes", `must be an integer in [1, n/2), got ${modes} (n = ${o.n})`);
  if (!(amplitude > 0 && Number.isFinite(amplitude)))
    throw new OdeArgumentError("amplitude", `must be a finite number > 0, got ${amplitude}`);
  const rand = mulberry32(o.seed);
  const a = Array.from({ length: modes }, () => amplitude * (1 - rand()));
  const phi = Array.from({ length: modes }, () => 2 * Math.PI * rand());
  const u = new Float64Array(o.n);
  for (let j = 0; j < o.n; j++) {
    const x = (o.L * j) / o.n;
    for (let k = 0; k < modes; k++) u[j] += a[k] * Math.cos((2 * Math.PI * (k + 1) * x) / o.L + phi[k]);
  }
  return u;
}
