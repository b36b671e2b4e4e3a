import { OdeArgumentError } from "../../ode/errors";

/** A one-line progress report that updates in place: tslab's newDisplay in a notebook, \r on a terminal. */
export interface Progress {
  /** Shows the line unless an update was shown too recently; true when it was shown (the caller then yields). */
  update(line: string): boolean;
  done(line: string): void;
  /** Where the report goes. */
  readonly kind: "notebook" | "terminal" | "none";
}

export function createProgress(mode: "auto" | "notebook" | "terminal" | "none" = "auto"): Progress {
  if (mode === "none") return { update: () => false, done: () => {}, kind: "none" };
  if (mode !== "terminal") {
    try {
      const tslab = require("tslab") as { newDisplay(): { text(s: string): void } };
      const display = tslab.newDisplay();
      display.text("starting…");
      // At most one update per second, and the caller yields to the event loop after each one:
      // tslab sends each display message on the iopub socket without waiting, and zeromq.js
      // allows one send in flight (EBUSY otherwise, issue 13).
      let shown = Date.now();
      return {
        update: (l) => {
          if (Date.now() - shown < 1000) return false;
          shown = Date.now();
          display.text(l);
          return true;
        },
        done: (l) => display.text(l),
        kind: "notebook",
      };
    } catch {
      if (mode === "notebook")
        throw new OdeArgumentError("progress", `"notebook" needs the tslab kernel (none is running); use "auto"`);
    }
  }
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update: (l) => {
      if (tty) process.stderr.write(`\r${l}\x1b[K`);
      else if (Date.now() - last > 2000) {
        last = Date.now();
        process.stderr.write(l + "\n");
        return true;
      }
      return false; // a terminal write on Linux is synchronous: nothing left in flight
    },
    done: (l) => process.stderr.write((tty ? `\r${l}\x1b[K` : l) + "\n"),
    kind: "terminal",
  };
}
