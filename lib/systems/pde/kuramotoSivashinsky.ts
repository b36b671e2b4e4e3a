import { OdeArgumentError } from "../../ode/errors";
import { fft, ifft } from "./fft";

export interface KsOptions {
  /** Grid points (power of two). */
  n: number;
  /** Domain length (periodic). */
  length: number;
  dt: number;
  /** Apply the 2/3 rule to the nonlinear term (default false). */
  dealias?: boolean;
  /** Points on the contour for the ETDRK4 coefficients (default 32). */
  contourPoints?: number;
}

/**
 * Kuramoto–Sivashinsky u_t = −u u_x − u_xx − u_xxxx on a periodic domain, in Fourier space
 * û_t = (q² − q⁴) û − (i q/2) F(u²), advanced by ETDRK4 (Cox & Matthews 2002) with the
 * coefficients evaluated by contour integrals around each h·λ (Kassam & Trefethen 2005,
 * SIAM J. Sci. Comput. 26(4), eqs. 2.5 and Sec. 4, their kursiv.m), which avoids the
 * cancellation in (e^z − 1 − z…)/z³ for small z.
 */
export class KuramotoSivashinsky {
  readonly n: number;
  readonly length: number;
  readonly dt: number;
  readonly x: Float64Array;
  private readonly E: Float64Array;
  private readonly E2: Float64Array;
  private readonly Q: Float64Array;
  private readonly f1: Float64Array;
  private readonly f2: Float64Array;
  private readonly f3: Float64Array;
  private readonly g: Float64Array; // imaginary part of −i q/2 (real part 0)
  private readonly mask: Float64Array;
  private readonly w: Float64Array[]; // work arrays (re/im pairs)

