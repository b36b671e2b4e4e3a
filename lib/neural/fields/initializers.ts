import { normalGenerator } from "../../random/normal";

/** Glorot/Xavier uniform initialisation (Glorot & Bengio 2010, eq. 16): U(±sqrt(6/(fanIn+fanOut))). */
export function glorotUniform(fanIn: number, fanOut: number, rand: () => number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
  return w;
}

/** N(0, std²) weights (as torch's normal_), both values of each Box–Muller draw used in turn. */
export function normalArray(count: number, std: number, rand: () => number): Float32Array {
  const w = new Float32Array(count);
  const normal = normalGenerator(rand, std, "pairs");
  for (let i = 0; i < count; i++) w[i] = normal();
  return w;
}
