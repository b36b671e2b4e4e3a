import type { StandardProblem } from "./problem";

/**
 * Arenstorf orbit of the restricted three-body problem (Hairer–Nørsett–Wanner I, Sec. II.0,
 * eq. 0.1), μ = 0.012277471; one period returns to y0. State [y1, y2, y1', y2'].
 */
export function arenstorf(): StandardProblem {
  const mu = 0.012277471;
  const mp = 1 - mu;
  return {
    name: "arenstorf",
    description: "Arenstorf orbit (restricted three-body problem), one period",
    n: 4,
    rhs: (_t, y, d) => {
      const a = y[0] + mu;
      const b = y[0] - mp;
      const r1 = a * a + y[1] * y[1];
      const r2 = b * b + y[1] * y[1];
      const d1 = r1 * Math.sqrt(r1);
      const d2 = r2 * Math.sqrt(r2);
      d[0] = y[2];
      d[1] = y[3];
      d[2] = y[0] + 2 * y[3] - (mp * a) / d1 - (mu * b) / d2;
      d[3] = y[1] - 2 * y[2] - (mp * y[1]) / d1 - (mu * y[1]) / d2;
    },
    jacobian: (_t, y, J) => {
      const a = y[0] + mu;
      const b = y[0] - mp;
      const s = y[1];
      const r1 = a * a + s * s;
      const r2 = b * b + s * s;
      const i3 = 1 / (r1 * Math.sqrt(r1));
      const i5 = i3 / r1;
      const k3 = 1 / (r2 * Math.sqrt(r2));
      const k5 = k3 / r2;
      J.fill(0);
      J[2] = 1;
      J[7] = 1;
      // ∂/∂y of −(1−μ) a / r1^{3/2} − μ b / r2^{3/2}, and of the y2 row.
      J[8] = 1 - mp * (i3 - 3 * a * a * i5) - mu * (k3 - 3 * b * b * k5);
      J[9] = mp * 3 * a * s * i5 + mu * 3 * b * s * k5;
      J[11] = 2;
      J[12] = mp * 3 * a * s * i5 + mu * 3 * b * s * k5;
      J[13] = 1 - mp * (i3 - 3 * s * s * i5) - mu * (k3 - 3 * s * s * k5);
      J[14] = -2;
    },
    y0: [0.994, 0, 0, -2.0015851063790824],
    tSpan: [0, 17.065216560157964],
    stiff: false,
    params: { mu },
    atolFor: (rtol) => 1e-3 * rtol,
    referenceFinal: [0.99399999999972, 3.154463452600953e-13, 4.4622836675722866e-11, -2.001585106422563],
  };
}
