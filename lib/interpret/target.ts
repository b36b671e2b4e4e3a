import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/**
 * What to explain (Captum's `target`): one state component at one output time, or a scalar
 * function of the whole output trajectory of one sample with its cotangents.
 *
 * - `{ component, timeIndex }` or `{ component, time }` (a value that must be one of the output
 *   times); neither: the last output time.
 * - `{ scalar }`: `scalar(y)` gets y(t_k) of one sample (one Float64Array of `dim` per output
 *   time; views, valid only during the call) and returns its value and ∂value/∂y(t_k) per time
 *   (null: zero). E.g. a loss against data, or a derived quantity such as a yield.
 */
export type AttributionTarget =
  | { component: number; timeIndex?: number; time?: number }
  | { scalar: (y: readonly Float64Array[]) => ScalarOutput; name?: string };

export interface ScalarOutput {
  value: number;
  /** One per output time, each null or of length dim. */
  cotangents: readonly (Float64Array | null)[];
}

/** A checked target: its label and its value (and cotangent) for sample b of a batched trajectory. */
export interface ResolvedTarget {
  readonly label: string;
  /**
   * The value for sample b of y (T arrays of B·dim); when `yBar` is given (T arrays of B·dim,
   * zero where untouched) the cotangent of sample b is written into its slots.
   */
  evaluate(y: readonly Float64Array[], b: number, yBar: Float64Array[] | null): number;
}

/** Relative distance at which a `time` counts as one of the output times (round-off of t arithmetic). */
const TIME_MATCH = 1e-12;

/** Checks a target against the output times t and the field's dim; errors name target.<field>. */
export function checkTarget(target: AttributionTarget, t: readonly number[], dim: number): ResolvedTarget {
  if (target === null || typeof target !== "object")
    throw new OdeTypeError(
      "target",
      `expected { component, timeIndex | time } or { scalar }, got ${describeValue(target)}`,
    );
  if ("scalar" in target) return scalarTarget(target, t.length, dim);
  const c = (target as { component?: unknown }).component;
  if (typeof c !== "number") throw new OdeTypeError("target.component", `expected an integer, got ${describeValue(c)}`);
  if (!Number.isInteger(c) || c < 0 || c >= dim)
    throw new OdeArgumentError(
      "target.component",
      `must be an integer from 0 to ${dim - 1} (the field's dim), got ${c}`,
    );
  const k = timeIndexOf(target, t);
  return {
    label: `y_${c}(t = ${t[k]})`,
    evaluate(y, b, yBar) {
      const at = b * dim + c;
      if (yBar !== null) yBar[k][at] = 1;
      return y[k][at];
    },
  };
}

function timeIndexOf(target: { timeIndex?: number; time?: number }, t: readonly number[]): number {
  const { timeIndex, time } = target;
  if (timeIndex !== undefined && time !== undefined)
    throw new OdeArgumentError("target.time", `give timeIndex or time, not both (got ${timeIndex} and ${time})`);
  if (timeIndex !== undefined) {
    if (typeof timeIndex !== "number")
      throw new OdeTypeError("target.timeIndex", `expected an integer, got ${describeValue(timeIndex)}`);
    if (!Number.isInteger(timeIndex) || timeIndex < 0 || timeIndex >= t.length)
      throw new OdeArgumentError(
        "target.timeIndex",
        `must be an integer from 0 to ${t.length - 1} (an index of t), got ${timeIndex}`,
      );
    return timeIndex;
  }
  if (time !== undefined) {
    if (typeof time !== "number")
      throw new OdeTypeError("target.time", `expected a number, got ${describeValue(time)}`);
    const k = t.findIndex((tk) => Math.abs(tk - time) <= TIME_MATCH * Math.max(1, Math.abs(tk)));
    if (k < 0)
      throw new OdeArgumentError(
        "target.time",
        `${time} is not one of the output times t (${t.length} times from ${t[0]} to ${t[t.length - 1]}); add it to t or use timeIndex`,
      );
    return k;
  }
  return t.length - 1;
}

function scalarTarget(
  target: { scalar: (y: readonly Float64Array[]) => ScalarOutput; name?: string },
  T: number,
  dim: number,
): ResolvedTarget {
  const fn = target.scalar;
  if (typeof fn !== "function")
    throw new OdeTypeError(
      "target.scalar",
      `expected a function (y) => { value, cotangents }, got ${describeValue(fn)}`,
    );
  const views: Float64Array[] = new Array(T);
  return {
    label: target.name ?? "scalar",
    evaluate(y, b, yBar) {
      for (let k = 0; k < T; k++) views[k] = y[k].subarray(b * dim, (b + 1) * dim);
      const out = fn(views);
      if (out === null || typeof out !== "object" || typeof out.value !== "number" || !Number.isFinite(out.value))
        throw new OdeArgumentError(
          "target.scalar",
          `must return { value: finite number, cotangents }, got value ${describeValue(out?.value)} for sample ${b}`,
        );
      if (yBar === null) return out.value;
      const g = out.cotangents;
      if (!Array.isArray(g) || g.length !== T)
        throw new OdeArgumentError(
          "target.scalar",
          `cotangents must have one entry (Float64Array of ${dim} or null) per output time (${T}), got ${describeValue(g)}`,
        );
      for (let k = 0; k < T; k++) {
        const gk = g[k];
        if (gk === null) continue;
        if (!(gk instanceof Float64Array) || gk.length !== dim)
          throw new OdeArgumentError(
            "target.scalar",
            `cotangents[${k}] must be a Float64Array of length ${dim} or null, got ${describeValue(gk)}`,
          );
        for (let i = 0; i < dim; i++) {
          if (!Number.isFinite(gk[i]))
            throw new OdeArgumentError("target.scalar", `cotangents[${k}][${i}] is ${gk[i]}; must be finite`);
          yBar[k][b * dim + i] += gk[i];
        }
      }
      return out.value;
    },
  };
}
