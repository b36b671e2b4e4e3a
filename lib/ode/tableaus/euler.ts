import type { ExplicitTableau } from "./tableau";

/** Explicit Euler, order 1 (Hairer–Nørsett–Wanner I, Sec. II.1). */
export const euler: ExplicitTableau = {
  name: "Euler",
  order: 1,
  errorOrder: 0,
  stages: 1,
  c: [0],
  a: [[]],
  b: [1],
  e: [],
  fsal: false,
};
