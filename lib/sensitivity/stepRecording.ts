import type { CountedRhs, OdeStats } from "../ode/types";
import type { StepTape } from "../ode/steppers/stepTape";
import type { Field64 } from "./field64";

/** A copy of `a` at least twice as long and ≥ need (amortised growth of a pooled buffer). */
function grownF64(a: Float64Array, need: number): Float64Array {
  const b = new Float64Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}
function grownI32(a: Int32Array, need: number): Int32Array {
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * The record a discrete reverse sweep replays: for every evaluation of the field, its time, its
 * input state and (when the field can record) its activations; for every accepted step, t, h and
 * which evaluations were its stages (from the stepper's StepTape). Evaluations are numbered by
 * `stats.nfev`, so those of rejected attempts are kept but never read. The buffers are pooled: a
 * training loop that reuses one recording allocates only while its solves grow.
 */
export class StepRecording implements StepTape {
  n = 0;
  /** Stages per step. */
  s = 0;
  /** Floats of a field record for the whole batch (0: the field does not record). */
  recordLength = 0;
  /** Per evaluation: time, input state, activations. */
  evalT = new Float64Array(64);
  inputs: Float64Array[] = [];
  records: Float64Array[] = [];
  /** Accepted steps: count, start time, step, stage evaluations (s per step), f(t_new, y_new)'s evaluation. */
  steps = 0;
  stepT = new Float64Array(64);
  stepH = new Float64Array(64);
  stepEvals = new Int32Array(64);
  lastFNewEval = -1;

  /** Bytes of the pooled buffers (what a solve's tape holds). */
  bytes(): number {
    let b = this.evalT.byteLength + this.stepT.byteLength + this.stepH.byteLength + this.stepEvals.byteLength;
    for (const x of this.inputs) b += x.byteLength;
    for (const x of this.records) b += x.byteLength;
    return b;
  }

  /** Forget the previous solve; size the per-evaluation buffers for a batch of n states. */
  reset(n: number, s: number, recordLength: number): void {
    if (n !== this.n || recordLength !== this.recordLength) {
      this.inputs = [];
      this.records = [];
    }
    this.n = n;
    this.s = s;
    this.recordLength = recordLength;
    this.steps = 0;
    this.lastFNewEval = -1;
  }

  accept(tOld: number, h: number, _yOld: Float64Array, _y: Float64Array, _K: Float64Array, evals: Int32Array): void {
    const m = this.steps++;
    const s = this.s;
    if (m >= this.stepT.length) {
      this.stepT = grownF64(this.stepT, m + 1);
      this.stepH = grownF64(this.stepH, m + 1);
    }
    if ((m + 1) * s > this.stepEvals.length) this.stepEvals = grownI32(this.stepEvals, (m + 1) * s);
    this.stepT[m] = tOld;
    this.stepH[m] = h;
    for (let i = 0; i < s; i++) this.stepEvals[m * s + i] = evals[i];
    this.lastFNewEval = evals[s];
  }

  /**
   * The field as the stepper's right-hand side: counts the call in `stats.nfev`, keeps t and the
   * input under that number, and evaluates with `forwardRecord` when the field records.
   */
  rhs(field: Field64, stats: OdeStats): CountedRhs {
    const recorded = this.recordLength > 0;
    return (t, y, out) => {
      const id = stats.nfev++;
      if (id >= this.evalT.length) this.evalT = grownF64(this.evalT, id + 1);
      this.evalT[id] = t;
      while (this.inputs.length <= id) {
        this.inputs.push(new Float64Array(this.n));
        if (recorded) this.records.push(new Float64Array(this.recordLength));
      }
      this.inputs[id].set(y);
      if (recorded) field.forwardRecord!(t, y, out, this.records[id]);
      else field.forward(t, y, out);
    };
  }
}
