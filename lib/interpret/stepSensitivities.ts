import type { Field64 } from "../sensitivity/field64";
import type { SolverSpec } from "../sensitivity/gradientMethod";
import type { AttributionInput } from "./options";
import type { AttributionStats } from "./gradients";
import { forwardSensitivity } from "../sensitivity/forwardSensitivity";
import { checkAttributionArgs } from "./options";
import { OdeArgumentError } from "../ode/errors";

export interface StepSensitivityOptions {
  /** ∂h(t_k)/∂h(0) (default) or ∂h(t_k)/∂θ. */
  wrt?: AttributionInput;
  solver?: SolverSpec;
}

export interface StepSensitivities {
  t: number[];
  /** h(t_k), dim each. */
  y: Float64Array[];
  /** Per output time, rows × columns row-major: [j·columns + i] = ∂h_j(t_k)/∂x_i (x = h(0) or θ). */
  matrices: Float64Array[];
  rows: number;
  columns: number;
  wrt: AttributionInput;
  stats: AttributionStats;
}

/**
 * The sensitivity matrices ∂h(t_k)/∂h(0) (or ∂h(t_k)/∂θ) at every output time, from one solve of
 * the variational equations S' = (∂f/∂y)·S (lib/sensitivity's forwardSensitivity). Forward, not
 * one pullback per component: one solve carries d (or P) columns and gives every output time at
 * once, where reverse mode would need T·d backward solves; the columns are then read off by
 * contractions that cost no solve. With respect to h(0) the field's θ is hidden (a view with no
 * parameters), so only the d² state sensitivities are carried, not d·P more.
 */
export function stepSensitivities(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  options?: StepSensitivityOptions,
): StepSensitivities {
  const o = checkAttributionArgs(field, y0, t, { wrt: options?.wrt, solver: options?.solver });
  const d = field.dim;
  const view = o.wrt === "y0" ? stateOnly(field) : field;
  const sol = forwardSensitivity().solve(view, y0, t, o.solver);
  const columns = o.wrt === "y0" ? d : field.parameters.length;
  const matrices = t.map((_, k) => {
    const M = new Float64Array(d * columns);
    for (let j = 0; j < d; j++) {
      const e = new Float64Array(d);
      e[j] = 1;
      const g = sol.pullback(t.map((_, i) => (i === k ? e : null)));
      M.set(o.wrt === "y0" ? g.y0 : g.theta, j * columns);
    }
    return M;
  });
  return {
    t: Array.from(t),
    y: sol.y.map((v) => Float64Array.from(v)),
    matrices,
    rows: d,
    columns,
    wrt: o.wrt,
    stats: { solves: 1, nfeForward: sol.stats.nfeForward, nfeBackward: 0 },
  };
}

/** Row j of every matrix, T × columns: ∂h_j(t_k)/∂x_i, the heatmap of one output component over time. */
export function sensitivityOfComponent(s: StepSensitivities, component: number): number[][] {
  if (!Number.isInteger(component) || component < 0 || component >= s.rows)
    throw new OdeArgumentError("component", `must be an integer from 0 to ${s.rows - 1}, got ${component}`);
  return s.matrices.map((M) => Array.from(M.subarray(component * s.columns, (component + 1) * s.columns)));
}

/** The field with θ hidden: forward sensitivities then carry only ∂h/∂h(0). */
function stateOnly(field: Field64): Field64 {
  const scratch = new Float64Array(field.parameters.length);
  return {
    dim: field.dim,
    parameters: new Float64Array(0),
    forward: (t, y, out) => field.forward(t, y, out),
    vjp: (t, y, a, f, gy) => field.vjp(t, y, a, f, gy, scratch, 0),
    jvp: (t, y, v, _vTheta, f, out) => field.jvp(t, y, v, null, f, out),
    jacobian: (t, y, jy) => field.jacobian(t, y, jy, null),
  };
}
