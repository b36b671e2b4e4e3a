import type { EventFunction } from "./types";
import { brentRoot } from "./rootFinding";
import { OdeArgumentError, OdeTypeError } from "./errors";

/** An event zero found inside the last step. */
export interface EventHit {
  index: number;
  t: number;
}

/** What event location reads from the solver after a step: its ends and its interpolant. */
export interface StepView {
  readonly n: number;
  readonly t: number;
  readonly tOld: number | null;
  readonly y: Float64Array;
  interpolate(s: number, out: Float64Array): Float64Array;
}

/**
 * Tracks sign changes of the event functions across accepted steps and locates each zero
 * by Brent's method on the stepper's dense output, as scipy's `solve_ivp` does. Event i ends
 * the solve at its `maxEvents[i]`-th zero (scipy's integer `terminal`; Infinity: never).
 */
export class EventTracker {
  readonly tEvents: number[][];
  readonly yEvents: Float64Array[][];
  private readonly events: EventFunction[];
  private readonly maxEvents: Float64Array;
  private readonly counts: Float64Array;
  private readonly gOld: Float64Array;
  private readonly work: Float64Array;
  private readonly direction: number;

  constructor(events: EventFunction[], maxEvents: Float64Array, t0: number, y0: Float64Array, direction: number) {
    this.events = events;
    this.maxEvents = maxEvents;
    this.counts = new Float64Array(events.length);
    this.direction = direction;
    this.gOld = new Float64Array(events.length);
    this.work = new Float64Array(y0.length);
    this.tEvents = events.map(() => []);
    this.yEvents = events.map(() => []);
    events.forEach((g, i) => (this.gOld[i] = this.evaluate(g, i, t0, y0)));
  }

  private evaluate(g: EventFunction, i: number, t: number, y: Float64Array): number {
    const v: unknown = g(t, y);
    if (typeof v !== "number") {
      throw new OdeTypeError(`events[${i}]`, `returned ${typeof v} ${String(v)} at t=${t}; it must return a number`);
    }
    if (!Number.isFinite(v)) {
      throw new OdeArgumentError(`events[${i}]`, `returned ${v} at t=${t}; it must return a finite number`);
    }
    return v;
  }

  /**
   * Checks the last accepted step. Records every event zero in it, in the order of
   * integration, up to and including the first one that reaches its event's terminal count;
   * returns that terminal hit, or null.
   */
  check(step: StepView): EventHit | null {
    const hits: EventHit[] = [];
    const t = step.t;
    const tOld = step.tOld ?? t;
    for (let i = 0; i < this.events.length; i++) {
      const g = this.events[i];
      const gOld = this.gOld[i];
      const gNew = this.evaluate(g, i, t, step.y);
      this.gOld[i] = gNew;
      const up = gOld < 0 && gNew >= 0;
      const down = gOld > 0 && gNew <= 0;
      const want = g.direction ?? 0;
      if (!((up && want >= 0) || (down && want <= 0))) continue;
      const work = this.work;
      const root = brentRoot(
        (s) => this.evaluate(g, i, s, step.interpolate(s, work)),
        tOld,
        t,
        gOld,
        gNew,
        4 * Number.EPSILON * Math.max(Math.abs(t), Math.abs(tOld), 1e-300),
      );
      hits.push({ index: i, t: root });
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => (a.t - b.t) * this.direction);
    let terminal: EventHit | null = null;
    for (const hit of hits) {
      if (terminal !== null && (hit.t - terminal.t) * this.direction > 0) break;
      this.tEvents[hit.index].push(hit.t);
      this.yEvents[hit.index].push(step.interpolate(hit.t, new Float64Array(step.n)));
      if (++this.counts[hit.index] >= this.maxEvents[hit.index] && terminal === null) terminal = hit;
    }
    return terminal;
  }
}
