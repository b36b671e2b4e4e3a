import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import type { StabilityFunction } from "./stabilityFunction";

export interface BoundaryOptions {
  /** Real range of z. Default [−6, 2]. */
  re?: [number, number];
  /** Imaginary range of z. Default [−4, 4]. */
  im?: [number, number];
  /** Grid cells along each axis. Default 200. */
  resolution?: number;
}

/** Closed or open polylines of |R(z)| = 1 (open where they leave the grid). */
export interface StabilityBoundary {
  curves: { re: number[]; im: number[] }[];
}

function checkRange(name: string, r: unknown): [number, number] {
  if (!Array.isArray(r) || r.length !== 2)
    throw new OdeTypeError(name, `expected [low, high], got ${describeValue(r)}`);
  if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1]))
    throw new OdeArgumentError(name, `must be finite with low < high, got [${r[0]}, ${r[1]}]`);
  return [r[0], r[1]];
}

/**
 * The boundary |R(z)| = 1 of the stability region by marching squares on log|R| over a grid
 * (Lorensen & Cline, SIGGRAPH 1987, in 2-D; saddle cells decided by the cell centre), edge
 * crossings found on each cell edge by regula falsi (so every vertex has |R| = 1 to rounding) and the
 * segments joined into polylines. Finds every
 * component inside the window, including those not star-shaped about 0 (DOPRI5's and RK4's lobes
 * across the imaginary axis); features smaller than a cell can be missed.
 */
