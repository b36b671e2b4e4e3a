import type { DenseSegment, OdeOptions, OdeResult, OdeStatus, Rhs, StepperConfig } from "./types";
import { validateProblem } from "./options";
import { countedRhs, emptyStats } from "./rhs";
import { createStepper } from "./steppers/index";
import { EventTracker } from "./events";
import { OutputBuffer } from "./outputBuffer";

/**
 * Solves the initial value problem y' = f(t, y), y(t0) = y0 on tSpan = [t0, tFinal]
 * (scipy.integrate.solve_ivp's interface). `f` is in place `(t, y, dydt) => void` (fast) or
 * returning `(t, y) => ArrayLike<number>`. Invalid arguments throw `OdeArgumentError`;
 * solver failures come back as `status` + `message` with the time reached, never as NaN.
 *
 * @example
 * const r = solveIVP((t, y, dy) => { dy[0] = -y[0]; }, [0, 1], [1], { method: "DOPRI5", rtol: 1e-8 });
 */
export function solveIVP(f: Rhs, tSpan: [number, number], y0: ArrayLike<number>, options: OdeOptions = {}): OdeResult {
  const p = validateProblem(f, tSpan, y0, options);
  const n = p.y0.length;
  const stats = emptyStats();
  const recorder = p.recordSteps ? [] : null;
  const config: StepperConfig = {
    f: countedRhs(f, n, stats),
    t0: p.t0,
    y0: p.y0,
    tBound: p.tBound,
    rtol: p.rtol,
    atol: p.atol,
    firstStep: p.firstStep,
    maxStep: p.maxStep,
    maxSteps: p.maxSteps,
    step: p.step,
    jacobian: options.jacobian ?? null,
    recorder,
    stats,
    normLength: p.normLength,
  };
  const stepper = createStepper(p.method, config);
  const direction = Math.sign(p.tBound - p.t0);
  const events = p.events.length > 0 ? new EventTracker(p.events, p.t0, p.y0, direction) : null;
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
  for (;;) {
    const outcome = stepper.step();
    if (outcome !== "ok") {
      status = outcome;
      message = stepper.failureMessage;
      break;
    }
    const hTaken = Math.abs(stepper.t - stepper.tOld);
    if (stepper.t !== p.tBound || stats.naccept <= 1) stats.minStep = Math.min(stats.minStep, hTaken);
    const hit = events === null ? null : events.check(stepper);
    const tEnd = hit === null ? stepper.t : hit.t;
    if (segments !== null) segments.push(stepper.denseSegment());
    if (tEval === null) {
      if (hit === null) out.push(tEnd, stepper.y);
      else stepper.interpolate(tEnd, out.pushSlot(tEnd));
    } else {
      while (next < tEval.length && (tEval[next] - tEnd) * direction <= 0) {
        const s = tEval[next++];
        if (s === stepper.t) out.push(s, stepper.y);
        else stepper.interpolate(s, out.pushSlot(s));
      }
    }
    if (hit !== null) {
      status = "event";
      message = `a terminal event (event ${hit.index}) occurred at t=${hit.t}`;
      if (segments !== null) segments[segments.length - 1] = clipSegment(segments[segments.length - 1], hit.t);
      break;
    }
    if (stepper.t === p.tBound) break;
  }
  if (status === "success") message = `the solver reached the end of the interval, t=${p.tBound}`;

  const result: OdeResult = {
    t: out.t,
    y: out.rows(),
    stats: { ...stats },
    status,
    success: status === "success" || status === "event",
    message,
    method: stepper.name,
  };
  if (segments !== null) result.sol = denseSolution(segments, p.t0, n);
  if (events !== null) {
    result.tEvents = events.tEvents;
    result.yEvents = events.yEvents;
  }
  if (recorder !== null) result.steps = recorder;
  return result;
}

function clipSegment(seg: DenseSegment, tEnd: number): DenseSegment {
  return { tOld: seg.tOld, t: tEnd, evaluate: seg.evaluate };
}

/** Piecewise continuous solution over the accepted steps (binary search on the segments). */
function denseSolution(segments: DenseSegment[], t0: number, n: number): (t: number) => Float64Array {
  const tFinal = segments.length > 0 ? segments[segments.length - 1].t : t0;
  const lo = Math.min(t0, tFinal);
  const hi = Math.max(t0, tFinal);
  const ascending = tFinal >= t0;
  return (t: number) => {
    if (!(t >= lo && t <= hi)) {
      throw new RangeError(`sol(t): t=${t} is outside the solved interval [${lo}, ${hi}]`);
    }
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
