import { OdeArgumentError } from "../../ode/errors";
import type { RhsInPlace } from "../../ode/types";
import { etdrk4Coefficients, type Etdrk4Coefficients } from "./etdrk4Coefficients";
import { fft, ifft } from "./fft";
import { hermitianProject } from "./hermitian";
import { KsNonFiniteError, typeName } from "./errors";
import { checkArrayLike } from "../../ode/errors";

export interface KsOptions {
  /** Grid points (power of two ≥ 4). */
  n: number;
  /** Domain length (periodic). */
  length: number;
  /** ETDRK4 step, > 0. */
  dt: number;
  /** Apply the 2/3 rule to the nonlinear term (default false). */
  dealias?: boolean;
  /** Points on the contour for the ETDRK4 coefficients (default 32). */
  contourPoints?: number;
}

function checkGrid(n: number, L: number, lengthName = "L"): void {
  if (!(Number.isInteger(n) && n >= 4 && (n & (n - 1)) === 0))
    throw new OdeArgumentError("n", `must be a power of two ≥ 4, got ${n}`);
  if (!(L > 0 && Number.isFinite(L))) throw new OdeArgumentError(lengthName, `must be a finite number > 0, got ${L}`);
}

/** Wavenumbers q_j = 2π j'/L in FFT order, the Nyquist mode set to 0 (as in kursiv.m). */
function wavenumbers(n: number, L: number): Float64Array {
  return Float64Array.from({ length: n }, (_, j) => ((2 * Math.PI) / L) * (j < n / 2 ? j : j === n / 2 ? 0 : j - n));
}

/** 1 where the 2/3 rule keeps mode j (|j'| ≤ n/3), 0 elsewhere; all ones without dealiasing. */
function dealiasMask(n: number, dealias: boolean): Float64Array {
  return Float64Array.from({ length: n }, (_, j) => (dealias && (j <= n / 2 ? j : n - j) > n / 3 ? 0 : 1));
}

/**
 * Kuramoto–Sivashinsky u_t = −u u_x − u_xx − u_xxxx on a periodic domain, in Fourier space
 * û_t = (q² − q⁴) û − (i q/2) F(u²), advanced by ETDRK4 (Cox & Matthews 2002) with the contour-
 * integral coefficients of Kassam & Trefethen (2005). All work arrays are allocated once.
 */
export class KuramotoSivashinsky {
  readonly n: number;
  readonly length: number;
  readonly dt: number;
  /** Grid x_j = L j / n. */
  readonly x: Float64Array;
  private readonly c: Etdrk4Coefficients;
  private readonly g: Float64Array; // −q/2: the nonlinear term is i·g·F(u²)
  private readonly mask: Float64Array;
  private readonly w: Float64Array[];

  constructor(o: KsOptions) {
    const { n, length: L, dt: h } = o;
    checkGrid(n, L, "length");
    if (!(h > 0 && Number.isFinite(h))) throw new OdeArgumentError("dt", `must be a finite number > 0, got ${h}`);
    const M = o.contourPoints ?? 32;
    if (!(Number.isInteger(M) && M >= 4))
      throw new OdeArgumentError("contourPoints", `must be an integer ≥ 4, got ${M}`);
    this.n = n;
    this.length = L;
    this.dt = h;
    this.x = Float64Array.from({ length: n }, (_, i) => (L * i) / n);
    const q = wavenumbers(n, L);
    this.c = etdrk4Coefficients(
      Array.from(q, (v) => v * v - v * v * v * v),
      h,
      M,
    );
    this.g = Float64Array.from(q, (v) => -0.5 * v);
    this.mask = dealiasMask(n, o.dealias ?? false);
    this.w = Array.from({ length: 18 }, () => new Float64Array(n));
  }

  /** N̂(v) = −(i q/2) F((F⁻¹ v)²) into (outRe, outIm). */
  private nonlinear(vr: Float64Array, vi: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n;
    const ur = this.w[16];
    const ui = this.w[17];
    ur.set(vr);
    ui.set(vi);
    ifft(ur, ui);
    for (let i = 0; i < n; i++) {
      ur[i] = ur[i] * ur[i];
      ui[i] = 0;
    }
    fft(ur, ui);
    for (let j = 0; j < n; j++) {
      const m = this.mask[j] * this.g[j]; // (i m)(a + i b) = −m b + i m a
      outRe[j] = -m * ui[j];
      outIm[j] = m * ur[j];
    }
  }

