import type { ExplicitTableau } from "./tableau";

/** Explicit midpoint rule (Runge 1895), order 2 (Hairer–Nørsett–Wanner I, Sec. II.1, eq. 1.7). */
export const midpoint: ExplicitTableau = {
  name: "Midpoint",
  order: 2,
  errorOrder: 0,
  stages: 2,
  c: [0, 0.5],
  a: [[], [0.5]],
  b: [0, 1],
  e: [],
  fsal: false,
};
