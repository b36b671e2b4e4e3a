import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

/**
 * A learning-rate schedule: the learning rate of training iteration `iteration` (1, 2, …, as in
 * the training record). The factories below count k = iteration − 1 updates done before it, as
 * optax's schedules count steps from 0, so every schedule starts at its initial rate.
 */
export type Schedule = (iteration: number) => number;

const describe = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

function positive(name: string, v: unknown): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${describe(v)}`);
  if (!(Number.isFinite(v) && v > 0)) throw new OdeArgumentError(name, `must be a finite number > 0, got ${v}`);
  return v;
}

function positiveInteger(name: string, v: unknown): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${describe(v)}`);
  if (!(Number.isInteger(v) && v >= 1)) throw new OdeArgumentError(name, `must be an integer ≥ 1, got ${v}`);
  return v;
}

function options(name: string, o: unknown, shape: string): void {
  if (o === null || typeof o !== "object") throw new OdeTypeError(name, `expected ${shape}, got ${describe(o)}`);
}

/** The same rate every iteration. */
export function constantSchedule(lr: number): Schedule {
  const v = positive("lr", lr);
  return () => v;
}

/** lr·rate^(k/steps) (staircase: lr·rate^⌊k/steps⌋), optax's exponential_decay; rate in (0, 1]. */
export function exponentialDecay(o: { lr: number; rate: number; steps: number; staircase?: boolean }): Schedule {
  options("exponentialDecay", o, "{ lr, rate, steps, staircase? }");
  const lr = positive("lr", o.lr);
  const rate = positive("rate", o.rate);
  if (rate > 1) throw new OdeArgumentError("rate", `must be in (0, 1] (a decay), got ${rate}`);
  const steps = positiveInteger("steps", o.steps);
  if (o.staircase !== undefined && typeof o.staircase !== "boolean")
    throw new OdeTypeError("staircase", `expected a boolean, got ${describe(o.staircase)}`);
  const stair = o.staircase === true;
  return (it) => lr * Math.pow(rate, stair ? Math.floor((it - 1) / steps) : (it - 1) / steps);
}

/**
 * Cosine annealing without restarts (Loshchilov & Hutter 2017, SGDR, eq. 5):
 * minLr + ½(lr − minLr)(1 + cos(π·k/iterations)), held at minLr after `iterations` updates.
 */
export function cosineDecay(o: { lr: number; iterations: number; minLr?: number }): Schedule {
  options("cosineDecay", o, "{ lr, iterations, minLr? }");
  const lr = positive("lr", o.lr);
  const T = positiveInteger("iterations", o.iterations);
  const minLr = o.minLr === undefined ? 0 : o.minLr;
  if (typeof minLr !== "number") throw new OdeTypeError("minLr", `expected a number, got ${describe(minLr)}`);
  if (!(Number.isFinite(minLr) && minLr >= 0 && minLr <= lr))
    throw new OdeArgumentError("minLr", `must be a finite number in [0, lr = ${lr}], got ${minLr}`);
  return (it) => minLr + 0.5 * (lr - minLr) * (1 + Math.cos((Math.PI * Math.min(it - 1, T)) / T));
}

/** lr·factor^⌊k/every⌋: the rate multiplied by `factor` every `every` iterations (PyTorch's StepLR). */
export function stepDecay(o: { lr: number; factor: number; every: number }): Schedule {
  options("stepDecay", o, "{ lr, factor, every }");
  const lr = positive("lr", o.lr);
  const factor = positive("factor", o.factor);
  if (factor > 1) throw new OdeArgumentError("factor", `must be in (0, 1] (a decay), got ${factor}`);
  const every = positiveInteger("every", o.every);
  return (it) => lr * Math.pow(factor, Math.floor((it - 1) / every));
}
