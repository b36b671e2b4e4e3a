import { OdeArgumentError, OdeTypeError } from "../../ode/errors";
import { mulberry32, normalGenerator } from "../../random/index";
import type { Optimizer } from "./hostOptimizer";
import { adam, isOptimizer } from "./hostOptimizer";
import type { Schedule } from "./schedules";
import { checkRate } from "./fitOptions";
import { TrainingDivergedError } from "../errors";
import { checkSignal, createYielder } from "./yieldControl";
import type { JacobianInPlace, RhsInPlace } from "../../ode/types";

/**
 * A Hamiltonian neural network (Greydanus, Dzamba & Yosinski 2019) in float64: a one-hidden-layer
 * tanh network H_θ(q, p) = w₂ᵀ tanh(W₁ y + b₁), trained as in the paper by matching its
 * symplectic gradient (∂H/∂p, −∂H/∂q) to observed time derivatives, with hand-written
 * gradients (the loss involves ∇_y H, so ∂/∂θ needs its mixed second derivatives) and Adam.
 * The learned flow conserves the learned H exactly; integrate it with a symplectic or
 * high-order method.
 */
export class HamiltonianNetwork {
  readonly dim: number;
  readonly hidden: number;
  /** All parameters in one vector, W1, b1, w2 in turn, so one optimizer steps them together. */
  readonly theta: Float64Array;
  /** Views into theta: W1 (hidden × dim, row-major), b1 (hidden), w2 (hidden). */
  readonly W1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  private readonly h: Float64Array;

  constructor(o: { dim: number; hidden: number; seed: number; initStd?: number }) {
    if (o === null || typeof o !== "object")
      throw new OdeTypeError("options", `expected { dim, hidden, seed }, got ${String(o)}`);
    for (const k of ["dim", "hidden", "seed"] as const)
      if (typeof o[k] !== "number") throw new OdeTypeError(k, `expected a number, got ${String(o[k])}`);
    if (!Number.isInteger(o.dim) || o.dim < 2 || o.dim % 2 !== 0)
      throw new OdeArgumentError("dim", `must be a positive even integer (q and p halves), got ${o.dim}`);
    if (!Number.isInteger(o.hidden) || o.hidden < 1)
      throw new OdeArgumentError("hidden", `must be a positive integer, got ${o.hidden}`);
    if (!Number.isInteger(o.seed) || o.seed < 0)
      throw new OdeArgumentError(
        "seed",
        `must be a non-negative integer (every random draw takes a seed), got ${o.seed}`,
      );
    if (o.initStd !== undefined && !(Number.isFinite(o.initStd) && o.initStd > 0))
      throw new OdeArgumentError("initStd", `must be a finite number > 0, got ${o.initStd}`);
    this.dim = o.dim;
    this.hidden = o.hidden;
    const std = o.initStd ?? 0.5;
    // N(0, std²) draws, one Box–Muller draw per weight (its sine dropped): the stream of earlier versions.
    const normal = normalGenerator(mulberry32(o.seed), std, "cosine");
    const nW = o.hidden * o.dim;
    this.theta = new Float64Array(nW + 2 * o.hidden);
    for (let i = 0; i < this.theta.length; i++) this.theta[i] = normal();
    this.W1 = this.theta.subarray(0, nW);
    this.b1 = this.theta.subarray(nW, nW + o.hidden);
    this.w2 = this.theta.subarray(nW + o.hidden);
    this.h = new Float64Array(o.hidden);
  }

  /** The learned energy H(y). */
  energy(y: ArrayLike<number>): number {
    if (y == null || y.length !== this.dim)
      throw new OdeArgumentError("y", `energy needs a state of length ${this.dim}, got length ${y?.length}`);
    let H = 0;
    for (let k = 0; k < this.hidden; k++) {
      let z = this.b1[k];
      for (let i = 0; i < this.dim; i++) z += this.W1[k * this.dim + i] * y[i];
      H += this.w2[k] * Math.tanh(z);
    }
    return H;
  }

  /** ∇_y H into g. */
  private gradient(y: ArrayLike<number>, g: Float64Array): void {
    const d = this.dim;
    g.fill(0);
    for (let k = 0; k < this.hidden; k++) {
      let z = this.b1[k];
      for (let i = 0; i < d; i++) z += this.W1[k * d + i] * y[i];
      const t = Math.tanh(z);
      this.h[k] = t;
      const s = this.w2[k] * (1 - t * t);
      for (let i = 0; i < d; i++) g[i] += s * this.W1[k * d + i];
    }
  }

