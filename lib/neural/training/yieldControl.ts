import { setImmediate as immediate } from "node:timers/promises";
import { OdeTypeError } from "../../ode/errors";

/**
 * Cooperative yielding for long synchronous work (training loops). Returning to the event loop
 * lets pending I/O complete — tslab sends display messages on a zeromq socket without waiting,
 * and zeromq.js allows one send in flight per socket (a loop that never yields ends in EBUSY,
 * issue 13) — and lets timers, SIGINT handlers and AbortSignal listeners run.
 */
export interface Yielder {
  /** Yields if at least `intervalMs` of work has passed since the last yield. */
  maybe(): Promise<void>;
  /** Yields now (after a progress update, so its message is flushed). */
  now(): Promise<void>;
  /** Number of yields so far. */
  readonly count: number;
}

/** One macrotask turn: setImmediate runs after the event loop's poll phase, where I/O callbacks run. */
export function yieldToEventLoop(): Promise<void> {
  return immediate();
}

export function createYielder(intervalMs = 50): Yielder {
  let last = performance.now();
  let count = 0;
  const now = async () => {
    await yieldToEventLoop();
    count++;
    last = performance.now();
  };
  return {
    maybe: () => (performance.now() - last >= intervalMs ? now() : Promise.resolve()),
    now,
    get count() {
      return count;
    },
  };
}

/** Checks that `signal` is an AbortSignal-like object (a boolean `aborted` and `addEventListener`). */
export function checkSignal(signal: unknown, argument = "signal"): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const s = signal as Partial<AbortSignal> | null;
  if (s === null || typeof s !== "object" || typeof s.aborted !== "boolean" || typeof s.addEventListener !== "function")
    throw new OdeTypeError(
      argument,
      `expected an AbortSignal (e.g. new AbortController().signal), got ${String(signal)}`,
    );
  return signal as AbortSignal;
}
