import type * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { Field64 } from "../../sensitivity/field64";
import type { GradientMethod, SolverSpec } from "../../sensitivity/gradientMethod";
import type { CheckedSolver } from "../../sensitivity/checkArgs";
import { checkSolver } from "../../sensitivity/checkArgs";
import type { Optimizer } from "./hostOptimizer";
import { fromTfOptimizer, isOptimizer, rmsprop } from "./hostOptimizer";
import type { Schedule } from "./schedules";
import { checkSignal } from "./yieldControl";
import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

/** One observed trajectory. */
export interface Trajectory {
  t: number[];
  y: number[][];
}

/** One row of the training record ("flight record"). */
export interface TrainingRecordRow {
  iteration: number;
  loss: number;
  /** Learning rate of the iteration's update (the schedule's, else the optimizer's). */
  learningRate: number;
  nfeForward: number;
  nfeBackward: number;
  naccept: number;
  nreject: number;
  /** Smallest accepted step of the iteration's solves. */
  minStep: number;
  /** Wall time of the iteration, ms. */
  wallMs: number;
  /** Global L2 norm of the parameter gradient. */
  gradNorm: number;
}

/** Plain data: the record, why training ended, and (Field64 models) the trained θ. */
export interface FitResult {
  record: TrainingRecordRow[];
  /** "completed" (all iterations), "earlyStopped" (earlyStopping's patience ran out) or "interrupted" (signal / kernel interrupt). */
  status: "completed" | "earlyStopped" | "interrupted";
  stoppedEarly: boolean;
  /** The trained parameters (a copy), for a Field64 model; a VectorField holds them in its variables. */
  parameters?: Float64Array;
}

/**
 * fit = data + model + solver + gradient method + optimizer + schedule (diffrax's separation).
 */
export interface FitOptions {
  /**
   * Observed trajectories: times (uniformly spaced, the same spacing in all) and states [T][dim].
   * One, or several (e.g. from different initial conditions: one decaying trajectory rarely
   * identifies a linear field, several do). Windows and shooting groups never cross from one
   * trajectory into the next.
   */
  data: Trajectory | Trajectory[];
  iterations: number;
  /** Seeds the minibatch draws. */
  seed: number;
  /**
   * Random windows of `time` points, `size` of them per minibatch (torchdiffeq's ode_demo
   * get_batch); give this or `multipleShooting`.
   */
  batch?: { time: number; size: number };
  /**
   * Multiple shooting (as DiffEqFlux's multiple_shoot): instead of random windows, every
   * iteration covers the whole trajectory with consecutive groups of `groupSize` points that
   * overlap by one and each start from the data; the last point of each group, which is the
   * next group's initial condition, is weighted 1 + `continuityWeight` (default 10).
   */
  multipleShooting?: { groupSize: number; continuityWeight?: number };
  /** Method (the registry's names), tolerances, fixed step, step budget; default DOPRI5, rtol 1e-7, atol 1e-9. */
  solver?: SolverSpec;
  /**
   * How the gradient is computed (lib/sensitivity): default `discrete()` (exact reverse mode
   * through the steps) for explicit methods, `adjoint()` for stiff ones.
   */
  gradient?: GradientMethod;
  /** adam({ lr }), rmsprop({ lr }) or sgd({ lr }) (float64, on the host); a tf.train SGD / Adam / RMSProp is read as its twin. Default rmsprop({ lr: 1e-3 }). */
  optimizer?: Optimizer | tf.Optimizer;
  /** Learning rate per iteration (schedules.ts); replaces the optimizer's rate. */
  schedule?: Schedule;
  /** "mae" (default, torchdiffeq's ode_demo) or "mse". */
  loss?: "mae" | "mse";
  earlyStopping?: { patience: number; minDelta?: number };
  onIteration?: (row: TrainingRecordRow) => void;
  /** Progress line (iteration, loss, NFE, elapsed, ETA): tslab display, terminal, or none. */
  progress?: "auto" | "notebook" | "terminal" | "none";
  /**
   * Stops training cleanly when aborted (checked before every iteration; `fit` yields to the
   * event loop at least every ~50 ms, so a timer or an interrupt can abort it): the record so far
   * is returned with status "interrupted", and the weights are those after the last iteration.
   * In a notebook, interrupting the kernel (SIGINT) aborts training the same way.
   */
  signal?: AbortSignal;
}

