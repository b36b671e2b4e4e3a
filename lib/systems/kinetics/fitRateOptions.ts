import type { MethodName } from "../../ode/types";
import { OdeArgumentError } from "../../ode/errors";
import type { ReactionNetwork } from "./network";
import type { IdentifiabilityOptions } from "./identifiability";
import { argumentTypeError } from "./errors";

export interface RateFitOptions {
  /** Observation times (first = start of the solve) and observed concentrations [T][observed]. */
  data: { t: number[]; y: number[][] };
  /** Species the data columns hold (default all, in network order). */
  observed?: string[];
  y0: ArrayLike<number>;
  /** Names of the rate constants to fit (others stay fixed). */
  fit: string[];
  /** Starting values for the fitted constants (default: the network's). */
  initial?: Record<string, number>;
  /** Bounds [lo, hi] on fitted constants (0 < lo < hi ≤ ∞); steps are projected onto them in ln k. */
  bounds?: Record<string, [number, number]>;
  /** Most Levenberg–Marquardt iterations (accepted steps; default 50). */
  maxIterations?: number;
  method?: MethodName;
  rtol?: number;
  atol?: number;
  /** Thresholds of the identifiability diagnosis at the end (./identifiability.ts). */
  identifiability?: IdentifiabilityOptions;
  /** Called after each accepted Levenberg–Marquardt step (iteration = 1, 2, …). */
  onIteration?: (info: { iteration: number; cost: number; rates: Record<string, number> }) => void;
}

/** The options, checked once, in the form the fit uses. */
export interface CheckedRateFit {
  T: number;
  observed: number[];
  fitIdx: number[];
  names: string[];
  logK0: number[];
  lnLo: number[];
  lnHi: number[];
  maxIterations: number;
}

const isArrayLike = (v: unknown): v is ArrayLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as { length?: unknown }).length === "number";

