import { OdeArgumentError } from "../../ode/errors";
import { KuramotoSivashinsky } from "./kuramotoSivashinsky";
import { checkArrayLike } from "../../ode/errors";

export interface KsLyapunovOptions {
  dt: number;
  /** ETDRK4 steps averaged over (after the transient). */
  steps: number;
  /** Steps discarded first. Default 0. */
  transient?: number;
  /** Separation (L2 norm of the grid values) the perturbed copy is held at. Default 1e-8. */
  eps?: number;
  /** Renormalise every this many steps. Default 10. */
  renormEvery?: number;
  /** Domain length (default 32π); the grid size is u0.length. */
  L?: number;
  dealias?: boolean;
}

/**
 * Largest Lyapunov exponent of Kuramoto–Sivashinsky by the two-trajectory method (Benettin et
 * al. 1976/1980): a copy displaced by eps (a fixed smooth direction) follows the reference; every
 * `renormEvery` steps the log of the separation growth is accumulated and the copy is pulled back
 * to distance eps along the current separation. Deterministic. Returns λ and the running estimates.
 */
export function ksLargestLyapunov(
  u0: ArrayLike<number>,
  o: KsLyapunovOptions,
): { exponent: number; history: { t: number[]; lambda: number[] } } {
  checkArrayLike("u0", u0);
  const eps = o.eps ?? 1e-8;
  const every = o.renormEvery ?? 10;
  const transient = o.transient ?? 0;
  if (!(Number.isInteger(o.steps) && o.steps >= 1))
    throw new OdeArgumentError("steps", `must be a positive integer, got ${o.steps}`);
  if (!(Number.isInteger(transient) && transient >= 0))
    throw new OdeArgumentError("transient", `must be a non-negative integer, got ${transient}`);
  if (!(Number.isInteger(every) && every >= 1))
    throw new OdeArgumentError("renormEvery", `must be a positive integer, got ${every}`);
  if (!(eps > 0 && eps < 1)) throw new OdeArgumentError("eps", `must be in (0, 1), got ${eps}`);
  const ks = new KuramotoSivashinsky({ n: u0.length, length: o.L ?? 32 * Math.PI, dt: o.dt, dealias: o.dealias });
  const n = ks.n;
  const u = Float64Array.from(u0);
  ks.advance(u, transient);
  const v = new Float64Array(n);
  let d0 = 0;
  for (let i = 0; i < n; i++) d0 += Math.cos((2 * Math.PI * 3 * i) / n + 0.3) ** 2;
  for (let i = 0; i < n; i++) v[i] = u[i] + (eps / Math.sqrt(d0)) * Math.cos((2 * Math.PI * 3 * i) / n + 0.3);
  let sum = 0;
  let done = 0;
  const t: number[] = [];
  const lambda: number[] = [];
  while (done < o.steps) {
    const k = Math.min(every, o.steps - done);
    ks.advance(u, k, (transient + done) * ks.dt);
    ks.advance(v, k, (transient + done) * ks.dt);
    done += k;
    let d = 0;
    for (let i = 0; i < n; i++) d += (v[i] - u[i]) ** 2;
    d = Math.sqrt(d);
    if (!(d > 0))
      throw new OdeArgumentError(
        "eps",
        `${eps} is too small: the perturbed and reference trajectories merged (separation ${d}) at t = ${done * ks.dt}`,
      );
    sum += Math.log(d / eps);
    for (let i = 0; i < n; i++) v[i] = u[i] + ((v[i] - u[i]) * eps) / d;
    t.push(done * ks.dt);
    lambda.push(sum / (done * ks.dt));
  }
  return { exponent: sum / (o.steps * ks.dt), history: { t, lambda } };
}
