import type { VectorField } from "./field";
import type { NeuralMethod } from "./integrate";
import type { FitOptions, Trajectory } from "./fit";
import { neuralTableaus } from "./integrate";
import { checkSignal } from "./yieldControl";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

const STIFF = ["Rodas5", "BDF"] as const;
const FIXED = new Set(["euler", "midpoint", "rk4"]);
const KNOWN: readonly (keyof FitOptions)[] = [
  "data",
  "iterations",
  "batchTime",
  "batchSize",
  "seed",
  "gradient",
  "adjointNorm",
  "engine",
  "method",
  "rtol",
  "atol",
  "step",
  "optimizer",
  "hostOptimizer",
  "loss",
  "earlyStopping",
  "multipleShooting",
  "onIteration",
  "progress",
  "signal",
];

/** `fit`'s options after checking, with defaults filled in. */
export interface ValidatedFit {
  trajectories: Trajectory[];
  /** Length of the shortest trajectory. */
  T: number;
  batchTime: number;
  method: NeuralMethod | "Rodas5" | "BDF";
  engine: "tfjs" | "fused";
  gradient: "backprop" | "adjoint";
  adjointNorm: "full" | "seminorm";
  rtol: number;
  atol: number;
  step: number | undefined;
  loss: "mae" | "mse";
  signal: AbortSignal | undefined;
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

function integerAtLeast(name: string, value: unknown, min: number, max = Infinity): number {
  const v = number(name, value);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new OdeArgumentError(
      name,
      `must be an integer in [${min}, ${max === Infinity ? "∞" : max}]${max < Infinity && name !== "iterations" ? " (the shortest trajectory)" : ""}, got ${v}`,
    );
  return v;
}

function positiveFinite(name: string, value: unknown): number {
  const v = number(name, value);
  if (!Number.isFinite(v) || v <= 0) throw new OdeArgumentError(name, `must be a finite number > 0, got ${v}`);
  return v;
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

/**
 * Checks the field, every option of `fit` and the data before training starts (as `solveIVP`
 * checks its arguments): a wrong type is an OdeTypeError, a bad value an OdeArgumentError, each
 * naming the option and value — for data the trajectory, time index and component.
 */
export function validateFit(field: VectorField, o: FitOptions): ValidatedFit {
  if (
    field === null ||
    typeof field !== "object" ||
    typeof field.apply !== "function" ||
    !Array.isArray(field.variables)
  )
    throw new OdeTypeError("field", `expected a VectorField (mlpField, hybridField, …), got ${describe(field)}`);
  if (o === null || typeof o !== "object") throw new OdeTypeError("options", `expected an object, got ${describe(o)}`);
  for (const key of Object.keys(o))
    if (!KNOWN.includes(key as keyof FitOptions))
      throw new OdeArgumentError("options", `unknown option "${key}"; known options: ${KNOWN.join(", ")}`);
  if (o.data === null || typeof o.data !== "object")
    throw new OdeTypeError("data", `expected a trajectory { t, y } or a list of them, got ${describe(o.data)}`);
  const trajectories = Array.isArray(o.data) ? o.data : [o.data];
  if (trajectories.length === 0) throw new OdeArgumentError("data", "is an empty list of trajectories");
  let dt0: number | null = null;
  trajectories.forEach((tr, k) => {
    dt0 = checkTrajectory(tr, k, trajectories.length > 1 ? `trajectory ${k}: ` : "", field.dim, dt0);
  });
  const T = Math.min(...trajectories.map((tr) => tr.t.length));
  integerAtLeast("iterations", o.iterations, 1);
  const seed = number("seed", o.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new OdeArgumentError("seed", `must be an integer in [0, 2³²), got ${seed}`);
  let batchTime: number;
  const shooting = o.multipleShooting;
  if (shooting !== undefined) {
    if (shooting === null || typeof shooting !== "object")
      throw new OdeTypeError(
        "multipleShooting",
        `expected { groupSize, continuityWeight? }, got ${describe(shooting)}`,
      );
    batchTime = integerAtLeast("multipleShooting.groupSize", shooting.groupSize, 2, T);
    if (shooting.continuityWeight !== undefined) {
      const w = number("multipleShooting.continuityWeight", shooting.continuityWeight);
      if (!Number.isFinite(w) || w < 0)
        throw new OdeArgumentError("multipleShooting.continuityWeight", `must be a finite number ≥ 0, got ${w}`);
    }
  } else {
    batchTime = integerAtLeast("batchTime", o.batchTime, 2, T);
    integerAtLeast("batchSize", o.batchSize, 1);
  }
  const engine = oneOf("engine", o.engine, ["tfjs", "fused"] as const, "tfjs");
  const explicit = Object.keys(neuralTableaus) as NeuralMethod[];
  const methods: readonly (NeuralMethod | "Rodas5" | "BDF")[] = engine === "fused" ? [...explicit, ...STIFF] : explicit;
  if (engine === "tfjs" && (o.method === "Rodas5" || o.method === "BDF"))
    throw new OdeArgumentError("method", `"${o.method}" runs on the float64 fused engine; pass engine: "fused"`);
  const method = oneOf("method", o.method, methods, "dopri5");
  const stiff = method === "Rodas5" || method === "BDF";
  const gradient = oneOf("gradient", o.gradient, ["backprop", "adjoint"] as const, stiff ? "adjoint" : "backprop");
  if (stiff && gradient === "backprop")
    throw new OdeArgumentError("gradient", `"backprop" is not available with ${method}; use "adjoint"`);
  const adjointNorm = oneOf("adjointNorm", o.adjointNorm, ["full", "seminorm"] as const, "full");
  if (adjointNorm === "seminorm" && gradient !== "adjoint")
    throw new OdeArgumentError(
      "adjointNorm",
      `"${o.adjointNorm}" sets the norm of the adjoint's backward solve; it needs gradient: "adjoint" (gradient is "${gradient}")`,
    );
  const rtol = o.rtol === undefined ? 1e-7 : positiveFinite("rtol", o.rtol);
  const atol = o.atol === undefined ? 1e-9 : positiveFinite("atol", o.atol);
  let step: number | undefined;
  if (o.step !== undefined) {
    step = positiveFinite("step", o.step);
    if (!FIXED.has(method))
      throw new OdeArgumentError(
        "step",
        `${step} is the step of the fixed-step methods (euler, midpoint, rk4); method "${method}" chooses its own steps (set rtol/atol)`,
      );
  }
  if (o.optimizer !== undefined) {
    const opt = o.optimizer as { applyGradients?: unknown; getClassName?: unknown } | null;
    if (opt === null || typeof opt !== "object" || typeof opt.applyGradients !== "function")
      throw new OdeTypeError("optimizer", `expected a tf.train optimizer, got ${describe(o.optimizer)}`);
  }
  if (o.hostOptimizer !== undefined) {
    if (typeof o.hostOptimizer !== "boolean")
      throw new OdeTypeError("hostOptimizer", `expected a boolean, got ${describe(o.hostOptimizer)}`);
    if (o.hostOptimizer && engine !== "fused")
      throw new OdeArgumentError("hostOptimizer", `true applies to engine "fused" (engine is "${engine}")`);
  }
  const loss = oneOf("loss", o.loss, ["mae", "mse"] as const, "mae");
  if (o.earlyStopping !== undefined) {
    const es = o.earlyStopping;
    if (es === null || typeof es !== "object")
      throw new OdeTypeError("earlyStopping", `expected { patience, minDelta? }, got ${describe(es)}`);
    integerAtLeast("earlyStopping.patience", es.patience, 1);
    if (es.minDelta !== undefined) {
      const d = number("earlyStopping.minDelta", es.minDelta);
      if (!Number.isFinite(d) || d < 0)
        throw new OdeArgumentError("earlyStopping.minDelta", `must be a finite number ≥ 0, got ${d}`);
    }
  }
  if (o.onIteration !== undefined && typeof o.onIteration !== "function")
    throw new OdeTypeError("onIteration", `expected a function (row) => void, got ${describe(o.onIteration)}`);
  oneOf("progress", o.progress, ["auto", "notebook", "terminal", "none"] as const, "auto");
  const signal = checkSignal(o.signal);
  return { trajectories, T, batchTime, method, engine, gradient, adjointNorm, rtol, atol, step, loss, signal };
}