const KNOWN: readonly (keyof FitOptions)[] = [
  "data",
  "iterations",
  "seed",
  "batch",
  "multipleShooting",
  "solver",
  "gradient",
  "optimizer",
  "schedule",
  "loss",
  "earlyStopping",
  "onIteration",
  "progress",
  "signal",
];

/** Options of the tfjs-era fit, with what replaces them. */
const RENAMED: Record<string, string> = {
  batchTime: "batch: { time, size }",
  batchSize: "batch: { time, size }",
  method: "solver: { method }",
  rtol: "solver: { rtol }",
  atol: "solver: { atol }",
  step: "solver: { step }",
  engine: "nothing (fit always trains in float64 on lib/ode)",
  hostOptimizer: "nothing (optimizers always run in float64)",
  adjointNorm: "gradient: adjoint({ ... }) from lib/sensitivity",
};

/** `fit`'s options after checking, with defaults filled in. */
export interface ValidatedFit {
  trajectories: Trajectory[];
  /** Points per window or shooting group. */
  windowLength: number;
  batchSize: number;
  shooting: { groupSize: number; continuityWeight: number } | null;
  solver: CheckedSolver;
  optimizer: Optimizer;
  loss: "mae" | "mse";
  signal: AbortSignal | undefined;
  progress: "auto" | "notebook" | "terminal" | "none";
}

