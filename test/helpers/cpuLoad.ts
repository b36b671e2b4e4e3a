import { spawn, type ChildProcess } from "node:child_process";

/**
 * Busy-loop processes that keep `count` cores loaded while a test runs, to test the way the main job
 * failed (issue 13: notebooks under CPU load). Returns a function that stops them.
 */
export function loadCores(count: number): () => void {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  }
  return () => {
    for (const c of children) c.kill("SIGKILL");
  };
}