  constructor(o: KsOptions) {
    const { n, length: Lx, dt: h } = o;
    if (!(n >= 4 && (n & (n - 1)) === 0)) throw new OdeArgumentError("n", `must be a power of two ≥ 4, got ${n}`);
    if (!(Lx > 0)) throw new OdeArgumentError("length", `must be > 0, got ${Lx}`);
    if (!(h > 0)) throw new OdeArgumentError("dt", `must be > 0, got ${h}`);
    this.n = n;
    this.length = Lx;
    this.dt = h;
    this.x = Float64Array.from({ length: n }, (_, i) => (Lx * i) / n);
    const q = Float64Array.from(
      { length: n },
      (_, j) => ((2 * Math.PI) / Lx) * (j < n / 2 ? j : j === n / 2 ? 0 : j - n),
    );
    const lin = Float64Array.from(q, (v) => v * v - v * v * v * v);
    this.E = Float64Array.from(lin, (l) => Math.exp(h * l));
    this.E2 = Float64Array.from(lin, (l) => Math.exp((h * l) / 2));
    const M = o.contourPoints ?? 32;
    this.Q = new Float64Array(n);
    this.f1 = new Float64Array(n);
    this.f2 = new Float64Array(n);
    this.f3 = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let sQ = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 1; k <= M; k++) {
        // z = hλ + e^{iπ(k−½)/M}: points on the unit circle around hλ (upper half; the real
        // part of the mean over the full circle equals that over the upper half for real λ).
        const ang = (Math.PI * (k - 0.5)) / M;
        const zr = h * lin[j] + Math.cos(ang);
        const zi = Math.sin(ang);
        const c = new Complex(zr, zi);
        const ez = c.exp();
        const ez2 = new Complex(zr / 2, zi / 2).exp();
        const z2 = c.mul(c);
        const z3 = z2.mul(c);
        sQ += ez2.sub(Complex.one).div(c).re;
        s1 += Complex.real(-4)
          .sub(c)
          .add(ez.mul(Complex.real(4).sub(c.scale(3)).add(z2)))
          .div(z3).re;
        s2 += Complex.real(2)
          .add(c)
          .add(ez.mul(Complex.real(-2).add(c)))
          .div(z3).re;
        s3 += Complex.real(-4)
          .sub(c.scale(3))
          .sub(z2)
          .add(ez.mul(Complex.real(4).sub(c)))
          .div(z3).re;
      }
      this.Q[j] = (h * sQ) / M;
      this.f1[j] = (h * s1) / M;
      this.f2[j] = (h * s2) / M;
      this.f3[j] = (h * s3) / M;
    }
    this.g = Float64Array.from(q, (v) => -0.5 * v);
    this.mask = Float64Array.from({ length: n }, (_, j) => {
      const kk = j <= n / 2 ? j : n - j;
      return o.dealias && kk > n / 3 ? 0 : 1;
    });
    this.w = Array.from({ length: 18 }, () => new Float64Array(n));
  }

  /** N̂(v) = −(i q/2) F((F⁻¹ v)²) into (outRe, outIm). */
  private nonlinear(vr: Float64Array, vi: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n;
    const [ur, ui] = [this.w[12], this.w[13]];
    ur.set(vr);
    ui.set(vi);
    ifft(ur, ui);
    for (let i = 0; i < n; i++) {
      ur[i] = ur[i] * ur[i];
      ui[i] = 0;
    }
    fft(ur, ui);
    for (let j = 0; j < n; j++) {
      // (i g)(a + i b) = −g b + i g a
      const m = this.mask[j] * this.g[j];
      outRe[j] = -m * ui[j];
      outIm[j] = m * ur[j];
    }
  }

  /** Advances `steps` ETDRK4 steps from the physical field u (in place). */
  advance(u: Float64Array, steps: number): void {
    const n = this.n;
    if (u.length !== n) throw new OdeArgumentError("u", `has ${u.length} points, the grid ${n}`);
    const [vr, vi, Nvr, Nvi, ar, ai, Nar, Nai, br, bi, Nbr, Nbi] = this.w;
    vr.set(u);
    vi.fill(0);
    fft(vr, vi);
    const { E, E2, Q, f1, f2, f3 } = this;
    const [ccr, cci, Ncr, Nci] = this.w.slice(14);
    for (let s = 0; s < steps; s++) {
      this.nonlinear(vr, vi, Nvr, Nvi);
      for (let j = 0; j < n; j++) {
        ar[j] = E2[j] * vr[j] + Q[j] * Nvr[j];
        ai[j] = E2[j] * vi[j] + Q[j] * Nvi[j];
      }
      this.nonlinear(ar, ai, Nar, Nai);
      for (let j = 0; j < n; j++) {
        br[j] = E2[j] * vr[j] + Q[j] * Nar[j];
        bi[j] = E2[j] * vi[j] + Q[j] * Nai[j];
      }
      this.nonlinear(br, bi, Nbr, Nbi);
      for (let j = 0; j < n; j++) {
        ccr[j] = E2[j] * ar[j] + Q[j] * (2 * Nbr[j] - Nvr[j]);
        cci[j] = E2[j] * ai[j] + Q[j] * (2 * Nbi[j] - Nvi[j]);
      }
      this.nonlinear(ccr, cci, Ncr, Nci);
      for (let j = 0; j < n; j++) {
        vr[j] = E[j] * vr[j] + Nvr[j] * f1[j] + 2 * (Nar[j] + Nbr[j]) * f2[j] + Ncr[j] * f3[j];
        vi[j] = E[j] * vi[j] + Nvi[j] * f1[j] + 2 * (Nai[j] + Nbi[j]) * f2[j] + Nci[j] * f3[j];
      }
    }
    ifft(vr, vi);
    for (let i = 0; i < n; i++) {
      u[i] = vr[i];
      if (!Number.isFinite(u[i]))
        throw new Error(`Kuramoto–Sivashinsky: non-finite field at x=${this.x[i]} (dt too large?)`);
    }
  }

  /** Solution saved every `saveEvery` steps: times and fields (the initial field first). */
  solve(u0: ArrayLike<number>, o: { steps: number; saveEvery?: number }): { t: number[]; u: Float64Array[] } {
    const every = o.saveEvery ?? 1;
    const u = Float64Array.from(u0);
    const t = [0];
    const out = [u.slice()];
    for (let s = every; s <= o.steps; s += every) {
      this.advance(u, every);
      t.push(s * this.dt);
      out.push(u.slice());
    }
    return { t, u: out };
  }

  /**
   * Largest Lyapunov exponent by the two-trajectory method (Benettin et al. 1976): a copy
   * perturbed by `eps` (in L2 norm) follows the reference; every `renormEvery` steps the log of
   * the separation growth is accumulated and the copy is pulled back to distance eps.
   */
  largestLyapunov(
    u0: ArrayLike<number>,
    o: { steps: number; transient?: number; eps?: number; renormEvery?: number },
  ): number {
    const eps = o.eps ?? 1e-7;
    const every = o.renormEvery ?? 10;
    const u = Float64Array.from(u0);
    if (o.transient) this.advance(u, o.transient);
    const v = u.slice();
    const n = this.n;
    for (let i = 0; i < n; i++) v[i] += (eps / Math.sqrt(n)) * Math.cos((2 * Math.PI * 3 * i) / n + 0.3);
    const dist = () => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (v[i] - u[i]) ** 2;
      return Math.sqrt(s);
    };
    let d0 = dist();
    let sum = 0;
    let steps = 0;
    while (steps < o.steps) {
      this.advance(u, every);
      this.advance(v, every);
      steps += every;
      const d = dist();
      sum += Math.log(d / d0);
      for (let i = 0; i < n; i++) v[i] = u[i] + ((v[i] - u[i]) * eps) / d;
      d0 = eps;
    }
    return sum / (steps * this.dt);
  }
}

/** Minimal complex arithmetic for the coefficient set-up (not used in the time loop). */
class Complex {
  static readonly one = new Complex(1, 0);
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
