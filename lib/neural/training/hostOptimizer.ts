import type * as tf from "@tensorflow/tfjs";
import { OdeArgumentError, OdeTypeError } from "../../ode/errors";

/**
 * The optimizers of the library: float64 update rules over one flat parameter vector, applied
 * on the host (fit trains θ of a Field64 in place, HamiltonianNetwork its θ). An `Optimizer` is
 * plain configuration (optax's GradientTransformation, as a small object); `create(nParams)`
 * allocates its state once. The learning rate is passed to every step, so a schedule
 * (schedules.ts) sets it per iteration. The rules follow tfjs-core's sgd_optimizer /
 * adam_optimizer / rmsprop_optimizer line by line, so a tf.train optimizer converts to its
 * float64 twin (`fromTfOptimizer`).
 */
export interface Optimizer {
  readonly name: string;
  /** The learning rate used when no schedule is given. */
  readonly learningRate: number;
  create(nParams: number): HostOptimizer;
}

/** An optimizer's state for nParams parameters. */
export interface HostOptimizer {
  readonly name: string;
  readonly learningRate: number;
  /** θ ← θ − update(g) with learning rate `lr` (default: the optimizer's), in place. */
  step(theta: Float64Array, grad: Float64Array, lr?: number): void;
}

export interface SgdOptions {
  lr: number;
}

export interface AdamOptions {
  lr: number;
  /** Decay of the first-moment average (default 0.9). */
  beta1?: number;
  /** Decay of the second-moment average (default 0.999). */
  beta2?: number;
  /** Added to √v̂ in the denominator (default 1e-7, tfjs's and Keras's, so adam({ lr }) is tf.train.adam(lr)'s twin; the paper has 1e-8). */
  epsilon?: number;
}

export interface RmspropOptions {
  lr: number;
  /** Decay of the mean square (default 0.9). */
  decay?: number;
  /** Momentum of the update (default 0). */
  momentum?: number;
  /** Added to the mean square (default 1e-7, tfjs's float32 backend epsilon, which tf.train.rmsprop uses). */
  epsilon?: number;
  /** Divide by the centred second moment (mean square − squared mean; default false). */
  centered?: boolean;
  /**
   * Where epsilon enters: "inside" the square root, √(v + ε) (TensorFlow's and tfjs's RMSProp, the
   * default), or "outside", √v + ε (PyTorch's torch.optim.RMSprop). They differ where |g| ≲ √ε: the
   * first PyTorch step moves every parameter by ≈ lr/√(1 − decay), the tfjs one less.
   */
  epsilonPlacement?: "inside" | "outside";
}

const describe = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

function checkObject(name: string, o: unknown, shape: string): void {
  if (o === null || typeof o !== "object") throw new OdeTypeError(name, `expected ${shape}, got ${describe(o)}`);
}

