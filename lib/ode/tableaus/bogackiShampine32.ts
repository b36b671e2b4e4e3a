import type { ExplicitTableau } from "./tableau";

/**
 * Bogacki–Shampine 3(2), FSAL. P. Bogacki, L. F. Shampine, "A 3(2) pair of Runge–Kutta
 * formulas", Appl. Math. Lett. 2 (1989) 321–325, doi:10.1016/0893-9659(89)90079-7.
 * Error weights and the cubic continuous extension as in scipy's RK23.
 */
export const bogackiShampine32: ExplicitTableau = {
  name: "BS3",
  order: 3,
  errorOrder: 2,
  stages: 4,
  c: [0, 1 / 2, 3 / 4, 1],
  a: [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]],
  b: [2 / 9, 1 / 3, 4 / 9, 0],
  e: [5 / 72, -1 / 12, -1 / 9, 1 / 8, 0],
  fsal: true,
  P: [
    [1, -4 / 3, 5 / 9],
    [0, 1, -2 / 3],
    [0, 4 / 3, -8 / 9],
    [0, -1, 1],
    [0, 0, 0],
  ],
};
