import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { Field64 } from "../../sensitivity/field64";
import type { GradientMethod, SolverSpec } from "../../sensitivity/gradientMethod";
import type { FitOptions, FitResult, TrainingRecordRow } from "./fitOptions";
import { checkRate, isField64, validateFit } from "./fitOptions";
import { minibatchSampler } from "./minibatches";
import { lossAndGradient } from "../../sensitivity/lossAndGradient";
import { discrete } from "../../sensitivity/discrete";
import { adjoint } from "../../sensitivity/adjoint";
import { toField64 } from "../fields/toField64";
import { storeParameters } from "../fields/tfjsParameters";
import { createProgress } from "./progress";
import { createYielder, yieldToEventLoop } from "./yieldControl";
import { TrainingDivergedError } from "../errors";
import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

export type { FitOptions, FitResult, TrainingRecordRow, Trajectory } from "./fitOptions";
export { TrainingDivergedError };

/**
 * Trains `model` on random trajectory windows (or multiple-shooting groups): one loop of
 * minibatch → loss and gradient (lossAndGradient: any GradientMethod over any method of the
 * registry) → optimizer step with the iteration's learning rate. A VectorField is trained as its
 * Field64 (toField64) in float64 and its variables are written back before every onIteration
 * call and at the end; a Field64's parameters are updated in place. Every option and the data are
 * checked before the first iteration (validateFit). Between iterations `fit` yields to the event
 * loop at least every ~50 ms and after every progress update, so a notebook's display messages
 * are sent, timers run and `signal` (or a kernel interrupt) can stop it.
 */
