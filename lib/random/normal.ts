import { OdeArgumentError, OdeTypeError } from "../ode/errors";

/**
 * How a normal generator spends the pair of values one Box–Muller draw gives:
 * `"pairs"` returns r·cos θ, then r·sin θ on the next call (two uniforms per two normals);
 * `"cosine"` returns r·cos θ and drops r·sin θ (two uniforms per normal). Both are exact
 * N(0, std²) draws; the mode fixes which stream a seed produces, so results stay reproducible.
 */
export type BoxMullerMode = "pairs" | "cosine";

/**
 * Normal N(0, std²) draws from a uniform source by the Box–Muller transform (Box & Muller 1958,
 * Ann. Math. Statist. 29(2), 610–611, doi:10.1214/aoms/1177706645): r = std·√(−2 ln u₁),
 * θ = 2π u₂. u₁ is floored at 1e-300 so ln u₁ is finite when the source returns 0.
 * The returned function allocates nothing per call.
 */
export function normalGenerator(rand: () => number, std = 1, mode: BoxMullerMode = "pairs"): () => number {
  if (typeof rand !== "function")
    throw new OdeTypeError("rand", `expected a uniform source () => number, got ${String(rand)}`);
  if (typeof std !== "number") throw new OdeTypeError("std", `expected a number, got ${String(std)}`);
  if (!(Number.isFinite(std) && std >= 0)) throw new OdeArgumentError("std", `must be a finite number ≥ 0, got ${std}`);
  if (mode !== "pairs" && mode !== "cosine")
    throw new OdeArgumentError("mode", `unknown value "${String(mode)}"; expected "pairs" or "cosine"`);
  const pairs = mode === "pairs";
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = Math.max(rand(), 1e-300);
    const u2 = rand();
    const r = std * Math.sqrt(-2 * Math.log(u1));
    if (pairs) {
      spare = r * Math.sin(2 * Math.PI * u2);
      hasSpare = true;
    }
    return r * Math.cos(2 * Math.PI * u2);
  };
}
