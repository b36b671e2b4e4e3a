import type { RhsInPlace } from "../ode/types";
import { DiscoveryArgumentError, DiscoveryTypeError } from "./errors";
import { checkSeries } from "./checkSeries";
import { sindy, type SindyOptions, type SindyResult } from "./sindy";

/** What learnedTerm needs of a hybrid field: its dimension and f(t, y) for one state (a Field64 has both). */
export interface HybridForward {
  readonly dim: number;
  forward(t: number, y: Float64Array, out: Float64Array): void;
}

/** The known part of the field: an in-place right-hand side, or an object with one (KnownPhysics64). */
export type KnownPart = RhsInPlace | { rhs: RhsInPlace };

function knownRhs(known: KnownPart): RhsInPlace {
  if (typeof known === "function") return known;
  if (known !== null && typeof known === "object" && typeof known.rhs === "function") return known.rhs;
  throw new DiscoveryTypeError("known", `expected (t, y, dydt) => void or { rhs }, got ${typeof known}`);
}

/**
 * The learned part of a universal differential equation (Rackauckas et al. 2020, arXiv:2001.04385,
 * Sec. 2.1), f(t_k, x_k) − known(t_k, x_k), at each state x_k: what the network adds to the known
 * physics, sampled where it was trained (the learned or observed trajectory). `t` gives the time of
 * each sample (all 0 when omitted: an autonomous field). Returns new Float64Arrays, one per sample.
 */
export function learnedTerm(
  field: HybridForward,
  known: KnownPart,
  X: Float64Array[],
  t?: ArrayLike<number>,
): Float64Array[] {
  if (field === null || typeof field !== "object" || typeof field.forward !== "function") {
    throw new DiscoveryTypeError("field", `expected { dim, forward(t, y, out) } (a Field64), got ${typeof field}`);
  }
  const rhs = knownRhs(known);
  const n = checkSeries("X", X, field.dim);
  if (t !== undefined && t.length !== X.length) {
    throw new DiscoveryArgumentError("t", `expected ${X.length} times (one per sample of X), got ${t.length}`);
  }
  const k = new Float64Array(n);
  return X.map((x, s) => {
    const time = t === undefined ? 0 : t[s];
    if (!Number.isFinite(time)) throw new DiscoveryArgumentError("t", `non-finite time ${time} at sample ${s}`);
    const out = new Float64Array(n);
    field.forward(time, x, out);
    rhs(time, x, k);
    for (let i = 0; i < n; i++) {
      out[i] -= k[i];
      if (!Number.isFinite(out[i])) {
        throw new DiscoveryArgumentError("field", `learned term is ${out[i]} at sample ${s}, component ${i}`);
      }
    }
    return out;
  });
}

export interface LearnedTermSindyOptions extends SindyOptions {
  /** Time of each sample of X (default: all 0, an autonomous field). */
  t?: ArrayLike<number>;
}

export interface LearnedTermSindyResult extends SindyResult {
  /** The regression target: the learned term at each sample (learnedTerm). */
  target: Float64Array[];
}

/**
 * SINDy on the learned term of a hybrid field (the UDE → sparse regression step of Rackauckas et
 * al. 2020, Sec. 2.1): the network part is sampled at the states X (learnedTerm) and regressed on
 * the library by STLSQ (sindy), so the result reads as equations for what the known physics lacks.
 */
export function sindyOnLearnedTerm(
  field: HybridForward,
  known: KnownPart,
  X: Float64Array[],
  options: LearnedTermSindyOptions,
): LearnedTermSindyResult {
  if (options === null || typeof options !== "object") {
    throw new DiscoveryTypeError("options", `expected an object, got ${options}`);
  }
  const { t, ...sindyOptions } = options;
  const target = learnedTerm(field, known, X, t);
  return { ...sindy(X, target, sindyOptions), target };
}
