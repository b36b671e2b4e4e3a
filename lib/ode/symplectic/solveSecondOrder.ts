import { OdeArgumentError } from "../errors";
import { firstNonFinite } from "../rhs";
import type { Composition } from "./compositions";
import { velocityVerlet, yoshida4 } from "./compositions";

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

const compositions: Record<string, Composition> = { VelocityVerlet: velocityVerlet, Yoshida4: yoshida4 };

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
  if (typeof accel !== "function") throw new OdeArgumentError("accel", `expected a function, got ${typeof accel}`);
  const [t0, t1] = tSpan ?? [];
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t0 === t1) {
    throw new OdeArgumentError("tSpan", `expected [t0, tFinal] with distinct finite entries, got [${t0}, ${t1}]`);
  }
  const n = q0.length;
  if (n === 0) throw new OdeArgumentError("q0", "is empty");
  if (v0.length !== n) throw new OdeArgumentError("v0", `has length ${v0.length} but q0 has length ${n}`);
  const q = Float64Array.from(q0);
  const v = Float64Array.from(v0);
  let bad = firstNonFinite(q);
  if (bad >= 0) throw new OdeArgumentError("q0", `component ${bad} is ${q[bad]}; all must be finite`);
  bad = firstNonFinite(v);
  if (bad >= 0) throw new OdeArgumentError("v0", `component ${bad} is ${v[bad]}; all must be finite`);
  const method = options?.method ?? "VelocityVerlet";
  const comp = compositions[method];
  if (!comp) throw new OdeArgumentError("method", `unknown method "${method}"; expected VelocityVerlet or Yoshida4`);
  const span = Math.abs(t1 - t0);
  const h0 = options?.step;
  if (!(typeof h0 === "number" && h0 > 0 && h0 <= span)) {
    throw new OdeArgumentError("step", `must be in (0, |tFinal − t0|] = (0, ${span}], got ${h0}`);
  }
  const saveEvery = options.saveEvery ?? 1;
  if (!Number.isInteger(saveEvery) || saveEvery < 1) {
    throw new OdeArgumentError("saveEvery", `must be a positive integer, got ${saveEvery}`);
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
      for (let i = 0; i < n; i++) {
        v[i] += 0.5 * hs * a[i];
        q[i] += hs * v[i];
      }
      tau += hs;
      accel(tau, q, a);
      stats.nforce++;
      for (let i = 0; i < n; i++) v[i] += 0.5 * hs * a[i];
    }
    t = tNext;
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
        message: `non-finite ${where} after the step to t=${t}`,
        method,
      };
    }
    if (step % saveEvery === 0 || step === nSteps) {
      ts.push(t);
      qs.push(q.slice());
      vs.push(v.slice());
    }
  }
  return { t: ts, q: qs, v: vs, stats, status: "success", success: true, message: `reached t=${t1}`, method };
}
