import * as tf from "@tensorflow/tfjs";
import type { DataFrame } from "danfojs-node";
import type { VectorField } from "./field";
import type { NeuralMethod, NeuralStats } from "./integrate";
import { emptyNeuralStats } from "./integrate";
import { odeint } from "./odeint";
import { odeintAdjoint } from "./adjoint";
import { createFusedField } from "./fusedField";
import { fusedAdjointLoss } from "./fusedAdjoint";
import { fusedBackpropLoss } from "./fusedBackprop";
import { hostOptimizerFor } from "./hostOptimizer";
import { mulberry32, sampleWithoutReplacement } from "./random";
import { createProgress } from "./progress";
import { validateFit } from "./fitOptions";
import { createYielder, yieldToEventLoop } from "./yieldControl";
import { TrainingDivergedError } from "./errors";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";
import { danfo } from "../data/danfo";
import type { Figure } from "../plot/figure";
import { lineFigure } from "../plot/builders";

/** One row of the training record ("flight record"). */
export interface TrainingRecordRow {
  iteration: number;
  loss: number;
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

/** One observed trajectory. */
export interface Trajectory {
  t: number[];
  y: number[][];
}

export interface FitOptions {
  /**
   * Observed trajectories: times (uniformly spaced, the same spacing in all) and states [T][dim].
   * One, or several (e.g. from different initial conditions: one decaying trajectory rarely
   * identifies a linear field, several do). Windows and shooting groups never cross from one
   * trajectory into the next.
   */
  data: Trajectory | Trajectory[];
  iterations: number;
  /** Window length (time points) and number of windows per minibatch (torchdiffeq's ode_demo get_batch). */
  batchTime: number;
  batchSize: number;
  seed: number;
  /**
   * "backprop": differentiate the discretised solve (tfjs: through the tape; fused: exact reverse
   * mode through the float64 Runge–Kutta steps). "adjoint": the continuous adjoint (Chen et al.
   * 2018). Default "backprop", except with the stiff methods, which train by the adjoint.
   */
  gradient?: "backprop" | "adjoint";
  /**
   * Fused engine, adjoint gradient: error norm of the backward solve, "full" (default, as
   * torchdiffeq) or "seminorm" (Kidger et al. 2021: fewer backward steps; FusedLossOptions).
   */
  adjointNorm?: "full" | "seminorm";
  /**
   * "tfjs" (default): odeint / odeintAdjoint in tfjs ops (float32). "fused": dense-layer fields
   * compiled to float64 loops with the continuous adjoint on solveIVP (any of its methods,
   * stiff ones included); gradients are handed to the tfjs optimizer as float32.
   */
  engine?: "tfjs" | "fused";
  /** Solver; the stiff "Rodas5" and "BDF" need engine "fused" (float64, analytic Jacobians). */
  method?: NeuralMethod | "Rodas5" | "BDF";
  rtol?: number;
  atol?: number;
  step?: number;
  optimizer?: tf.Optimizer;
  /**
   * Fused engine only: apply SGD / Adam / RMSProp updates in float64 on the host with the given
   * optimizer's hyper-parameters (default true); θ then stays float64 during training and is
   * written to the tfjs variables before each `onIteration` call and at the end. Other
   * optimizers, or false, hand float32 gradients to the tfjs optimizer every iteration.
   */
  hostOptimizer?: boolean;
  loss?: "mae" | "mse";
  earlyStopping?: { patience: number; minDelta?: number };
  /**
   * Multiple shooting (as DiffEqFlux's multiple_shoot): instead of random windows, every
   * iteration covers the whole trajectory with consecutive groups of `groupSize` points that
   * overlap by one and each start from the data; the last point of each group, which is the
   * next group's initial condition, is weighted 1 + `continuityWeight` (default 10).
   * Replaces batchTime/batchSize.
   */
  multipleShooting?: { groupSize: number; continuityWeight?: number };
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

export interface FitResult {
  record: TrainingRecordRow[];
  /** "completed" (all iterations), "earlyStopped" (earlyStopping's patience ran out) or "interrupted" (signal / kernel interrupt). */
  status: "completed" | "earlyStopped" | "interrupted";
  stoppedEarly: boolean;
  /** The record as a danfojs frame. */
  frame(): DataFrame;
  /** Loss, NFE and gradient norm against iteration, log y. */
  plot(): Figure;
}

export { TrainingDivergedError };

/**
 * Trains `field` on random trajectory windows (or multiple-shooting groups); resolves to the
 * per-iteration training record. Every option and the data are checked before the first
 * iteration (validateFit). Training is synchronous work cut into iterations; between them `fit`
 * yields to the event loop at least every ~50 ms and after every progress update, so a
 * notebook's display messages are sent, timers run and `signal` (or a kernel interrupt) can stop it.
 */
export async function fit(field: VectorField, o: FitOptions): Promise<FitResult> {
  const v = validateFit(field, o);
  const { trajectories, batchTime, method } = v;
  const y = trajectories.flatMap((tr) => tr.y);
  const offsets = trajectories.map((_, k) => trajectories.slice(0, k).reduce((s, tr) => s + tr.t.length, 0));
  const shooting = o.multipleShooting;
  // Multiple shooting: consecutive groups overlapping by one point; the group end is weighted.
  const groupStarts = shooting
    ? trajectories.flatMap((tr, k) =>
        Array.from(
          { length: Math.floor((tr.t.length - 1) / (batchTime - 1)) },
          (_, g) => offsets[k] + g * (batchTime - 1),
        ),
      )
    : [];
  // Window starts (global row indices): as ode_demo's get_batch, 0 … T − batchTime − 1 in each trajectory.
  const windowStarts = trajectories.flatMap((tr, k) =>
    Array.from({ length: Math.max(tr.t.length - batchTime, 1) }, (_, i) => offsets[k] + i),
  );
  const timeWeights = Array.from({ length: batchTime }, (_, k) =>
    shooting && k === batchTime - 1 ? 1 + (shooting.continuityWeight ?? 10) : 1,
  );
  const t = trajectories[0].t;
  const rand = mulberry32(o.seed);
  const optimizer = o.optimizer ?? tf.train.rmsprop(1e-3);
  const adjoint = v.gradient === "adjoint";
  const windowT = t.slice(0, batchTime).map((s) => s - t[0]);
  const fused = v.engine === "fused" ? createFusedField(field) : null;
  const fusedDiscrete = !adjoint;
  const host = fused !== null && o.hostOptimizer !== false ? hostOptimizerFor(optimizer, fused.nParams) : null;
  const progress = createProgress(o.progress);
  const yielder = createYielder(50);
  // A kernel interrupt (SIGINT) in tslab rejects the cell's promise but would leave this loop
  // running in the background; stop it as the signal would. The listener is added after a first
  // yield: tslab runs a cell's synchronous part with vm's breakOnSigint, and a SIGINT listener added
  // then is lost when vm restores the signal disposition (the next interrupt kills the kernel).
  let sigint = false;
  const onSigint = () => (sigint = true);
  const interrupted = () => sigint || v.signal?.aborted === true;
  const data = tf.tensor2d(y);
  const record: TrainingRecordRow[] = [];
  const started = performance.now();
  let best = Infinity;
  let sinceBest = 0;
  let status: FitResult["status"] = "completed";
  fused?.sync();
  const rows = y.map((r) => Float64Array.from(r));
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
      // Distinct window starts when there are enough (numpy's choice(replace=False) in ode_demo).
      const nStarts = windowStarts.length;
      const starts = shooting
        ? groupStarts
        : (o.batchSize <= nStarts
            ? sampleWithoutReplacement(nStarts, o.batchSize, rand)
            : Array.from({ length: o.batchSize }, () => Math.floor(rand() * nStarts))
          ).map((i) => windowStarts[i]);
      const stats: NeuralStats = emptyNeuralStats();
      let lossValue = NaN;
      let gradNorm = NaN;
      if (fused !== null) {
        if (host === null) fused.sync();
        const d = field.dim;
        const batch0 = new Float64Array(starts.length * d);
        starts.forEach((st, b) => batch0.set(rows[st], b * d));
        const targets = windowT.map((_, k) => {
          const x = new Float64Array(starts.length * d);
          starts.forEach((st, b) => x.set(rows[st + k], b * d));
          return x;
        });
        let g;
        try {
          const lossOptions = { rtol: v.rtol, atol: v.atol, step: v.step, loss: v.loss, timeWeights };
          g = fusedDiscrete
            ? fusedBackpropLoss(fused, batch0, windowT, targets, { ...lossOptions, method: method as NeuralMethod })
            : fusedAdjointLoss(fused, batch0, windowT, targets, {
                ...lossOptions,
                method,
                adjointNorm: v.adjointNorm,
              });
        } catch (e) {
          if (e instanceof OdeArgumentError || e instanceof OdeTypeError) throw e;
          throw new TrainingDivergedError(it, `the float64 solve failed (${(e as Error).message})`);
        }
        lossValue = g.loss;
        gradNorm = Math.hypot(...g.grads);
        stats.nfeForward = g.nfeForward;
        stats.nfeBackward = g.nfeBackward;
        stats.naccept = g.naccept;
        stats.nreject = g.nreject;
        stats.minStep = g.minStep;
        if (!Number.isFinite(lossValue)) throw new TrainingDivergedError(it, `the loss is ${lossValue}`);
        if (!Number.isFinite(gradNorm))
          throw new TrainingDivergedError(it, `the parameter gradient is non-finite (norm ${gradNorm})`);
        if (host !== null) host.step(fused.theta, g.grads);
        else {
          const split = fused.split(g.grads);
          tf.tidy(() => {
            const named: Record<string, tf.Tensor> = {};
            field.variables.forEach((va, k) => (named[va.name] = tf.tensor(split[k], va.shape)));
            optimizer.applyGradients(named);
          });
        }
      } else {
        tf.tidy(() => {
          const idx = tf.tensor1d(starts, "int32");
          const batchY0 = tf.gather(data, idx) as tf.Tensor2D;
          const batchY = tf.stack(
            windowT.map((_, i) =>
              tf.gather(
                data,
                tf.tensor1d(
                  starts.map((s) => s + i),
                  "int32",
                ),
              ),
            ),
          ) as tf.Tensor3D;
          let result;
          try {
            result = tf.variableGrads(() => {
              const solveOptions = { method: method as NeuralMethod, rtol: v.rtol, atol: v.atol, step: v.step, stats };
              const pred = adjoint
                ? odeintAdjoint(field, batchY0, windowT, { ...solveOptions, adjointNorm: v.adjointNorm })
                : odeint(field, batchY0, windowT, solveOptions);
              const diff = tf.sub(pred, batchY);
              const r = v.loss === "mse" ? tf.square(diff) : tf.abs(diff);
              // Σ_k w_k·mean_k / Σ_k w_k, as the fused engine computes it.
              const w = tf.tensor1d(timeWeights).reshape([batchTime, 1, 1]);
              return tf.div(tf.mean(tf.mul(r, w)), tf.mean(w)) as tf.Scalar;
            }, field.variables);
          } catch (e) {
            if (e instanceof OdeArgumentError || e instanceof OdeTypeError) throw e;
            throw new TrainingDivergedError(it, `the solve failed (${(e as Error).message})`);
          }
          lossValue = result.value.dataSync()[0];
          gradNorm = Math.sqrt(
            Object.values(result.grads).reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0] as number), 0),
          );
          if (!Number.isFinite(lossValue)) throw new TrainingDivergedError(it, `the loss is ${lossValue}`);
          if (!Number.isFinite(gradNorm))
            throw new TrainingDivergedError(it, `the parameter gradient is non-finite (norm ${gradNorm})`);
          optimizer.applyGradients(result.grads);
        });
      }
      const row: TrainingRecordRow = {
        iteration: it,
        loss: lossValue,
        nfeForward: stats.nfeForward,
        nfeBackward: stats.nfeBackward,
        naccept: stats.naccept,
        nreject: stats.nreject,
        minStep: stats.minStep,
        wallMs: performance.now() - t0,
        gradNorm,
      };
      record.push(row);
      if (o.onIteration) {
        if (host !== null) fused!.store();
        o.onIteration(row);
      }
      const elapsed = (performance.now() - started) / 1000;
      const eta = (elapsed / it) * (o.iterations - it);
      const shown = progress.update(
        `iteration ${it}/${o.iterations}  loss ${lossValue.toExponential(3)}  NFE ${stats.nfeForward}+${stats.nfeBackward}  ${elapsed.toFixed(1)} s, ETA ${eta.toFixed(1)} s`,
      );
      if (o.earlyStopping) {
        if (lossValue < best - (o.earlyStopping.minDelta ?? 0)) {
          best = lossValue;
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
    data.dispose();
    if (host !== null) fused!.store();
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
    frame: () => {
      const cols: Record<string, number[]> = {};
      for (const k of Object.keys(record[0] ?? {}) as (keyof TrainingRecordRow)[]) cols[k] = record.map((r) => r[k]);
      return new (danfo().DataFrame)(cols);
    },
    plot: () =>
      lineFigure({
        x: record.map((r) => r.iteration),
        series: [
          { name: "loss", y: record.map((r) => r.loss) },
          { name: "gradient norm", y: record.map((r) => r.gradNorm) },
          { name: "NFE forward", y: record.map((r) => r.nfeForward) },
          { name: "NFE backward", y: record.map((r) => Math.max(r.nfeBackward, 1e-300)) },
        ],
        logY: true,
        title: "Training record",
        xTitle: "iteration",
      }),
  };
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