/** Checks every option and the data before the first solve; errors name the argument, value and where. */
export function checkRateFitOptions(net: ReactionNetwork, o: RateFitOptions): CheckedRateFit {
  if (o === null || typeof o !== "object") throw argumentTypeError("options", "an object", o);
  const d = o.data as unknown;
  if (d === null || typeof d !== "object") throw argumentTypeError("data", "an object { t, y }", d);
  if (!Array.isArray(o.data.t)) throw argumentTypeError("data.t", "an array of times", o.data.t);
  if (!Array.isArray(o.data.y)) throw argumentTypeError("data.y", "an array of rows", o.data.y);
  const T = o.data.t.length;
  if (T < 2) throw new OdeArgumentError("data.t", `needs at least 2 times (start and one observation), got ${T}`);
  o.data.t.forEach((t, i) => {
    if (typeof t !== "number") throw argumentTypeError(`data.t[${i}]`, "a number", t);
    if (!Number.isFinite(t)) throw new OdeArgumentError("data.t", `time ${i} is ${t}`);
    if (i > 0 && !(t > o.data.t[i - 1]))
      throw new OdeArgumentError("data.t", `must increase strictly: time ${i} is ${t} after ${o.data.t[i - 1]}`);
  });
  if (o.observed !== undefined && !Array.isArray(o.observed))
    throw argumentTypeError("observed", "an array of species names", o.observed);
  const observedNames = o.observed ?? net.species;
  const observed = observedNames.map((s, c) => {
    if (typeof s !== "string") throw argumentTypeError(`observed[${c}]`, "a species name", s);
    if (observedNames.indexOf(s) !== c) throw new OdeArgumentError("observed", `names species "${s}" twice`);
    return net.indexOf(s);
  });
  if (o.data.y.length !== T) throw new OdeArgumentError("data", `has ${T} times but ${o.data.y.length} rows`);
  o.data.y.forEach((row, r) => {
    if (!isArrayLike(row)) throw argumentTypeError(`data.y[${r}]`, "an array of concentrations", row);
    if (row.length !== observed.length)
      throw new OdeArgumentError(
        "data",
        `row ${r} has ${row.length} values, expected ${observed.length} (observed species)`,
      );
    for (let c = 0; c < row.length; c++)
      if (typeof row[c] !== "number" || !Number.isFinite(row[c]))
        throw new OdeArgumentError(
          "data.y",
          `row ${r} (t = ${o.data.t[r]}), species ${observedNames[c]}: value ${String(row[c])} is not a finite number`,
        );
  });
  if (!isArrayLike(o.y0)) throw argumentTypeError("y0", `an array of ${net.n} concentrations`, o.y0);
  if (o.y0.length !== net.n)
    throw new OdeArgumentError("y0", `has ${o.y0.length} entries, the network ${net.n} species`);
  for (let i = 0; i < net.n; i++)
    if (!(Number.isFinite(o.y0[i]) && o.y0[i] >= 0))
      throw new OdeArgumentError("y0", `species ${net.species[i]} (index ${i}) is ${o.y0[i]}; give a finite value ≥ 0`);
  if (!Array.isArray(o.fit)) throw argumentTypeError("fit", "an array of rate-constant names", o.fit);
  if (o.fit.length === 0) throw new OdeArgumentError("fit", "is empty; name at least one rate constant to fit");
  const fitIdx = o.fit.map((name, q) => {
    if (typeof name !== "string") throw argumentTypeError(`fit[${q}]`, "a rate-constant name", name);
    if (o.fit.indexOf(name) !== q) throw new OdeArgumentError("fit", `names "${name}" twice`);
    const j = net.rateNames.indexOf(name);
    if (j < 0) throw new OdeArgumentError("fit", `"${name}" is not a rate constant (${net.rateNames.join(", ")})`);
    return j;
  });
  const k = net.k;
  for (const [label, rec] of [
    ["initial", o.initial],
    ["bounds", o.bounds],
  ] as const) {
    if (rec === undefined) continue;
    if (rec === null || typeof rec !== "object") throw argumentTypeError(label, "an object keyed by rate name", rec);
    for (const name of Object.keys(rec))
      if (!o.fit.includes(name))
        throw new OdeArgumentError(label, `"${name}" is not among the fitted constants (${o.fit.join(", ")})`);
  }
  const lnLo = o.fit.map(() => -Infinity);
  const lnHi = o.fit.map(() => Infinity);
  o.fit.forEach((name, q) => {
    const b = o.bounds?.[name];
    if (b === undefined) return;
    if (!Array.isArray(b) || b.length !== 2) throw argumentTypeError(`bounds.${name}`, "a pair [lo, hi]", b);
    const [lo, hi] = b;
    if (typeof lo !== "number" || typeof hi !== "number") throw argumentTypeError(`bounds.${name}`, "two numbers", b);
    if (!(lo > 0 && lo < hi && Number.isFinite(lo) && !Number.isNaN(hi)))
      throw new OdeArgumentError(`bounds.${name}`, `[${lo}, ${hi}] must satisfy 0 < lo < hi ≤ Infinity, lo finite`);
    lnLo[q] = Math.log(lo);
    lnHi[q] = Math.log(hi);
  });
  const logK0 = o.fit.map((name, q) => {
    const given = o.initial?.[name];
    if (given !== undefined && typeof given !== "number") throw argumentTypeError(`initial.${name}`, "a number", given);
    const v = given ?? k[fitIdx[q]];
    const source = given === undefined ? `the network's value of ${name}` : `initial.${name}`;
    if (!(v > 0 && Number.isFinite(v)))
      throw new OdeArgumentError(
        given === undefined ? "initial" : `initial.${name}`,
        `${source} is ${v}; the fit works in ln k and needs a finite start > 0`,
      );
    if (!(Math.log(v) >= lnLo[q] && Math.log(v) <= lnHi[q]))
      throw new OdeArgumentError(`initial.${name}`, `start ${v} lies outside bounds.${name} = [${o.bounds![name]}]`);
    return Math.log(v);
  });
  const maxIterations = o.maxIterations ?? 50;
  if (typeof maxIterations !== "number") throw argumentTypeError("maxIterations", "a number", maxIterations);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0))
    throw new OdeArgumentError("maxIterations", `must be an integer ≥ 0, got ${maxIterations}`);
  if (o.onIteration !== undefined && typeof o.onIteration !== "function")
    throw argumentTypeError("onIteration", "a function", o.onIteration);
  const id = o.identifiability ?? {};
  if (id.maxCorrelation !== undefined && !(id.maxCorrelation > 0 && id.maxCorrelation <= 1))
    throw new OdeArgumentError("identifiability.maxCorrelation", `must be in (0, 1], got ${id.maxCorrelation}`);
  if (id.maxLogStdError !== undefined && !(id.maxLogStdError > 0))
    throw new OdeArgumentError("identifiability.maxLogStdError", `must be > 0, got ${id.maxLogStdError}`);
  if (id.minSingularRatio !== undefined && !(id.minSingularRatio > 0 && id.minSingularRatio < 1))
    throw new OdeArgumentError("identifiability.minSingularRatio", `must be in (0, 1), got ${id.minSingularRatio}`);
  return { T, observed, fitIdx, names: [...o.fit], logK0, lnLo, lnHi, maxIterations };
}
