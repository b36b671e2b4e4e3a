/** A one-line progress report that updates in place: tslab's newDisplay in a notebook, \r on a terminal. */
export interface Progress {
  update(line: string): void;
  done(line: string): void;
}

export function createProgress(mode: "auto" | "notebook" | "terminal" | "none" = "auto"): Progress {
  if (mode === "none") return { update: () => {}, done: () => {} };
  if (mode !== "terminal") {
    try {
      const tslab = require("tslab") as { newDisplay(): { text(s: string): void } };
      const display = tslab.newDisplay();
      display.text("starting…");
      // At most one update per second: training loops are synchronous, and tslab sends each
      // display message on the iopub socket without waiting, so a burst of updates can leave a
      // send in progress when the kernel publishes its next status (zeromq EBUSY kills the kernel).
      let shown = Date.now();
      return {
        update: (l) => {
          if (Date.now() - shown < 1000) return;
          shown = Date.now();
          display.text(l);
        },
        done: (l) => display.text(l),
      };
    } catch {
      if (mode === "notebook") throw new Error("progress: 'notebook' needs the tslab kernel");
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
      }
    },
    done: (l) => process.stderr.write((tty ? `\r${l}\x1b[K` : l) + "\n"),
  };
}
