/** Coefficients (constant term first) of the product of polynomials given the same way. */
export function polyProduct(...factors: number[][]): number[] {
  let out = [1];
  for (const f of factors) {
    const next = new Array<number>(out.length + f.length - 1).fill(0);
    for (let i = 0; i < out.length; i++) for (let j = 0; j < f.length; j++) next[i + j] += out[i] * f[j];
    out = next;
  }
  return out;
}
