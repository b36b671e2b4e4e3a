import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../fields/field";
import type { NeuralSolveOptions } from "./odeintOptions";
import type { MethodName, OdeResult } from "../../ode/types";
import { odeint } from "./odeint";
import { float64Rhs } from "../fields/float64Field";
import { solveIVP } from "../../ode/solveIVP";
import { OdeArgumentError } from "../../ode/errors";

export interface ShadowReport {
  /** The float64 solution at t (first batch member), from solveIVP. */
  float64: OdeResult;
  /** The float32 tfjs trajectory [T][dim] (first batch member). */
  float32: number[][];
  /** max_i |y32(t_k) − y64(t_k)|_∞ / (1 + |y64|_∞) at each t_k. */
  drift: number[];
  maxDrift: number;
}

/**
 * Re-solves a trained field in float64 with `solveIVP` (tight tolerances) and reports how far
 * `odeint`'s trajectory drifts from it, to tell a precision or tolerance problem from a
 * modelling one. odeint's drift has three sources: its own method and tolerances, the float32
 * rounding of its output tensors, and, for tensor-only fields, the float32 evaluations of the
 * field (dense-layer and hybrid fields are evaluated in float64 on their float32 weights).
 * Uses the first batch member of y0.
 */
export function shadowSolve(
  field: VectorField,
  y0: tf.Tensor2D,
  t: number[],
  options: NeuralSolveOptions & { method64?: MethodName; rtol64?: number } = {},
): ShadowReport {
  const { method64, rtol64, ...solveOptions } = options;
  const y32 = tf.tidy(
    () =>
      odeint(field, y0.slice([0, 0], [1, field.dim]), t, solveOptions)
        .squeeze([1])
        .arraySync() as number[][],
  );
  const start = Array.from(tf.tidy(() => y0.slice([0, 0], [1, field.dim]).dataSync()));
  const rtol = rtol64 ?? 1e-10;
  if (!(typeof rtol === "number" && Number.isFinite(rtol) && rtol > 0))
    throw new OdeArgumentError("rtol64", `must be a finite number > 0, got ${String(rtol)}`);
  const r = solveIVP(float64Rhs(field), [t[0], t[t.length - 1]], start, {
    method: method64 ?? "DOP853",
    rtol,
    atol: rtol * 1e-2,
    tEval: t,
  });
  const drift = r.y.map((y64, k) => {
    let d = 0;
    let s = 0;
    y64.forEach((v, i) => {
      d = Math.max(d, Math.abs(y32[k][i] - v));
      s = Math.max(s, Math.abs(v));
    });
    return d / (1 + s);
  });
  return { float64: r, float32: y32, drift, maxDrift: Math.max(...drift) };
}
