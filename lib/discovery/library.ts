import { DiscoveryArgumentError, DiscoveryTypeError } from "./errors";

/** A user feature: a readable name and a function of the state. */
export interface Feature {
  name: string;
  f: (state: Float64Array) => number;
}

/**
 * A feature library Θ(x) (Brunton, Proctor & Kutz 2016, PNAS 113:3932, Eq. 3): `evaluate` writes
 * the nFeatures values at one state into `out` (no allocation) and returns it.
 */
export interface FeatureLibrary {
  readonly nStates: number;
  readonly names: readonly string[];
  readonly stateNames: readonly string[];
  evaluate(state: Float64Array, out: Float64Array): Float64Array;
}

export interface PolynomialLibraryOptions {
  /** Variable names, "x", "y", "z", "w" by default for up to 4 states, else "x0", "x1", …. */
  stateNames?: string[];
  /** Include the constant feature "1" (default true). */
  constant?: boolean;
  /** Extra features appended after the monomials. */
  features?: Feature[];
}

function defaultNames(n: number): string[] {
  return n <= 4 ? ["x", "y", "z", "w"].slice(0, n) : Array.from({ length: n }, (_, i) => `x${i}`);
}

/** Exponent tuples of all monomials of total degree d, in graded lexicographic order (x before y). */
function monomials(n: number, d: number): number[][] {
  if (n === 0) return d === 0 ? [[]] : [];
  const out: number[][] = [];
  for (let e = d; e >= 0; e--) for (const rest of monomials(n - 1, d - e)) out.push([e, ...rest]);
  return out;
}

function monomialName(exps: number[], names: string[]): string {
  const parts: string[] = [];
  exps.forEach((e, i) => {
    if (e === 1) parts.push(names[i]);
    else if (e > 1) parts.push(`${names[i]}^${e}`);
  });
  return parts.length ? parts.join("*") : "1";
}

/**
 * All monomials of the state up to total degree `degree` ("1", "x", "y", "x^2", "x*y", …, as
 * pysindy's PolynomialLibrary orders them), then the user features.
 */
export function polynomialLibrary(
  nStates: number,
  degree: number,
  options: PolynomialLibraryOptions = {},
): FeatureLibrary {
  if (!Number.isInteger(nStates) || nStates < 1) {
    throw new DiscoveryArgumentError("nStates", `expected a positive integer, got ${nStates}`);
  }
  if (!Number.isInteger(degree) || degree < 0) {
    throw new DiscoveryArgumentError("degree", `expected a non-negative integer, got ${degree}`);
  }
  const stateNames = options.stateNames ?? defaultNames(nStates);
  if (!Array.isArray(stateNames) || stateNames.length !== nStates) {
    throw new DiscoveryArgumentError("stateNames", `expected ${nStates} names, got ${stateNames?.length}`);
  }
  const features = options.features ?? [];
  features.forEach((ft, k) => {
    if (typeof ft?.name !== "string" || typeof ft.f !== "function") {
      throw new DiscoveryTypeError(`features[${k}]`, "expected { name: string, f: (state) => number }");
    }
  });
  const exps: number[][] = [];
  for (let d = options.constant === false ? 1 : 0; d <= degree; d++) exps.push(...monomials(nStates, d));
  const names = [...exps.map((e) => monomialName(e, stateNames)), ...features.map((f) => f.name)];
  const nMono = exps.length;
  return {
    nStates,
    names,
    stateNames,
    evaluate(state, out) {
      if (state.length !== nStates) {
        throw new DiscoveryArgumentError("state", `expected length ${nStates}, got ${state.length}`);
      }
      if (out.length !== names.length) {
        throw new DiscoveryArgumentError("out", `expected length ${names.length}, got ${out.length}`);
      }
      for (let m = 0; m < nMono; m++) {
        const e = exps[m];
        let v = 1;
        for (let i = 0; i < nStates; i++) for (let p = 0; p < e[i]; p++) v *= state[i];
        out[m] = v;
      }
      for (let k = 0; k < features.length; k++) out[nMono + k] = features[k].f(state);
      return out;
    },
  };
}
