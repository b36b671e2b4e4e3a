import { OdeArgumentError, describeValue } from "../../ode/errors";

/** Most steps an LRP solve records (each keeps its stage inputs and derivatives). */
export const LRP_MAX_STEPS = 1_000_000;

/**
 * The fixed-step grid t_k = t0 + k·h towards t1, the last step shortened to land on t1 (within
 * 1e-12·h, as the fixed-step explicit Runge–Kutta stepper places it), so the solve is solveIVP's.
 */
export function fixedGrid(t0: number, t1: number, step: number): number[] {
  if (!Number.isFinite(t0))
    throw new OdeArgumentError("options.t0", `must be a finite number, got ${describeValue(t0)}`);
  if (!Number.isFinite(t1))
    throw new OdeArgumentError("options.t1", `must be a finite number, got ${describeValue(t1)}`);
  const span = Math.abs(t1 - t0);
  if (typeof step !== "number" || !(step > 0) || !(step <= span))
    throw new OdeArgumentError("options.step", `must be in (0, |t1 − t0|] = (0, ${span}], got ${describeValue(step)}`);
  if (span / step > LRP_MAX_STEPS)
    throw new OdeArgumentError("options.step", `${step} takes more than ${LRP_MAX_STEPS} steps over [${t0}, ${t1}]`);
  const dir = t1 > t0 ? 1 : -1;
  const times = [t0];
  for (let k = 0; times[k] !== t1; k++) {
    let tNew = t0 + (k + 1) * step * dir;
    if ((tNew - t1) * dir > -1e-12 * step) tNew = t1;
    times.push(tNew);
  }
  return times;
}

/** The index of `time` on the grid (within 1e-9·h); an error naming the nearest grid times otherwise. */
export function gridIndex(times: readonly number[], time: number, step: number, argument: string): number {
  if (!Number.isFinite(time))
    throw new OdeArgumentError(argument, `must be a finite number, got ${describeValue(time)}`);
  let best = 0;
  for (let k = 1; k < times.length; k++) if (Math.abs(times[k] - time) < Math.abs(times[best] - time)) best = k;
  if (Math.abs(times[best] - time) > 1e-9 * step)
    throw new OdeArgumentError(
      argument,
      `${time} is not a time of the step grid (nearest: t_${best} = ${times[best]}); output times are t0 + k·step or t1`,
    );
  return best;
}
