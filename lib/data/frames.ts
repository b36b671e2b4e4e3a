import type { DataFrame } from "danfojs-node";
import type { OdeResult } from "../ode/types";
import { OdeArgumentError } from "../ode/errors";
import { danfo } from "./danfo";

/** A solution as a frame: column `t` and one column per state component (names default y0, y1, …). */
export function toDataFrame(result: Pick<OdeResult, "t" | "y">, names?: string[]): DataFrame {
  const n = result.y.length > 0 ? result.y[0].length : (names?.length ?? 0);
  const cols = names ?? Array.from({ length: n }, (_, i) => `y${i}`);
  if (cols.length !== n) {
    throw new OdeArgumentError("names", `has ${cols.length} entries but the state has ${n} components`);
  }
  if (cols.includes("t")) throw new OdeArgumentError("names", `must not contain "t" (the time column)`);
  const data: Record<string, number[]> = { t: result.t.slice() };
  cols.forEach((c, i) => (data[c] = result.y.map((y) => y[i])));
  return new (danfo().DataFrame)(data);
}

/** Solver statistics of several runs, one row per run (keyed by a label such as the method). */
export function statsFrame(results: Record<string, OdeResult>): DataFrame {
  const labels = Object.keys(results);
  const col = <K extends keyof OdeResult["stats"]>(k: K) => labels.map((l) => results[l].stats[k]);
  return new (danfo().DataFrame)({
    run: labels,
    method: labels.map((l) => results[l].method),
    status: labels.map((l) => results[l].status),
    nfev: col("nfev"),
    njev: col("njev"),
    nlu: col("nlu"),
    nsteps: col("nsteps"),
    naccept: col("naccept"),
    nreject: col("nreject"),
  });
}

/**
 * Every attempted step of a solve (requires `recordSteps: true`): t, h, error, accepted,
 * jacobianUpdated, luUpdated, order, method — to see where and why a solve struggled.
 */
export function stepsFrame(result: Pick<OdeResult, "steps">): DataFrame {
  const steps = result.steps;
  if (steps === undefined) {
    throw new OdeArgumentError("result", "has no step history; solve with solveIVP(..., { recordSteps: true })");
  }
  return new (danfo().DataFrame)({
    t: steps.map((s) => s.t),
    h: steps.map((s) => s.h),
    error: steps.map((s) => (Number.isNaN(s.error) ? null : s.error)),
    accepted: steps.map((s) => s.accepted),
    jacobianUpdated: steps.map((s) => s.jacobianUpdated),
    luUpdated: steps.map((s) => s.luUpdated),
    order: steps.map((s) => s.order),
    method: steps.map((s) => s.method),
  });
}
