import { OdeTypeError, describeValue as describe } from "../../ode/errors";

/**
 * An MD run or minimisation whose energy stopped being finite (particles overlapped, the step is
 * too large for the potential): a value out of range for the given dt, hence a RangeError. Names
 * the step, the time and the first particle whose force is not finite, when there is one.
 */
export class MdRunError extends RangeError {
  /** Step at which the energy became non-finite. */
  readonly step: number;
  /** First particle with a non-finite force component, or −1. */
  readonly particle: number;
  constructor(message: string, step: number, particle: number) {
    super(message);
    this.name = "MdRunError";
    this.step = step;
    this.particle = particle;
  }
}

/** The first particle whose force has a non-finite component, or −1. */
export function firstNonFiniteParticle(f: Float64Array, dim: number): number {
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) return Math.floor(i / dim);
  return -1;
}

export { describeValue as describe } from "../../ode/errors";

/** Throws a TypeError unless `v` is array-like (an array or typed array of numbers). */
export function checkArrayLike(argument: string, v: unknown): asserts v is ArrayLike<number> {
  if (v === null || typeof v !== "object" || typeof (v as { length?: unknown }).length !== "number")
    throw new OdeTypeError(argument, `expected an array of numbers, got ${describe(v)}`);
}