function finiteAtLeast(name: string, v: unknown, min: number, strict: boolean): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${describe(v)}`);
  if (!(Number.isFinite(v) && (strict ? v > min : v >= min)))
    throw new OdeArgumentError(name, `must be a finite number ${strict ? ">" : "≥"} ${min}, got ${v}`);
  return v;
}

function unitInterval(name: string, v: unknown): number {
  if (typeof v !== "number") throw new OdeTypeError(name, `expected a number, got ${describe(v)}`);
  if (!(v >= 0 && v < 1)) throw new OdeArgumentError(name, `must be in [0, 1), got ${v}`);
  return v;
}

function checkCount(nParams: number): void {
  if (!Number.isInteger(nParams) || nParams < 0)
    throw new OdeArgumentError("nParams", `must be a non-negative integer, got ${nParams}`);
}

/** The step's buffers and learning rate are checked once per step (never a partial update). */
function checkStep(name: string, nParams: number, theta: Float64Array, g: Float64Array, lr: number): void {
  if (!(theta instanceof Float64Array) || !(g instanceof Float64Array))
    throw new OdeTypeError("theta", `${name}.step needs Float64Array theta and grad`);
  if (theta.length !== nParams || g.length !== nParams)
    throw new OdeArgumentError(
      "theta",
      `${name}.step needs theta and grad of length ${nParams}, got ${theta.length} and ${g.length}`,
    );
  if (!(Number.isFinite(lr) && lr >= 0))
    throw new OdeArgumentError("lr", `${name}.step needs a finite learning rate ≥ 0, got ${lr}`);
}

/** Plain gradient descent θ ← θ − lr·g. */
export function sgd(o: SgdOptions): Optimizer {
  checkObject("sgd", o, "{ lr }");
  const learningRate = finiteAtLeast("lr", o.lr, 0, true);
  return {
    name: "SGD",
    learningRate,
    create(nParams) {
      checkCount(nParams);
      return {
        name: "SGD",
        learningRate,
        step(theta, g, lr = learningRate) {
          checkStep("SGD", nParams, theta, g, lr);
          for (let p = 0; p < nParams; p++) theta[p] -= lr * g[p];
        },
      };
    },
  };
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1), the one Adam of the library. As tfjs-core's
 * adam_optimizer, the bias corrections 1 − βᵗ use running products βᵗ = β·βᵗ⁻¹ rather than
 * powers (the two differ in the last bits). β₁, β₂ default to the paper's values.
 */
export function adam(o: AdamOptions): Optimizer {
  checkObject("adam", o, "{ lr, beta1?, beta2?, epsilon? }");
  const learningRate = finiteAtLeast("lr", o.lr, 0, true);
  const b1 = unitInterval("beta1", o.beta1 ?? 0.9);
  const b2 = unitInterval("beta2", o.beta2 ?? 0.999);
  const eps = finiteAtLeast("epsilon", o.epsilon ?? 1e-7, 0, false);
  return {
    name: "Adam",
    learningRate,
    create(nParams) {
      checkCount(nParams);
      const m = new Float64Array(nParams);
      const v = new Float64Array(nParams);
      let accB1 = b1;
      let accB2 = b2;
      return {
        name: "Adam",
        learningRate,
        step(theta, g, lr = learningRate) {
          checkStep("Adam", nParams, theta, g, lr);
          for (let p = 0; p < nParams; p++) {
            m[p] = b1 * m[p] + (1 - b1) * g[p];
            v[p] = b2 * v[p] + (1 - b2) * g[p] * g[p];
            const mHat = m[p] / (1 - accB1);
            const vHat = v[p] / (1 - accB2);
            theta[p] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
          }
          accB1 *= b1;
          accB2 *= b2;
        },
      };
    },
  };
}

/**
 * RMSProp (Tieleman & Hinton 2012, lecture 6.5), with tfjs-core's momentum and centred variants
 * written as rmsprop_optimizer writes them.
 */
export function rmsprop(o: RmspropOptions): Optimizer {
  checkObject("rmsprop", o, "{ lr, decay?, momentum?, epsilon?, centered?, epsilonPlacement? }");
  const learningRate = finiteAtLeast("lr", o.lr, 0, true);
  const decay = unitInterval("decay", o.decay ?? 0.9);
  const momentum = finiteAtLeast("momentum", o.momentum ?? 0, 0, false);
  const eps = finiteAtLeast("epsilon", o.epsilon ?? 1e-7, 0, false);
  if (o.centered !== undefined && typeof o.centered !== "boolean")
    throw new OdeTypeError("centered", `expected a boolean, got ${describe(o.centered)}`);
  const centered = o.centered === true;
  const placement = o.epsilonPlacement ?? "inside";
  if (placement !== "inside" && placement !== "outside")
    throw new OdeArgumentError(
      "epsilonPlacement",
      `unknown value ${describe(placement)}; expected "inside" (tfjs) or "outside" (PyTorch)`,
    );
  const outside = placement === "outside";
  return {
    name: "RMSProp",
    learningRate,
    create(nParams) {
      checkCount(nParams);
      const ms = new Float64Array(nParams);
      const mom = new Float64Array(nParams);
      const mg = new Float64Array(nParams);
      return {
        name: "RMSProp",
        learningRate,
        step(theta, g, lr = learningRate) {
          checkStep("RMSProp", nParams, theta, g, lr);
          for (let p = 0; p < nParams; p++) {
            ms[p] = decay * ms[p] + (1 - decay) * g[p] * g[p];
            let denom: number;
            if (centered) {
              mg[p] = decay * mg[p] + (1 - decay) * g[p];
              denom = outside ? Math.sqrt(ms[p] - mg[p] * mg[p]) + eps : Math.sqrt(ms[p] - (mg[p] * mg[p] + eps)); // as tfjs-core writes it
            } else denom = outside ? Math.sqrt(ms[p]) + eps : Math.sqrt(ms[p] + eps);
            mom[p] = momentum * mom[p] + (lr * g[p]) / denom;
            theta[p] -= mom[p];
          }
        },
      };
    },
  };
}

/** Whether `o` is one of the optimizers above (an object with a name, a learning rate and `create`). */
export function isOptimizer(o: unknown): o is Optimizer {
  const x = o as Partial<Optimizer> | null;
  return x !== null && typeof x === "object" && typeof x.create === "function" && typeof x.learningRate === "number";
}

interface TfOptimizerFields {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  decay?: number;
  momentum?: number;
  centered?: boolean;
}

/**
 * The float64 twin of a tf.train optimizer (SGD, Adam, RMSProp), read from its hyper-parameters;
 * its own accumulators are neither used nor advanced. Other tf.train optimizers have no twin: an
 * OdeArgumentError naming the class.
 */
export function fromTfOptimizer(optimizer: tf.Optimizer, argument = "optimizer"): Optimizer {
  const opt = optimizer as unknown as { getClassName?: unknown } | null;
  if (opt === null || typeof opt !== "object" || typeof opt.getClassName !== "function")
    throw new OdeTypeError(argument, `expected a tf.train optimizer, got ${describe(optimizer)}`);
  const name = optimizer.getClassName();
  const f = optimizer as unknown as TfOptimizerFields;
  if (name === "SGD") return sgd({ lr: f.learningRate });
  if (name === "Adam") return adam({ lr: f.learningRate, beta1: f.beta1, beta2: f.beta2, epsilon: f.epsilon });
  if (name === "RMSProp")
    return rmsprop({
      lr: f.learningRate,
      decay: f.decay,
      momentum: f.momentum ?? 0,
      epsilon: f.epsilon,
      centered: f.centered === true,
    });
  throw new OdeArgumentError(
    argument,
    `tf.train optimizer "${name}" has no float64 twin; use adam({ lr }), rmsprop({ lr }) or sgd({ lr })`,
  );
}
