/**
 * Seeded pseudo-random numbers (mulberry32, T. Ettinger 2017; period 2^32): every random draw
 * in the library takes a seed, so a notebook run twice gives the same weights and figures.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Glorot/Xavier uniform initialisation (Glorot & Bengio 2010, eq. 16): U(±sqrt(6/(fanIn+fanOut))). */
export function glorotUniform(fanIn: number, fanOut: number, rand: () => number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
  return w;
}

/** Normal N(0, std²) draws by the Box–Muller transform (Box & Muller 1958). */
export function normalArray(count: number, std: number, rand: () => number): Float32Array {
  const w = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = Math.max(rand(), 1e-300);
    const u2 = rand();
    const r = std * Math.sqrt(-2 * Math.log(u1));
    w[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) w[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return w;
}

/** k distinct integers from [0, n) (partial Fisher–Yates), like numpy's choice(replace=False). */
export function sampleWithoutReplacement(n: number, k: number, rand: () => number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