export async function fit(model: VectorField | Field64, o: FitOptions): Promise<FitResult> {
  const v = validateFit(model, o);
  const vector = isField64(model) ? null : (model as VectorField);
  const field = vector === null ? (model as Field64) : toField64(vector);
  const theta = field.parameters;
  const store = () => vector !== null && storeParameters(field, vector);
  // The registry entry decides: stiff methods train by the continuous adjoint, explicit ones by
  // exact reverse mode through the accepted steps.
  const gradient: GradientMethod = o.gradient ?? (v.solver.info.stiff ? adjoint() : discrete());
  const solver: SolverSpec = o.solver ?? {};
  const optimizer = v.optimizer.create(theta.length);
  const sample = minibatchSampler(v.trajectories, v.windowLength, v.batchSize, v.shooting, o.seed);
  const progress = createProgress(v.progress);
  const yielder = createYielder(50);
  // A kernel interrupt (SIGINT) in tslab rejects the cell's promise but would leave this loop
  // running in the background; stop it as the signal would. The listener is added after a first
  // yield: tslab runs a cell's synchronous part with vm's breakOnSigint, and a SIGINT listener added
  // then is lost when vm restores the signal disposition (the next interrupt kills the kernel).
  let sigint = false;
  const onSigint = () => (sigint = true);
  const interrupted = () => sigint || v.signal?.aborted === true;
  const record: TrainingRecordRow[] = [];
  const started = performance.now();
  let best = Infinity;
  let sinceBest = 0;
  let status: FitResult["status"] = "completed";
  try {
    if (progress.kind === "notebook") {
      await yieldToEventLoop();
      process.on("SIGINT", onSigint);
    }
    for (let it = 1; it <= o.iterations; it++) {
      if (interrupted()) {
        status = "interrupted";
        break;
      }
      const t0 = performance.now();
      const lr = o.schedule ? checkRate(o.schedule(it), it) : optimizer.learningRate;
      const batch = sample();
      let g;
      try {
        g = lossAndGradient(field, batch.y0, batch.t, batch.targets, {
          solver,
          gradient,
          loss: v.loss,
          timeWeights: batch.timeWeights,
        });
      } catch (e) {
        if (e instanceof OdeArgumentError || e instanceof OdeTypeError) throw e;
        throw new TrainingDivergedError(it, `the float64 solve failed (${(e as Error).message})`);
      }
      const gradNorm = norm2(g.grads);
      if (!Number.isFinite(g.loss)) throw new TrainingDivergedError(it, `the loss is ${g.loss}`);
      if (!Number.isFinite(gradNorm))
        throw new TrainingDivergedError(it, `the parameter gradient is non-finite (norm ${gradNorm})`);
      optimizer.step(theta, g.grads, lr);
      const row: TrainingRecordRow = {
        iteration: it,
        loss: g.loss,
        learningRate: lr,
        nfeForward: g.stats.nfeForward,
        nfeBackward: g.stats.nfeBackward,
        naccept: g.stats.naccept,
        nreject: g.stats.nreject,
        minStep: g.stats.minStep,
        wallMs: performance.now() - t0,
        gradNorm,
      };
      record.push(row);
      if (o.onIteration) {
        store();
        o.onIteration(row);
      }
      const elapsed = (performance.now() - started) / 1000;
      const eta = (elapsed / it) * (o.iterations - it);
      const shown = progress.update(
        `iteration ${it}/${o.iterations}  loss ${g.loss.toExponential(3)}  NFE ${row.nfeForward}+${row.nfeBackward}  ${elapsed.toFixed(1)} s, ETA ${eta.toFixed(1)} s`,
      );
      if (o.earlyStopping) {
        if (g.loss < best - (o.earlyStopping.minDelta ?? 0)) {
          best = g.loss;
          sinceBest = 0;
        } else if (++sinceBest >= o.earlyStopping.patience) {
          status = "earlyStopped";
          break;
        }
      }
      if (shown) await yielder.now();
      else await yielder.maybe();
    }
  } finally {
    store();
    if (progress.kind === "notebook") process.removeListener("SIGINT", onSigint);
  }
  const last = record[record.length - 1];
  const why = status === "earlyStopped" ? " (early stop)" : status === "interrupted" ? " (interrupted)" : "";
  progress.done(
    `trained ${record.length} iterations, final loss ${last ? last.loss.toExponential(3) : "—"}${why}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // Let the final display message go out before the caller's next one.
  await yielder.now();
  return {
    record,
    status,
    stoppedEarly: status === "earlyStopped",
    ...(vector === null ? { parameters: theta.slice() } : {}),
  };
}

/** Euclidean norm (a loop: spreading a large gradient into Math.hypot overflows the call stack). */
function norm2(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** Weights as JSON (name, shape, values) and back, for saving a trained field. */
export function saveWeights(field: VectorField): string {
  return JSON.stringify(field.variables.map((v) => ({ shape: v.shape, values: Array.from(v.dataSync()) })));
}

export function loadWeights(field: VectorField, json: string): void {
  if (typeof json !== "string")
    throw new OdeTypeError("json", `expected the string saveWeights returns, got ${typeof json}`);
  const entries = JSON.parse(json) as { shape: number[]; values: number[] }[];
  if (!Array.isArray(entries)) throw new OdeTypeError("json", "must hold a list of { shape, values }");
  if (entries.length !== field.variables.length) {
    throw new OdeArgumentError("json", `has ${entries.length} tensors, the field has ${field.variables.length}`);
  }
  entries.forEach((e, i) => {
    const v = field.variables[i];
    if (!Array.isArray(e?.shape) || !Array.isArray(e?.values))
      throw new OdeTypeError("json", `tensor ${i} is not { shape: number[], values: number[] }`);
    if (e.shape.join() !== v.shape.join())
      throw new OdeArgumentError("json", `tensor ${i} has shape [${e.shape}], expected [${v.shape}]`);
    if (e.values.length !== v.size)
      throw new OdeArgumentError(
        "json",
        `tensor ${i} has ${e.values.length} values, its shape [${v.shape}] needs ${v.size}`,
      );
    const bad = e.values.findIndex((x) => typeof x !== "number" || !Number.isFinite(x));
    if (bad >= 0)
      throw new OdeArgumentError("json", `tensor ${i} value ${bad} is ${e.values[bad]}; weights must be finite`);
  });
  entries.forEach((e, i) => field.variables[i].assign(tf.tensor(e.values, field.variables[i].shape)));
}
