import { OdeArgumentError } from "../ode/errors";

/**
 * All roots of the complex polynomial Σ_j (cr[j] + i·ci[j]) x^j (coefficients lowest degree first,
 * the leading one non-zero) by the Aberth–Ehrlich iteration (O. Aberth, Math. Comp. 27 (1973) 339,
 * doi:10.1090/S0025-5718-1973-0329236-7): simultaneous Newton corrections with the other roots
 * deflated, cubically convergent for simple roots. Starts on a circle of Cauchy's bound radius,
 * rotated off the axes. For the small degrees (≤ 7) of multistep characteristic polynomials.
 */
export function polynomialRoots(cr: ArrayLike<number>, ci: ArrayLike<number>): { re: number[]; im: number[] } {
  const deg = cr.length - 1;
  if (deg < 1 || ci.length !== cr.length)
    throw new OdeArgumentError(
      "coefficients",
      `need ≥ 2 real and imaginary parts of equal length, got ${cr.length}, ${ci.length}`,
    );
  const lr = cr[deg];
  const li = ci[deg];
  const l2 = lr * lr + li * li;
  if (!(l2 > 0)) throw new OdeArgumentError("coefficients", `the leading coefficient (degree ${deg}) is zero`);
  // Monic coefficients a_j = c_j / c_deg.
  const ar = new Float64Array(deg + 1);
  const ai = new Float64Array(deg + 1);
  let bound = 0;
  for (let j = 0; j <= deg; j++) {
    ar[j] = (cr[j] * lr + ci[j] * li) / l2;
    ai[j] = (ci[j] * lr - cr[j] * li) / l2;
    if (j < deg) bound = Math.max(bound, Math.hypot(ar[j], ai[j]));
  }
  const radius = 1 + bound; // Cauchy's bound on |x|
  const xr = new Float64Array(deg);
  const xi = new Float64Array(deg);
  for (let k = 0; k < deg; k++) {
    const phi = (2 * Math.PI * k) / deg + 0.4;
    xr[k] = 0.5 * radius * Math.cos(phi);
    xi[k] = 0.5 * radius * Math.sin(phi);
  }
  for (let it = 0; it < 500; it++) {
    let moved = 0;
    for (let k = 0; k < deg; k++) {
      // p(x) and p'(x) by Horner.
      let pr = 1;
      let pi = 0;
      let dr = 0;
      let di = 0;
      for (let j = deg - 1; j >= 0; j--) {
        const ndr = dr * xr[k] - di * xi[k] + pr;
        const ndi = dr * xi[k] + di * xr[k] + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * xr[k] - pi * xi[k] + ar[j];
        const npi = pr * xi[k] + pi * xr[k] + ai[j];
        pr = npr;
        pi = npi;
      }
      if (pr === 0 && pi === 0) continue;
      // Newton ratio N = p/p'; Aberth: w = N / (1 − N Σ_{m≠k} 1/(x_k − x_m)).
      const d2 = dr * dr + di * di;
      const nr = (pr * dr + pi * di) / d2;
      const ni = (pi * dr - pr * di) / d2;
      let sr = 0;
      let si = 0;
      for (let m = 0; m < deg; m++) {
        if (m === k) continue;
        const er = xr[k] - xr[m];
        const ei = xi[k] - xi[m];
        const e2 = er * er + ei * ei;
        sr += er / e2;
        si -= ei / e2;
      }
      const qr = 1 - (nr * sr - ni * si);
      const qi = -(nr * si + ni * sr);
      const q2 = qr * qr + qi * qi;
      const wr = d2 > 0 && q2 > 0 ? (nr * qr + ni * qi) / q2 : 0;
      const wi = d2 > 0 && q2 > 0 ? (ni * qr - nr * qi) / q2 : 0;
      xr[k] -= wr;
      xi[k] -= wi;
      moved = Math.max(moved, Math.hypot(wr, wi) / Math.max(1, Math.hypot(xr[k], xi[k])));
    }
    if (moved < 1e-15) break;
  }
  return { re: Array.from(xr), im: Array.from(xi) };
}