const describe = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string")
    throw new OdeTypeError(name, `expected one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${describe(value)}`);
  if (!allowed.includes(value as T))
    throw new OdeArgumentError(
      name,
      `unknown value "${value}"; expected one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
  return value as T;
}

function number(name: string, value: unknown): number {
  if (typeof value !== "number") throw new OdeTypeError(name, `expected a number, got ${describe(value)}`);
  return value;
}

function integerAtLeast(name: string, value: unknown, min: number, max = Infinity, why = ""): number {
  const v = number(name, value);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new OdeArgumentError(name, `must be an integer in [${min}, ${max === Infinity ? "∞" : max}]${why}, got ${v}`);
  return v;
}

function object(name: string, value: unknown, shape: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new OdeTypeError(name, `expected ${shape}, got ${Array.isArray(value) ? `[${value}]` : describe(value)}`);
}

/** One trajectory: times finite and uniformly spaced with step dt0, states finite with `dim` components. */
function checkTrajectory(tr: unknown, k: number, label: string, dim: number, dt0: number | null): number {
  if (
    tr === null ||
    typeof tr !== "object" ||
    !Array.isArray((tr as Trajectory).t) ||
    !Array.isArray((tr as Trajectory).y)
  )
    throw new OdeTypeError("data", `${label}expected { t: number[], y: number[][] }, got ${describe(tr)}`);
  const { t, y } = tr as Trajectory;
  if (t.length < 2) throw new OdeArgumentError("data", `${label}needs at least 2 times, got ${t.length}`);
  if (y.length !== t.length) throw new OdeArgumentError("data", `${label}has ${t.length} times but ${y.length} states`);
  t.forEach((s, i) => {
    if (typeof s !== "number") throw new OdeTypeError("data", `${label}t[${i}] is ${describe(s)}, not a number`);
    if (!Number.isFinite(s)) throw new OdeArgumentError("data", `${label}t[${i}] is ${s}; times must be finite`);
  });
  const dt = dt0 ?? t[1] - t[0];
  if (dt === 0) throw new OdeArgumentError("data", `${label}t[1] = t[0] = ${t[0]}; times must be strictly monotone`);
  // Windows share one relative time grid, so every trajectory must have the same uniform spacing.
  for (let i = 1; i < t.length; i++)
    if (!(Math.abs(t[i] - t[i - 1] - dt) <= 1e-9 * Math.abs(dt)))
      throw new OdeArgumentError(
        "data",
        `${label}times must be uniformly spaced with step ${dt}${k > 0 ? " (that of the first trajectory)" : ""}; t[${i}] − t[${i - 1}] = ${t[i] - t[i - 1]}`,
      );
  y.forEach((row, i) => {
    if (!Array.isArray(row) && !ArrayBuffer.isView(row))
      throw new OdeTypeError("data", `${label}y[${i}] is ${describe(row)}, not an array of ${dim} numbers`);
    if (row.length !== dim)
      throw new OdeArgumentError("data", `${label}state ${i} has ${row.length} components, the field has ${dim}`);
    for (let c = 0; c < dim; c++) {
      const v = (row as ArrayLike<unknown>)[c];
      if (typeof v !== "number")
        throw new OdeTypeError("data", `${label}y[${i}][${c}] (time index ${i}, component ${c}) is ${describe(v)}`);
      if (!Number.isFinite(v))
        throw new OdeArgumentError(
          "data",
          `${label}y[${i}][${c}] is ${v} (time index ${i}, t = ${t[i]}, component ${c}); data must be finite`,
        );
    }
  });
  return dt;
}

/** A Field64 (float64 field with parameters and derivatives), told apart from a tfjs VectorField. */
export function isField64(model: unknown): model is Field64 {
  const m = model as Partial<Field64> | null;
  return (
    m !== null &&
    typeof m === "object" &&
    m.parameters instanceof Float64Array &&
    typeof m.forward === "function" &&
    typeof m.vjp === "function"
  );
}

/** Checks the model: a Field64, or a VectorField (mlpField, hybridField, …). Returns its dim. */
export function checkModel(model: unknown): number {
  if (isField64(model)) {
    if (!Number.isInteger(model.dim) || model.dim < 1)
      throw new OdeArgumentError("model", `Field64 dim must be a positive integer, got ${model.dim}`);
    return model.dim;
  }
  const f = model as Partial<VectorField> | null;
  if (f === null || typeof f !== "object" || typeof f.apply !== "function" || !Array.isArray(f.variables))
    throw new OdeTypeError(
      "model",
      `expected a VectorField (mlpField, hybridField, …) or a Field64 { dim, parameters, forward, vjp, jvp, jacobian }, got ${describe(model)}`,
    );
  return f.dim as number;
}

/**
 * Checks the model, every option of `fit` and the data once, before training starts (as
 * `solveIVP` checks its arguments): a wrong type is an OdeTypeError, a bad value an
 * OdeArgumentError, each naming the option and value — for data the trajectory, time index and
 * component. The schedule is called for iteration 1 here (its later values are checked as
 * training reaches them).
 */
export function validateFit(model: unknown, o: FitOptions): ValidatedFit {
  const dim = checkModel(model);
  if (o === null || typeof o !== "object") throw new OdeTypeError("options", `expected an object, got ${describe(o)}`);
  for (const key of Object.keys(o)) {
    if (Object.hasOwn(RENAMED, key))
      throw new OdeArgumentError("options", `option "${key}" is gone; use ${RENAMED[key]}`);
    if (!KNOWN.includes(key as keyof FitOptions))
      throw new OdeArgumentError("options", `unknown option "${key}"; known options: ${KNOWN.join(", ")}`);
  }
  if (o.data === null || typeof o.data !== "object")
    throw new OdeTypeError("data", `expected a trajectory { t, y } or a list of them, got ${describe(o.data)}`);
  const trajectories = Array.isArray(o.data) ? o.data : [o.data];
  if (trajectories.length === 0) throw new OdeArgumentError("data", "is an empty list of trajectories");
  let dt0: number | null = null;
  trajectories.forEach((tr, k) => {
    dt0 = checkTrajectory(tr, k, trajectories.length > 1 ? `trajectory ${k}: ` : "", dim, dt0);
  });
  const T = Math.min(...trajectories.map((tr) => tr.t.length));
  integerAtLeast("iterations", o.iterations, 1);
  const seed = number("seed", o.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new OdeArgumentError("seed", `must be an integer in [0, 2³²), got ${seed}`);
  const shortest = " (the shortest trajectory)";
  let windowLength: number;
  let batchSize = 0;
  let shooting: ValidatedFit["shooting"] = null;
  if (o.multipleShooting !== undefined && o.batch !== undefined)
    throw new OdeArgumentError("batch", "and multipleShooting exclude each other; give one");
  if (o.multipleShooting !== undefined) {
    const ms = o.multipleShooting;
    object("multipleShooting", ms, "{ groupSize, continuityWeight? }");
    windowLength = integerAtLeast("multipleShooting.groupSize", ms.groupSize, 2, T, shortest);
    let w = 10;
    if (ms.continuityWeight !== undefined) {
      w = number("multipleShooting.continuityWeight", ms.continuityWeight);
      if (!Number.isFinite(w) || w < 0)
        throw new OdeArgumentError("multipleShooting.continuityWeight", `must be a finite number ≥ 0, got ${w}`);
    }
    shooting = { groupSize: windowLength, continuityWeight: w };
  } else {
    if (o.batch === undefined)
      throw new OdeArgumentError(
        "batch",
        "is missing: give batch: { time, size } (random windows) or multipleShooting: { groupSize }",
      );
    object("batch", o.batch, "{ time, size }");
    windowLength = integerAtLeast("batch.time", o.batch.time, 2, T, shortest);
    batchSize = integerAtLeast("batch.size", o.batch.size, 1);
  }
  const solver = checkSolver(o.solver);
  if (o.gradient !== undefined) {
    const g = o.gradient as Partial<GradientMethod> | null;
    if (g === null || typeof g !== "object" || typeof g.solve !== "function")
      throw new OdeTypeError(
        "gradient",
        `expected a GradientMethod (discrete(), adjoint(), … from lib/sensitivity), got ${describe(o.gradient)}`,
      );
  }
  let optimizer: Optimizer;
  if (o.optimizer === undefined) optimizer = rmsprop({ lr: 1e-3 });
  else if (isOptimizer(o.optimizer)) optimizer = o.optimizer;
  else {
    const opt = o.optimizer as { getClassName?: unknown } | null;
    if (opt === null || typeof opt !== "object" || typeof opt.getClassName !== "function")
      throw new OdeTypeError(
        "optimizer",
        `expected adam({ lr }), rmsprop({ lr }), sgd({ lr }) or a tf.train optimizer, got ${describe(o.optimizer)}`,
      );
    optimizer = fromTfOptimizer(o.optimizer as tf.Optimizer);
  }
  if (o.schedule !== undefined) {
    if (typeof o.schedule !== "function")
      throw new OdeTypeError(
        "schedule",
        `expected a function (iteration) => learning rate, or cosineDecay(…) etc., got ${describe(o.schedule)}`,
      );
    checkRate(o.schedule(1), 1);
  }
  const loss = oneOf("loss", o.loss, ["mae", "mse"] as const, "mae");
  if (o.earlyStopping !== undefined) {
    const es = o.earlyStopping;
    object("earlyStopping", es, "{ patience, minDelta? }");
    integerAtLeast("earlyStopping.patience", es.patience, 1);
    if (es.minDelta !== undefined) {
      const d = number("earlyStopping.minDelta", es.minDelta);
      if (!Number.isFinite(d) || d < 0)
        throw new OdeArgumentError("earlyStopping.minDelta", `must be a finite number ≥ 0, got ${d}`);
    }
  }
  if (o.onIteration !== undefined && typeof o.onIteration !== "function")
    throw new OdeTypeError("onIteration", `expected a function (row) => void, got ${describe(o.onIteration)}`);
  const progress = oneOf("progress", o.progress, ["auto", "notebook", "terminal", "none"] as const, "auto");
  const signal = checkSignal(o.signal);
  return { trajectories, windowLength, batchSize, shooting, solver, optimizer, loss, signal, progress };
}

/** A schedule's value: a finite learning rate ≥ 0 (an error naming the iteration otherwise). */
export function checkRate(lr: unknown, iteration: number): number {
  if (typeof lr !== "number")
    throw new OdeTypeError("schedule", `returned ${describe(lr)} at iteration ${iteration}, not a number`);
  if (!(Number.isFinite(lr) && lr >= 0))
    throw new OdeArgumentError(
      "schedule",
      `returned ${lr} at iteration ${iteration}; a learning rate must be finite and ≥ 0`,
    );
  return lr;
}
