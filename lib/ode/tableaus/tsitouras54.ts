import type { ExplicitTableau } from "./tableau";
import { polyProduct } from "./polynomial";

/**
 * Tsitouras 5(4), FSAL. Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the
 * first column simplifying assumption", Comput. Math. Appl. 62 (2011) 770–775,
 * doi:10.1016/j.camwa.2011.06.002 (coefficients to 16 digits as in OrdinaryDiffEq.jl's Tsit5).
 * The continuous extension b_i(θ) is the paper's Sec. 3, given there in factored form.
 */
const theta = [0, 1];
const linear = (r: number) => [-r, 1];
const quadratic = (p: number, q: number) => [q, p, 1];
const bTheta: number[][] = [
  polyProduct(
    [-1.0530884977290216],
    theta,
    linear(1.3299890189751412),
    quadratic(-1.4364028541716351, 0.7139816917074209),
  ),
  polyProduct([0.1017], theta, theta, quadratic(-2.1966568338249754, 1.2949852507374631)),
  polyProduct([2.490627285651252793], theta, theta, quadratic(-2.38535645472061657, 1.57803468208092486)),
  polyProduct([-16.54810288924490272], linear(1.21712927295533244), linear(0.61620406037800089), theta, theta),
  polyProduct([47.37952196281928122], linear(1.203071208372362603), linear(0.658047292653547382), theta, theta),
  polyProduct([-34.87065786149660974], linear(1.2), linear(0.666666666666666667), theta, theta),
  polyProduct([2.5], linear(1), linear(0.6), theta, theta),
];

export const tsitouras54: ExplicitTableau = {
  name: "Tsit5",
  order: 5,
  errorOrder: 4,
  stages: 7,
  c: [0, 0.161, 0.327, 0.9, 0.9800255409045097, 1, 1],
  a: [
    [],
    [0.161],
    [-0.008480655492356989, 0.335480655492357],
    [2.897153057105493, -6.359448489975075, 4.3622954328695815],
    [5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525],
    [5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401, -0.028269050394068383],
    [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774],
  ],
  b: [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774, 0],
  e: [
    -0.00178001105222577714, -0.0008164344596567469, 0.007880878010261995, -0.1447110071732629, 0.5823571654525552,
    -0.45808210592918697, 0.015151515151515152, 0,
  ],
  fsal: true,
  // Drop the zero constant term: P[i][j] multiplies θ^(j+1).
  P: [...bTheta.map((p) => p.slice(1)), [0, 0, 0, 0]],
  stiffnessStage: 5,
};
