import { checkParam, type DynamicalSystem } from "./types";
import { checkLength } from "../../ode/linalg/checkLength";

export interface RosslerParams {
  a?: number;
  b?: number;
  c?: number;
}

/** Rössler (1976): x' = −y − z, y' = x + ay, z' = b + z(x − c). */
export function rossler(p: RosslerParams = {}): DynamicalSystem & { params: { a: number; b: number; c: number } } {
  const { a = 0.2, b = 0.2, c = 5.7 } = p;
  checkParam("a", a);
  checkParam("b", b);
  checkParam("c", c);
  return {
    name: "Rössler",
    n: 3,
    params: { a, b, c },
    rhs: (t, y, d) => {
      checkLength("y", y, 3, "Rössler rhs", true, t);
      checkLength("dydt", d, 3, "Rössler rhs", true, t);
      d[0] = -y[1] - y[2];
      d[1] = y[0] + a * y[1];
      d[2] = b + y[2] * (y[0] - c);
    },
    jacobian: (t, y, J) => {
      checkLength("y", y, 3, "Rössler jacobian", true, t);
      checkLength("jac", J, 9, "Rössler jacobian", true, t);
      J[0] = 0;
      J[1] = -1;
      J[2] = -1;
      J[3] = 1;
      J[4] = a;
      J[5] = 0;
      J[6] = y[2];
      J[7] = 0;
      J[8] = y[0] - c;
    },
    y0: [1, 1, 0],
  };
}
