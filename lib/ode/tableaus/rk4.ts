import type { ExplicitTableau } from "./tableau";

/** The classical Runge–Kutta method (Kutta 1901), order 4 (Hairer–Nørsett–Wanner I, Table II.1.2). */
export const rk4: ExplicitTableau = {
  name: "RK4",
  order: 4,
  errorOrder: 0,
  stages: 4,
  c: [0, 0.5, 0.5, 1],
  a: [[], [0.5], [0, 0.5], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  e: [],
  fsal: false,
};