export function stabilityBoundary(fn: StabilityFunction, options: BoundaryOptions = {}): StabilityBoundary {
  if (fn === null || typeof fn !== "object" || typeof fn.modulus !== "function")
    throw new OdeTypeError("fn", `expected a StabilityFunction, got ${describeValue(fn)}`);
  const [x0, x1] = checkRange("options.re", options.re ?? [-6, 2]);
  const [y0, y1] = checkRange("options.im", options.im ?? [-4, 4]);
  const N = options.resolution ?? 200;
  if (!Number.isInteger(N) || N < 2)
    throw new OdeArgumentError("options.resolution", `must be an integer ≥ 2, got ${describeValue(N)}`);
  const dx = (x1 - x0) / N;
  const dy = (y1 - y0) / N;
  const v = new Float64Array((N + 1) * (N + 1));
  // log|R| is smooth where |R| > 0 and clamped to stay finite at zeros of R.
  const level = (re: number, im: number) => Math.log(Math.max(fn.modulus(re, im), 1e-300));
  for (let j = 0; j <= N; j++) for (let i = 0; i <= N; i++) v[j * (N + 1) + i] = level(x0 + i * dx, y0 + j * dy);
  const at = (i: number, j: number) => v[j * (N + 1) + i];

  // Edge ids: horizontal edge (i,j)-(i+1,j) → 2·(j·(N+1)+i); vertical (i,j)-(i,j+1) → 2·(…)+1.
  const point = new Map<number, [number, number]>();
  // The crossing on an edge: the root of log|R| between its corners, by the Illinois variant of
  // regula falsi (Dahlquist & Björck, Numerical Methods, §6.2.3) to 1e-13 of the edge length.
  const edgeRoot = (ax: number, ay: number, bx: number, by: number, fa: number, fb: number): [number, number] => {
    let s0 = 0;
    let s1 = 1;
    let f0 = fa;
    let f1 = fb;
    let side = 0;
    for (let it = 0; it < 100 && s1 - s0 > 1e-13; it++) {
      const s = f0 === f1 ? 0.5 * (s0 + s1) : s0 + (f0 / (f0 - f1)) * (s1 - s0);
      const fs = level(ax + s * (bx - ax), ay + s * (by - ay));
      if (fs === 0) return [ax + s * (bx - ax), ay + s * (by - ay)];
      if (fs > 0 === f0 > 0) {
        s0 = s;
        f0 = fs;
        if (side === -1) f1 /= 2;
        side = -1;
      } else {
        s1 = s;
        f1 = fs;
        if (side === 1) f0 /= 2;
        side = 1;
      }
    }
    const s = f0 === f1 ? 0.5 * (s0 + s1) : s0 + (f0 / (f0 - f1)) * (s1 - s0);
    return [ax + s * (bx - ax), ay + s * (by - ay)];
  };
  const cross = (id: number): number => {
    if (!point.has(id)) {
      const base = id >> 1;
      const i = base % (N + 1);
      const j = Math.floor(base / (N + 1));
      const [ax, ay] = [x0 + i * dx, y0 + j * dy];
      if (id & 1) point.set(id, edgeRoot(ax, ay, ax, ay + dy, at(i, j), at(i, j + 1)));
      else point.set(id, edgeRoot(ax, ay, ax + dx, ay, at(i, j), at(i + 1, j)));
    }
    return id;
  };
  const neighbours = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    for (const [p, q] of [
      [a, b],
      [b, a],
    ]) {
      const list = neighbours.get(p);
      if (list === undefined) neighbours.set(p, [q]);
      else list.push(q);
    }
  };
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      const c = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      const bottom = 2 * (j * (N + 1) + i);
      const right = 2 * (j * (N + 1) + i + 1) + 1;
      const top = 2 * ((j + 1) * (N + 1) + i);
      const left = 2 * (j * (N + 1) + i) + 1;
      // Edges in cyclic order bottom, right, top, left; edge e joins corners e and e+1.
      const edges = [bottom, right, top, left];
      const sides = c.map((x) => x > 0);
      const crossing = [0, 1, 2, 3].filter((e) => sides[e] !== sides[(e + 1) % 4]);
      if (crossing.length === 2) link(cross(edges[crossing[0]]), cross(edges[crossing[1]]));
      else if (crossing.length === 4) {
        // Saddle: the centre's side decides which corners connect.
        const centre = level(x0 + (i + 0.5) * dx, y0 + (j + 0.5) * dy) > 0;
        if (centre === sides[0]) {
          link(cross(edges[0]), cross(edges[1]));
          link(cross(edges[2]), cross(edges[3]));
        } else {
          link(cross(edges[3]), cross(edges[0]));
          link(cross(edges[1]), cross(edges[2]));
        }
      }
    }
  // Join into polylines: start from the open ends (one neighbour) first, then the loops.
  const used = new Set<number>();
  const curves: StabilityBoundary["curves"] = [];
  const walk = (start: number) => {
    const ids = [start];
    used.add(start);
    let cur = start;
    for (;;) {
      const next = (neighbours.get(cur) ?? []).find((q) => !used.has(q));
      if (next === undefined) break;
      used.add(next);
      ids.push(next);
      cur = next;
    }
    if (ids.length > 2 && (neighbours.get(cur) ?? []).includes(start)) ids.push(start);
    curves.push({ re: ids.map((id) => point.get(id)![0]), im: ids.map((id) => point.get(id)![1]) });
  };
  for (const [id, list] of neighbours) if (list.length === 1 && !used.has(id)) walk(id);
  for (const id of neighbours.keys()) if (!used.has(id)) walk(id);
  return { curves };
}

/**
 * The real stability interval [−r, 0]: the largest r with |R(−x)| ≤ 1 + tol for all x ∈ [0, r],
 * by a scan of step `scan` and bisection to 1e-14 on the first exit. Returns Infinity when no exit
 * is met up to `max` (A-stable methods on the real axis).
 */
export function realStabilityInterval(fn: StabilityFunction, max = 100, scan = 1e-3, tol = 1e-12): number {
  if (fn === null || typeof fn !== "object" || typeof fn.modulus !== "function")
    throw new OdeTypeError("fn", `expected a StabilityFunction, got ${describeValue(fn)}`);
  if (!(max > 0 && Number.isFinite(max))) throw new OdeArgumentError("max", `must be finite and > 0, got ${max}`);
  if (!(scan > 0 && scan < max)) throw new OdeArgumentError("scan", `must be in (0, max), got ${scan}`);
  const inside = (x: number) => fn.modulus(-x, 0) <= 1 + tol;
  let a = 0;
  for (let x = scan; x <= max; x += scan) {
    if (!inside(x)) {
      let b = x;
      while (b - a > 1e-14 * Math.max(1, b)) {
        const m = 0.5 * (a + b);
        if (inside(m)) a = m;
        else b = m;
      }
      return a;
    }
    a = x;
  }
  return Infinity;
}
