import type { DenseSegment, OdeOptions, OdeResult, OdeStatus, Rhs } from "./types";
import { validateProblem } from "./options";
import { OdeSolver, checkTime } from "./odeSolver";
import { EventTracker } from "./events";
import { OutputBuffer } from "./outputBuffer";

/**
 * Solves the initial value problem y' = f(t, y), y(t0) = y0 on tSpan = [t0, tFinal]
 * (scipy.integrate.solve_ivp's interface and corner cases: an empty span returns y0, an empty
 * state is a no-op, tFinal = ±Infinity needs a terminal event). `f` is in place
 * `(t, y, dydt) => void` (fast) or returning `(t, y) => ArrayLike<number>`. Invalid arguments
 * throw `OdeTypeError` (wrong type) or `OdeArgumentError` (bad value); solver failures come
 * back as `status` + `message` with the time reached, never as NaN. It drives an `OdeSolver`
 * step by step and adds output, events and dense output.
 *
 * @example
 * const r = solveIVP((t, y, dy) => { dy[0] = -y[0]; }, [0, 1], [1], { method: "DOPRI5", rtol: 1e-8 });
 */
export function solveIVP(f: Rhs, tSpan: [number, number], y0: ArrayLike<number>, options: OdeOptions = {}): OdeResult {
  const p = validateProblem(f, tSpan, y0, options);
  const n = p.y0.length;
  const solver = new OdeSolver(f, p.t0, p.y0, p.tBound, {}, p);
  const stats = solver.stats;
  const direction = solver.direction;
  const events = p.events.length > 0 ? new EventTracker(p.events, p.maxEvents, p.t0, p.y0, direction) : null;
  const segments: DenseSegment[] | null = p.dense ? [] : null;

  const out = new OutputBuffer(n);
  const tEval = p.tEval;
  let next = 0; // index of the next tEval entry to emit
  if (tEval === null) {
    out.push(p.t0, p.y0);
  } else {
    while (next < tEval.length && tEval[next] === p.t0) {
      out.push(p.t0, p.y0);
      next++;
    }
  }

  let status: OdeStatus = "success";
  let message = "";
  while (solver.status === "running") {
    if (solver.step() !== null) {
      status = solver.failure!;
      message = solver.message!;
      break;
    }
    const tOld = solver.tOld!;
    const t = solver.t;
    if (t === tOld) break; // the empty span: nothing was integrated
    // An empty state has no trajectory to locate events on (scipy: no events either).
    const hit = events === null || n === 0 ? null : events.check(solver);
    const tEnd = hit === null ? t : hit.t;
    if (segments !== null) segments.push(solver.denseSegment());
    if (tEval === null) {
      if (hit === null) out.push(tEnd, solver.y);
      else solver.interpolate(tEnd, out.pushSlot(tEnd));
    } else {
      while (next < tEval.length && (tEval[next] - tEnd) * direction <= 0) {
        const s = tEval[next++];
        if (s === t) out.push(s, solver.y);
        else solver.interpolate(s, out.pushSlot(s));
      }
    }
    if (hit !== null) {
      status = "event";
      message = `a terminal event (event ${hit.index}, occurrence ${events!.tEvents[hit.index].length}) occurred at t=${hit.t}`;
      if (segments !== null) segments[segments.length - 1] = clipSegment(segments[segments.length - 1], hit.t);
      break;
    }
  }
  if (status === "success") message = `the solver reached the end of the interval, t=${p.tBound}`;

  const result: OdeResult = {
    t: out.t,
    y: out.rows(),
    stats: { ...stats },
    status,
    success: status === "success" || status === "event",
    message,
    method: solver.method,
  };
  if (segments !== null) result.sol = denseSolution(segments, p.t0, p.y0);
  if (events !== null) {
    result.tEvents = events.tEvents;
    result.yEvents = events.yEvents;
  }
  if (solver.steps !== null) result.steps = solver.steps;
  return result;
}

function clipSegment(seg: DenseSegment, tEnd: number): DenseSegment {
  return { tOld: seg.tOld, t: tEnd, evaluate: seg.evaluate, bytes: seg.bytes };
}

/**
 * Piecewise continuous solution over the accepted steps, as scipy's `OdeSolution`: binary
 * search for the step holding t (at a step boundary, the earlier step); outside the solved
 * interval, the first or last step's interpolant extrapolated; no step at all, the constant y0.
 */
function denseSolution(segments: DenseSegment[], t0: number, y0: Float64Array): (t: number) => Float64Array {
  const n = y0.length;
  const y0Copy = Float64Array.from(y0);
  const tFinal = segments.length > 0 ? segments[segments.length - 1].t : t0;
  const ascending = tFinal >= t0;
  return (t: number) => {
    checkTime("t", t);
    if (segments.length === 0) return Float64Array.from(y0Copy);
    let a = 0;
    let b = segments.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      const end = segments[mid].t;
      if (ascending ? t <= end : t >= end) b = mid;
      else a = mid + 1;
    }
    return segments[a].evaluate(t, new Float64Array(n));
  };
}
