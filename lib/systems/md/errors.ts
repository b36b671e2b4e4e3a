import { RunError } from "../../ode/errors";

/**
 * An MD run or minimisation whose energy stopped being finite (particles overlapped, the step is
 * too large for the potential): a value out of range for the given dt, hence a RangeError. Names
 * the step, the time and the first particle whose force is not finite, when there is one.
 */
export class MdRunError extends RunError {
  constructor(
    message: string,
    /** Step at which the energy became non-finite. */
    readonly step: number,
    /** First particle with a non-finite force component, or −1. */
    readonly particle: number,
  ) {
    super(message);
  }
}

/** The first particle whose force has a non-finite component, or −1. */
export function firstNonFiniteParticle(f: Float64Array, dim: number): number {
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) return Math.floor(i / dim);
  return -1;
}

export { describeValue as describe } from "../../ode/errors";
