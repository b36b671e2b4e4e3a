import { OdeArgumentError } from "../../ode/errors";

/**
 * Projects a length-n spectrum (FFT order) onto the spectra of real fields, in place:
 * v_{n−j} = conj(v_j), Im v_0 = 0 and Im v_{n/2} = 0 (the Nyquist mode of a real field is real).
 * Each pair is replaced by its conjugate-symmetric mean, which removes exactly the round-off part
 * that a real field cannot have. Without it, a pseudo-spectral KS step lets that part grow: the
 * nonlinear term sees only the real part of F⁻¹v, so the imaginary field evolves under the linear
 * operator alone and its unstable modes (0 < |q| < 1) grow like e^{(q²−q⁴)t} until overflow.
 * Returns Σ_j |Re v_j| + |Im v_j| (NaN or ∞ when the spectrum is not finite). Allocates nothing.
 */
export function hermitianProject(re: Float64Array, im: Float64Array): number {
  const n = re.length;
  if (im.length !== n) throw new OdeArgumentError("im", `has length ${im.length}, re has ${n}`);
  if (n % 2 !== 0) throw new OdeArgumentError("re", `length ${n} must be even`);
  const half = n / 2;
  im[0] = 0;
  im[half] = 0;
  let size = Math.abs(re[0]) + Math.abs(re[half]);
  for (let j = 1; j < half; j++) {
    const k = n - j;
    const a = 0.5 * (re[j] + re[k]);
    const b = 0.5 * (im[j] - im[k]);
    re[j] = a;
    re[k] = a;
    im[j] = b;
    im[k] = -b;
    size += 2 * (Math.abs(a) + Math.abs(b));
  }
  return size;
}
