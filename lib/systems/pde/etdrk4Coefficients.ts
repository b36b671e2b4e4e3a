import { OdeArgumentError } from "../../ode/errors";
import { checkArrayLike } from "../../ode/errors";

/**
 * ETDRK4 coefficients (Cox & Matthews 2002) for a diagonal linear part with real eigenvalues λ_j,
 * evaluated as Kassam & Trefethen (2005, SIAM J. Sci. Comput. 26(4), eq. 2.5 and their kursiv.m)
 * do: each φ-function is averaged over M points z = hλ + e^{iθ} on a unit circle around hλ
 * (Cauchy's integral formula), which avoids the cancellation in (e^z − 1 − z − …)/z³ for small z.
 * For real λ the real part of the mean over the upper half circle equals that over the whole one,
 * so the M points are θ_k = π(k − ½)/M, k = 1…M.
 */
export interface Etdrk4Coefficients {
  /** e^{hλ} */
  E: Float64Array;
  /** e^{hλ/2} */
  E2: Float64Array;
  /** h (e^{hλ/2} − 1)/(hλ) */
  Q: Float64Array;
  /** h (−4 − z + e^z (4 − 3z + z²))/z³ */
  f1: Float64Array;
  /** h (2 + z + e^z (−2 + z))/z³ */
  f2: Float64Array;
  /** h (−4 − 3z − z² + e^z (4 − z))/z³ */
  f3: Float64Array;
}

/** Minimal complex arithmetic for the set-up (not used in any time loop). */
class Complex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
  static real(x: number): Complex {
    return new Complex(x, 0);
  }
  add(o: Complex): Complex {
    return new Complex(this.re + o.re, this.im + o.im);
  }
  sub(o: Complex): Complex {
    return new Complex(this.re - o.re, this.im - o.im);
  }
  mul(o: Complex): Complex {
    return new Complex(this.re * o.re - this.im * o.im, this.re * o.im + this.im * o.re);
  }
  scale(s: number): Complex {
    return new Complex(this.re * s, this.im * s);
  }
  div(o: Complex): Complex {
    const d = o.re * o.re + o.im * o.im;
    return new Complex((this.re * o.re + this.im * o.im) / d, (this.im * o.re - this.re * o.im) / d);
  }
  exp(): Complex {
    const e = Math.exp(this.re);
    return new Complex(e * Math.cos(this.im), e * Math.sin(this.im));
  }
}

export function etdrk4Coefficients(lambda: ArrayLike<number>, h: number, M = 32): Etdrk4Coefficients {
  checkArrayLike("lambda", lambda);
  if (!(h > 0 && Number.isFinite(h))) throw new OdeArgumentError("h", `must be a finite number > 0, got ${h}`);
  if (!(Number.isInteger(M) && M >= 4)) throw new OdeArgumentError("M", `must be an integer ≥ 4, got ${M}`);
  const n = lambda.length;
  for (let j = 0; j < n; j++)
    if (!Number.isFinite(lambda[j])) throw new OdeArgumentError("lambda", `lambda[${j}] = ${lambda[j]} is not finite`);
  const out: Etdrk4Coefficients = {
    E: new Float64Array(n),
    E2: new Float64Array(n),
    Q: new Float64Array(n),
    f1: new Float64Array(n),
    f2: new Float64Array(n),
    f3: new Float64Array(n),
  };
  const one = Complex.real(1);
  for (let j = 0; j < n; j++) {
    out.E[j] = Math.exp(h * lambda[j]);
    out.E2[j] = Math.exp((h * lambda[j]) / 2);
    let sQ = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 1; k <= M; k++) {
      const th = (Math.PI * (k - 0.5)) / M;
      const z = new Complex(h * lambda[j] + Math.cos(th), Math.sin(th));
      const ez = z.exp();
      const ez2 = new Complex(z.re / 2, z.im / 2).exp();
      const z2 = z.mul(z);
      const z3 = z2.mul(z);
      sQ += ez2.sub(one).div(z).re;
      // (−4 − z + e^z (4 − 3z + z²)) / z³
      s1 += Complex.real(-4)
        .sub(z)
        .add(ez.mul(Complex.real(4).sub(z.scale(3)).add(z2)))
        .div(z3).re;
      // (2 + z + e^z (−2 + z)) / z³
      s2 += Complex.real(2)
        .add(z)
        .add(ez.mul(Complex.real(-2).add(z)))
        .div(z3).re;
      // (−4 − 3z − z² + e^z (4 − z)) / z³
      s3 += Complex.real(-4)
        .sub(z.scale(3))
        .sub(z2)
        .add(ez.mul(Complex.real(4).sub(z)))
        .div(z3).re;
    }
    out.Q[j] = (h * sQ) / M;
    out.f1[j] = (h * s1) / M;
    out.f2[j] = (h * s2) / M;
    out.f3[j] = (h * s3) / M;
  }
  return out;
}
