import type { Field64 } from "../../lib/sensitivity/field64";
import { mlp64 } from "../../lib/neural/fields/mlp64";
import { parametricField64 } from "../../lib/sensitivity/parametricField64";

/** A 3-D tanh MLP field (hidden 16, seed 3) and a state it is explained at. */
export function mlpCase(): { field: Field64; y0: Float64Array; t: number[] } {
  const field = mlp64({ dim: 3, hidden: [16], activation: "tanh", seed: 3 });
  return { field, y0: Float64Array.from([0.6, -0.4, 0.9]), t: [0, 0.25, 0.5, 1, 1.5] };
}

/** A non-normal 3×3 A (eigenvalues −0.3, −1, −2 and a coupling), row-major. */
export const A3 = Float64Array.from([-0.3, 1.2, 0, 0, -1, 0.7, 0.4, 0, -2]);

/** y' = A y as a Field64 whose parameters are A's entries. */
export function linearField(A: Float64Array = A3): Field64 {
  const d = Math.round(Math.sqrt(A.length));
  return parametricField64({
    dim: d,
    parameters: A,
    rhs(_t, y, p, out) {
      for (let i = 0; i < d; i++) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += p[i * d + j] * y[j];
        out[i] = acc;
      }
    },
    jacobianY(_t, _y, p, out) {
      out.set(p);
    },
    jacobianP(_t, y, _p, out) {
      out.fill(0);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * d * d + i * d + j] = y[j];
    },
  });
}

/** e^{tA} by scaling and squaring of a 30-term Taylor series (row-major d × d). */
export function expm(A: Float64Array, t: number): Float64Array {
  const d = Math.round(Math.sqrt(A.length));
  let norm = 0;
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += Math.abs(A[i * d + j] * t);
    norm = Math.max(norm, row);
  }
  const s = Math.max(0, Math.ceil(Math.log2(norm + 1e-300)) + 1);
  const M = A.map((a) => (a * t) / 2 ** s);
  const mul = (X: Float64Array, Y: Float64Array) => {
    const Z = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let k = 0; k < d; k++) for (let j = 0; j < d; j++) Z[i * d + j] += X[i * d + k] * Y[k * d + j];
    return Z;
  };
  let E = new Float64Array(d * d);
  let term = new Float64Array(d * d);
  for (let i = 0; i < d; i++) E[i * d + i] = term[i * d + i] = 1;
  for (let k = 1; k <= 30; k++) {
    term = mul(term, M).map((x) => x / k);
    E = E.map((x, i) => x + term[i]);
  }
  for (let k = 0; k < s; k++) E = mul(E, E);
  return E;
}

/**
 * A → B → C by mass action, p = [k1, k2]: A' = −k1 A, B' = k1 A − k2 B, C' = k2 B.
 * From (1, 0, 0): A = e^{−k1 t}, B = k1 (e^{−k1 t} − e^{−k2 t})/(k2 − k1), C = 1 − A − B.
 */
export function abcField(k1: number, k2: number): Field64 {
  return parametricField64({
    dim: 3,
    parameters: [k1, k2],
    rhs(_t, y, p, out) {
      out[0] = -p[0] * y[0];
      out[1] = p[0] * y[0] - p[1] * y[1];
      out[2] = p[1] * y[1];
    },
    jacobianY(_t, _y, p, out) {
      out.set([-p[0], 0, 0, p[0], -p[1], 0, 0, p[1], 0]);
    },
    jacobianP(_t, y, _p, out) {
      out.set([-y[0], 0, y[0], -y[1], 0, y[1]]);
    },
  });
}

/** ∂C(t)/∂k1 and ∂C(t)/∂k2 of A → B → C from (1, 0, 0), differentiating the closed form. */
export function abcRateSensitivity(k1: number, k2: number, t: number): [number, number] {
  const e1 = Math.exp(-k1 * t);
  const e2 = Math.exp(-k2 * t);
  const D = k2 - k1;
  const dA1 = -t * e1;
  const dB1 = (e1 - e2) / D + (k1 * (e1 - e2)) / (D * D) - (k1 * t * e1) / D;
  const dB2 = (-k1 * (e1 - e2)) / (D * D) + (k1 * t * e2) / D;
  return [-dA1 - dB1, -dB2];
}

export function abcC(k1: number, k2: number, t: number): number {
  const e1 = Math.exp(-k1 * t);
  return 1 - e1 - (k1 * (e1 - Math.exp(-k2 * t))) / (k2 - k1);
}

/** max |a − b| / max |b|: the one in the sensitivity fixtures. */
export { relError } from "../sensitivity/adjointFixtures";