  /**
   * Advances the physical field u (in place) by `steps` ETDRK4 steps. `t0` (default 0) is the time
   * of u, used only to say where a run went non-finite (KsNonFiniteError carries that time).
   * Allocates nothing.
   */
  advance(u: Float64Array, steps: number, t0 = 0): void {
    const n = this.n;
    if (!(u instanceof Float64Array))
      throw new TypeError(`invalid argument u: must be a Float64Array, got ${typeName(u)}`);
    if (u.length !== n) throw new OdeArgumentError("u", `has ${u.length} points, the grid ${n}`);
    if (!(Number.isInteger(steps) && steps >= 0))
      throw new OdeArgumentError("steps", `must be a non-negative integer, got ${steps}`);
    if (!Number.isFinite(t0)) throw new OdeArgumentError("t0", `must be a finite number, got ${t0}`);
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(u[i])) throw new OdeArgumentError("u", `u[${i}] = ${u[i]} is not finite (x = ${this.x[i]})`);
    const [vr, vi, Nvr, Nvi, ar, ai, Nar, Nai, br, bi, Nbr, Nbi, cr, ci, Ncr, Nci] = this.w;
    const { E, E2, Q, f1, f2, f3 } = this.c;
    vr.set(u);
    vi.fill(0);
    fft(vr, vi);
    let lastSize = hermitianProject(vr, vi);
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
        cr[j] = E2[j] * ar[j] + Q[j] * (2 * Nbr[j] - Nvr[j]);
        ci[j] = E2[j] * ai[j] + Q[j] * (2 * Nbi[j] - Nvi[j]);
      }
      this.nonlinear(cr, ci, Ncr, Nci);
      for (let j = 0; j < n; j++) {
        vr[j] = E[j] * vr[j] + Nvr[j] * f1[j] + 2 * (Nar[j] + Nbr[j]) * f2[j] + Ncr[j] * f3[j];
        vi[j] = E[j] * vi[j] + Nvi[j] * f1[j] + 2 * (Nai[j] + Nbi[j]) * f2[j] + Nci[j] * f3[j];
      }
      const size = hermitianProject(vr, vi);
      if (!Number.isFinite(size)) {
        const t = t0 + (s + 1) * this.dt;
        throw new KsNonFiniteError(
          t,
          `Kuramoto–Sivashinsky: the field became non-finite in step ${s + 1} of this call, at t = ${t} ` +
            `(dt = ${this.dt}; the last finite spectrum had Σ|û_j| = ${lastSize.toExponential(2)}; a smaller dt may help)`,
        );
      }
      lastSize = size;
    }
    ifft(vr, vi);
    u.set(vr);
  }

  /** Fields saved every `saveEvery` steps: times and fields, the initial field first. */
  solve(u0: ArrayLike<number>, o: { steps: number; saveEvery?: number }): { t: number[]; u: Float64Array[] } {
    checkArrayLike("u0", u0);
    const every = o.saveEvery ?? 1;
    if (!(Number.isInteger(o.steps) && o.steps >= 1))
      throw new OdeArgumentError("steps", `must be a positive integer, got ${o.steps}`);
    if (!(Number.isInteger(every) && every >= 1))
      throw new OdeArgumentError("saveEvery", `must be a positive integer, got ${every}`);
    const u = Float64Array.from(u0);
    const t = [0];
    const out = [u.slice()];
    for (let s = 0; s < o.steps;) {
      const k = Math.min(every, o.steps - s);
      this.advance(u, k, s * this.dt);
      s += k;
      t.push(s * this.dt);
      out.push(u.slice());
    }
    return { t, u: out };
  }
}

export interface KsSystem {
  n: number;
  L: number;
  /** Grid x_j = L j / n. */
  x: Float64Array;
  /** Linear eigenvalues q² − q⁴ of the Fourier modes (FFT order). */
  linear: Float64Array;
  /** Pseudo-spectral right-hand side in physical space, for `solveIVP` (method of lines). */
  rhs: RhsInPlace;
  /** Kassam & Trefethen's initial field cos(2πx/L)(1 + sin(2πx/L)) (cos(x/16)(1 + sin(x/16)) for L = 32π). */
  u0: Float64Array;
}

/** The Kuramoto–Sivashinsky equation on n points of the periodic domain [0, L). */
export function kuramotoSivashinsky(o: { n?: number; L?: number; dealias?: boolean } = {}): KsSystem {
  const n = o.n ?? 64;
  const L = o.L ?? 32 * Math.PI;
  checkGrid(n, L);
  const q = wavenumbers(n, L);
  const mask = dealiasMask(n, o.dealias ?? false);
  const x = Float64Array.from({ length: n }, (_, i) => (L * i) / n);
  const [vr, vi, sr, si] = Array.from({ length: 4 }, () => new Float64Array(n));
  const linear = Float64Array.from(q, (v) => v * v - v * v * v * v);
  return {
    n,
    L,
    x,
    linear,
    u0: Float64Array.from(x, (xi) => Math.cos((2 * Math.PI * xi) / L) * (1 + Math.sin((2 * Math.PI * xi) / L))),
    rhs: (_t, u, d) => {
      if (u.length !== n || d.length !== n)
        throw new OdeArgumentError("u", `the state has ${u.length} points and dydt ${d.length}, the grid ${n}`);
      vr.set(u);
      vi.fill(0);
      fft(vr, vi);
      for (let i = 0; i < n; i++) {
        sr[i] = u[i] * u[i];
        si[i] = 0;
      }
      fft(sr, si);
      for (let j = 0; j < n; j++) {
        const lin = linear[j];
        const m = -0.5 * q[j] * mask[j];
        const re = lin * vr[j] - m * si[j];
        vi[j] = lin * vi[j] + m * sr[j];
        vr[j] = re;
      }
      ifft(vr, vi);
      d.set(vr);
    },
  };
}

export interface Etdrk4KsOptions {
  dt: number;
  steps: number;
  /** Save every this many steps (default 1). */
  saveEvery?: number;
  /** Domain length (default 32π); the grid size is u0.length (a power of two). */
  L?: number;
  dealias?: boolean;
  contourPoints?: number;
}

/** ETDRK4 solution of Kuramoto–Sivashinsky from u0 on [0, L): times and saved fields (u0 first). */
export function etdrk4KS(u0: ArrayLike<number>, o: Etdrk4KsOptions): { t: number[]; u: Float64Array[] } {
  checkArrayLike("u0", u0);
  const ks = new KuramotoSivashinsky({
    n: u0.length,
    length: o.L ?? 32 * Math.PI,
    dt: o.dt,
    dealias: o.dealias,
    contourPoints: o.contourPoints,
  });
  return ks.solve(u0, { steps: o.steps, saveEvery: o.saveEvery });
}
