import type { EventFunction, Stepper } from "./types";
import { brentRoot } from "./rootFinding";

/** An event zero found inside the last step. */
export interface EventHit {
  index: number;
  t: number;
  terminal: boolean;
}

/**
 * Tracks sign changes of the event functions across accepted steps and locates each zero
 * by Brent's method on the stepper's dense output, as scipy's `solve_ivp` does.
 */
export class EventTracker {
  readonly tEvents: number[][];
  readonly yEvents: Float64Array[][];
  private readonly events: EventFunction[];
  private readonly gOld: Float64Array;
  private readonly work: Float64Array;
  private readonly direction: number;

  constructor(events: EventFunction[], t0: number, y0: Float64Array, direction: number) {
    this.events = events;
    this.direction = direction;
    this.gOld = new Float64Array(events.length);
    this.work = new Float64Array(y0.length);
    this.tEvents = events.map(() => []);
    this.yEvents = events.map(() => []);
    events.forEach((g, i) => (this.gOld[i] = this.evaluate(g, i, t0, y0)));
  }

  private evaluate(g: EventFunction, i: number, t: number, y: Float64Array): number {
    const v = g(t, y);
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`event function ${i} returned ${String(v)} at t=${t}; it must return a finite number`);
    }
    return v;
  }

  /**
   * Checks the last accepted step of `stepper`. Records every event zero in it up to and
   * including the first terminal one; returns that terminal hit, or null.
   */
  check(stepper: Stepper): EventHit | null {
    const hits: EventHit[] = [];
    const { tOld, t } = stepper;
    for (let i = 0; i < this.events.length; i++) {
      const g = this.events[i];
      const gOld = this.gOld[i];
      const gNew = this.evaluate(g, i, t, stepper.y);
      this.gOld[i] = gNew;
      const up = gOld < 0 && gNew >= 0;
      const down = gOld > 0 && gNew <= 0;
      const want = g.direction ?? 0;
      if (!((up && want >= 0) || (down && want <= 0))) continue;
      const work = this.work;
      const root = brentRoot(
        (s) => this.evaluate(g, i, s, stepper.interpolate(s, work)),
        tOld,
        t,
        gOld,
        gNew,
        4 * Number.EPSILON * Math.max(Math.abs(t), Math.abs(tOld), 1e-300),
      );
      hits.push({ index: i, t: root, terminal: g.terminal ?? false });
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => (a.t - b.t) * this.direction);
    let terminal: EventHit | null = null;
    for (const hit of hits) {
      if (terminal !== null && (hit.t - terminal.t) * this.direction > 0) break;
      this.tEvents[hit.index].push(hit.t);
      this.yEvents[hit.index].push(stepper.interpolate(hit.t, new Float64Array(stepper.n)));
      if (hit.terminal && terminal === null) terminal = hit;
    }
    return terminal;
  }
}
