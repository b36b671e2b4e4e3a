import { OdeArgumentError, OdeTypeError } from "../errors";
import { firstNonFinite } from "../rhs";
import type { Composition } from "./compositions";
import { velocityVerlet, yoshida4 } from "./compositions";
import { velocityVerletStep } from "./verlet";

/** Accelerations a = F(q)/m written in place (separable H = T(v) + V(q), as in molecular dynamics). */
export type Acceleration = (t: number, q: Float64Array, a: Float64Array) => void;

export interface SecondOrderOptions {
  method?: "VelocityVerlet" | "Yoshida4";
  /** Step size, > 0. */
  step: number;
  /** Save every k-th step (default 1); the final state is always saved. */
  saveEvery?: number;
}

export interface SecondOrderResult {
  t: number[];
  q: Float64Array[];
  v: Float64Array[];
  stats: { nforce: number; nsteps: number };
  status: "success" | "nonFinite";
  success: boolean;
  message: string;
  method: string;
}

/** The second-order methods, registered once by their own names (solveIVP's registry is lib/ode/methods.ts). */
const compositions: ReadonlyMap<string, Composition> = new Map([velocityVerlet, yoshida4].map((c) => [c.name, c]));

/**
 * Integrates q'' = a(t, q) with a symplectic, time-reversible composition of velocity Verlet
 * steps (kick ½ · drift · kick ½, forces shared between consecutive kicks: one force
 * evaluation per sub-step). Energy errors stay bounded over long runs instead of drifting
 * (HLW, Sec. IX.8). Fixed step; the last step is shortened to land on tFinal.
 */
export function solveSecondOrder(
  accel: Acceleration,
  tSpan: [number, number],
  q0: ArrayLike<number>,
  v0: ArrayLike<number>,
  options: SecondOrderOptions,
): SecondOrderResult {
  if (typeof accel !== "function") throw new OdeTypeError("accel", `expected a function, got ${typeof accel}`);
  if (!Array.isArray(tSpan) && !((tSpan as unknown) instanceof Float64Array)) {
    throw new OdeTypeError("tSpan", `expected [t0, tFinal], got ${typeof tSpan} ${String(tSpan)}`);
  }
  if (tSpan.length !== 2) throw new OdeArgumentError("tSpan", `expected 2 entries [t0, tFinal], got ${tSpan.length}`);
  const [t0, t1] = tSpan;
  if (typeof t0 !== "number" || typeof t1 !== "number") {
    throw new OdeTypeError("tSpan", `entries must be numbers, got [${typeof t0}, ${typeof t1}]`);
  }
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) {
    // No events here to end an infinite solve (solveIVP allows one with a terminal event).
    throw new OdeArgumentError("tSpan", `expected [t0, tFinal] with finite entries, got [${t0}, ${t1}]`);
  }
  const q = stateArg("q0", q0);
  const v = stateArg("v0", v0);
  const n = q.length;
  if (v.length !== n) throw new OdeArgumentError("v0", `has length ${v.length} but q0 has length ${n}`);
  if (options == null || typeof options !== "object") {
    throw new OdeTypeError("options", `expected an object with a step, got ${typeof options}`);
  }
  const method = options.method ?? "VelocityVerlet";
  if (typeof method !== "string") throw new OdeTypeError("method", `expected a method name, got ${typeof method}`);
  const comp = compositions.get(method);
  if (comp === undefined) {
    throw new OdeArgumentError(
      "method",
      `unknown method "${method}"; expected one of ${[...compositions.keys()].join(", ")}`,
    );
  }
  const span = Math.abs(t1 - t0);
  const h0 = options.step;
  if (typeof h0 !== "number") throw new OdeTypeError("step", `expected a number, got ${typeof h0} ${String(h0)}`);
  // With an empty span no step is taken, so only the sign of the step is checked there.
  if (!(Number.isFinite(h0) && h0 > 0 && (span === 0 || h0 <= span))) {
    throw new OdeArgumentError("step", `must be in (0, |tFinal − t0|] = (0, ${span}], got ${h0}`);
  }
  const saveEvery = options.saveEvery ?? 1;
  if (typeof saveEvery !== "number") throw new OdeTypeError("saveEvery", `expected a number, got ${typeof saveEvery}`);
  if (!Number.isInteger(saveEvery) || saveEvery < 1) {
    throw new OdeArgumentError("saveEvery", `must be a positive integer, got ${saveEvery}`);
  }
  const reached = (t: number) => `the solver reached the end of the interval, t=${t}`;
  // As solveIVP (scipy): an empty span returns the initial state, an empty state is a no-op.
  if (span === 0 || n === 0) {
    const ts = n === 0 && span > 0 ? [t0, t1] : [t0];
    return {
      t: ts,
      q: ts.map(() => q.slice()),
      v: ts.map(() => v.slice()),
      stats: { nforce: 0, nsteps: 0 },
      status: "success",
      success: true,
      message: reached(t1),
      method,
    };
  }

  const dir = Math.sign(t1 - t0);
  const a = new Float64Array(n);
  const w = comp.weights;
  const stats = { nforce: 0, nsteps: 0 };
  const ts = [t0];
  const qs = [q.slice()];
  const vs = [v.slice()];
  accel(t0, q, a);
  stats.nforce++;
  const nSteps = Math.ceil(span / h0 - 1e-9);
  let t = t0;
  for (let step = 1; step <= nSteps; step++) {
    const tNext = step === nSteps ? t1 : t0 + dir * step * h0;
    const h = tNext - t;
    let tau = t;
    for (let s = 0; s < w.length; s++) {
      const hs = w[s] * h;
      velocityVerletStep(tau, hs, q, v, a, null, accel); // accel already divides by the masses
      tau += hs;
      stats.nforce++;
    }
    stats.nsteps++;
    const badQ = firstNonFinite(q);
    const badV = firstNonFinite(v);
    if (badQ >= 0 || badV >= 0) {
      const where = badQ >= 0 ? `position component ${badQ}` : `velocity component ${badV}`;
      return {
        t: ts,
        q: qs,
        v: vs,
        stats,
        status: "nonFinite",
        success: false,
        // The wording of solveIVP's fixed-step failure, with the time reached.
        message: `non-finite ${where} in the step from t=${t} with h=${h}`,
        method,
      };
    }
    t = tNext;
    if (step % saveEvery === 0 || step === nSteps) {
      ts.push(t);
      qs.push(q.slice());
      vs.push(v.slice());
    }
  }
  return { t: ts, q: qs, v: vs, stats, status: "success", success: true, message: reached(t1), method };
}

/** A state argument: an array of finite numbers, copied (TypeError for a wrong type, RangeError for a non-finite entry). */
function stateArg(name: string, x: unknown): Float64Array {
  if (x == null || typeof x === "string" || typeof (x as ArrayLike<unknown>).length !== "number") {
    throw new OdeTypeError(name, `expected an array of numbers, got ${typeof x} ${String(x)}`);
  }
  const a = x as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number")
      throw new OdeTypeError(name, `component ${i} is ${typeof v} ${String(v)}; expected a number`);
    if (!Number.isFinite(v)) throw new OdeArgumentError(name, `component ${i} is ${v}; all must be finite`);
    out[i] = v;
  }
  return out;
}