  /** The field (∂H/∂p, −∂H/∂q) in place, for solveIVP. */
  get rhs(): RhsInPlace {
    const g = new Float64Array(this.dim);
    const half = this.dim / 2;
    const n = this.dim;
    return (t, y, d) => {
      if (y.length !== n || d.length !== n)
        throw new OdeArgumentError(
          "y",
          `HamiltonianNetwork.rhs needs y and dydt of length ${n}, got ${y.length} and ${d.length} (at t = ${t})`,
        );
      this.gradient(y, g);
      for (let i = 0; i < half; i++) {
        d[i] = g[half + i];
        d[half + i] = -g[i];
      }
    };
  }

  /** Jacobian of the field by central differences of `rhs` (for stiff solvers; rarely needed). */
  get jacobian(): JacobianInPlace {
    const f = this.rhs;
    const n = this.dim;
    const yp = new Float64Array(n);
    const fp = new Float64Array(n);
    const fm = new Float64Array(n);
    return (t, y, J) => {
      if (J.length !== n * n)
        throw new OdeArgumentError(
          "jac",
          `HamiltonianNetwork.jacobian needs length ${n * n} (dim·dim), got ${J.length} (at t = ${t})`,
        );
      for (let j = 0; j < n; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(y[j]));
        yp.set(y);
        yp[j] += h;
        f(t, yp, fp);
        yp[j] -= 2 * h;
        f(t, yp, fm);
        for (let i = 0; i < n; i++) J[i * n + j] = (fp[i] - fm[i]) / (2 * h);
      }
    };
  }

  /**
   * Loss mean_s |J∇H(y_s) − ẏ_s|² and its gradient with respect to (W1, b1, w2), written into
   * `grads` (three arrays shaped like the parameters).
   */
  lossAndGradient(y: ArrayLike<number>[], dydt: ArrayLike<number>[], grads: Float64Array[]): number {
    const d = this.dim;
    const H = this.hidden;
    const half = d / 2;
    if (y.length !== dydt.length) throw new OdeArgumentError("dydt", `has ${dydt.length} rows, y has ${y.length}`);
    const shapes = [this.W1.length, this.b1.length, this.w2.length];
    if (!Array.isArray(grads) || grads.length !== 3)
      throw new OdeArgumentError(
        "grads",
        `needs three Float64Arrays (W1, b1, w2), got ${Array.isArray(grads) ? grads.length : String(grads)}`,
      );
    grads.forEach((g, a) => {
      if (!(g instanceof Float64Array) || g.length !== shapes[a])
        throw new OdeArgumentError(
          "grads",
          `entry ${a} must be a Float64Array of length ${shapes[a]}, got length ${g?.length}`,
        );
    });
    const g = new Float64Array(d);
    const r = new Float64Array(d);
    const u = new Float64Array(d); // ∂L/∂(∇H) for one sample
    grads.forEach((a) => a.fill(0));
    let loss = 0;
    const S = y.length;
    for (let s = 0; s < S; s++) {
      const ys = y[s];
      this.gradient(ys, g);
      // Residual of the symplectic gradient f = (g_p, −g_q).
      for (let i = 0; i < half; i++) {
        r[i] = g[half + i] - dydt[s][i];
        r[half + i] = -g[i] - dydt[s][half + i];
      }
      for (let i = 0; i < d; i++) loss += (r[i] * r[i]) / S;
      for (let i = 0; i < half; i++) {
        u[i] = (-2 * r[half + i]) / S;
        u[half + i] = (2 * r[i]) / S;
      }
      // g = Σ_k w2_k (1 − t_k²) W1_k with t_k = tanh(W1_k·y + b1_k).
      for (let k = 0; k < H; k++) {
        const t = this.h[k];
        const sech2 = 1 - t * t;
        let uW = 0;
        for (let i = 0; i < d; i++) uW += u[i] * this.W1[k * d + i];
        grads[2][k] += sech2 * uW;
        const dz = this.w2[k] * uW * (-2 * t * sech2); // ∂/∂z_k of w2_k (1 − t_k²) uW
        grads[1][k] += dz;
        for (let i = 0; i < d; i++) grads[0][k * d + i] += this.w2[k] * sech2 * u[i] + dz * ys[i];
      }
    }
    return loss;
  }

  /**
   * Fits to states and their time derivatives, full batch, with the library's float64 optimizers
   * (hostOptimizer.ts; default Adam, Kingma & Ba 2015, with the paper's ε = 1e-8, at `learningRate`,
   * default 1e-2) and an
   * optional per-iteration `schedule` (schedules.ts), as `fit` does; resolves to the loss per
   * iteration. Yields to the event loop at least every ~50 ms (display messages, timers);
   * `signal` stops it cleanly after the current iteration with the losses so far.
   */
  async fit(
    y: ArrayLike<number>[],
    dydt: ArrayLike<number>[],
    o: {
      iterations: number;
      /** Adam's learning rate (default 1e-2); give this or `optimizer`. */
      learningRate?: number;
      optimizer?: Optimizer;
      /** Learning rate per iteration (1, 2, …); replaces the optimizer's rate. */
      schedule?: Schedule;
      onIteration?: (it: number, loss: number) => void;
      signal?: AbortSignal;
    },
  ): Promise<number[]> {
    this.checkSamples(y, dydt);
    if (o === null || typeof o !== "object") throw new OdeTypeError("options", `expected an object, got ${String(o)}`);
    if (typeof o.iterations !== "number")
      throw new OdeTypeError("iterations", `expected a number, got ${String(o.iterations)}`);
    if (!Number.isInteger(o.iterations) || o.iterations < 1)
      throw new OdeArgumentError("iterations", `must be a positive integer, got ${o.iterations}`);
    if (
      o.learningRate !== undefined &&
      !(typeof o.learningRate === "number" && Number.isFinite(o.learningRate) && o.learningRate > 0)
    )
      throw new OdeArgumentError("learningRate", `must be a finite number > 0, got ${o.learningRate}`);
    if (o.optimizer !== undefined) {
      if (!isOptimizer(o.optimizer))
        throw new OdeTypeError(
          "optimizer",
          `expected adam({ lr }), rmsprop({ lr }) or sgd({ lr }), got ${String(o.optimizer)}`,
        );
      if (o.learningRate !== undefined)
        throw new OdeArgumentError(
          "learningRate",
          `${o.learningRate} and optimizer exclude each other; set lr in the optimizer`,
        );
    }
    if (o.schedule !== undefined) {
      if (typeof o.schedule !== "function")
        throw new OdeTypeError(
          "schedule",
          `expected a function (iteration) => learning rate, got ${String(o.schedule)}`,
        );
      checkRate(o.schedule(1), 1);
    }
    if (o.onIteration !== undefined && typeof o.onIteration !== "function")
      throw new OdeTypeError("onIteration", `expected a function (it, loss) => void, got ${String(o.onIteration)}`);
    const signal = checkSignal(o.signal);
    const yielder = createYielder(50);
    const grad = new Float64Array(this.theta.length);
    const [nW, H] = [this.W1.length, this.hidden];
    const grads = [grad.subarray(0, nW), grad.subarray(nW, nW + H), grad.subarray(nW + H)];
    const optimizer = (o.optimizer ?? adam({ lr: o.learningRate ?? 1e-2, epsilon: 1e-8 })).create(this.theta.length);
    const losses: number[] = [];
    for (let it = 1; it <= o.iterations; it++) {
      if (signal?.aborted) break;
      const lr = o.schedule ? checkRate(o.schedule(it), it) : optimizer.learningRate;
      const loss = this.lossAndGradient(y, dydt, grads);
      if (!Number.isFinite(loss))
        throw new TrainingDivergedError(
          it,
          `HamiltonianNetwork: the loss is ${loss}`,
          "Try a lower learning rate or scaled data.",
        );
      optimizer.step(this.theta, grad, lr);
      losses.push(loss);
      o.onIteration?.(it, loss);
      await yielder.maybe();
    }
    return losses;
  }

  /** Samples: as many derivative rows as states, each with `dim` finite numbers (errors name row and component). */
  private checkSamples(y: ArrayLike<number>[], dydt: ArrayLike<number>[]): void {
    for (const [name, rows] of [
      ["y", y],
      ["dydt", dydt],
    ] as const) {
      if (!Array.isArray(rows))
        throw new OdeTypeError(name, `expected an array of ${this.dim}-vectors, got ${String(rows)}`);
      if (rows.length === 0) throw new OdeArgumentError(name, "is empty; training needs at least one sample");
      rows.forEach((r, s) => {
        if (r == null || typeof r.length !== "number")
          throw new OdeTypeError(name, `row ${s} is ${String(r)}, not an array`);
        if (r.length !== this.dim)
          throw new OdeArgumentError(name, `row ${s} has ${r.length} components, the network has dim ${this.dim}`);
        for (let i = 0; i < this.dim; i++)
          if (!Number.isFinite(r[i]))
            throw new OdeArgumentError(name, `row ${s} component ${i} is ${r[i]}; must be finite`);
      });
    }
    if (y.length !== dydt.length) throw new OdeArgumentError("dydt", `has ${dydt.length} rows, y has ${y.length}`);
  }
}
