/**
 * Problems and the error measure of scipy's solve_ivp test suite
 * (scipy/integrate/_ivp/tests/test_ivp.py, fun_rational / sol_rational, fun_linear /
 * sol_linear, compute_error), so our tests hold our solvers to scipy's published bounds.
 */

/** y0' = y1/t, y1' = y1(y0 + 2y1 − 1)/(t(y0 − 1)); exact y = (t/(t+10), 10t/(t+10)²). */
export function funRational(t: number, y: Float64Array, dy: Float64Array): void {
  dy[0] = y[1] / t;
  dy[1] = (y[1] * (y[0] + 2 * y[1] - 1)) / (t * (y[0] - 1));
}
export const solRational = (t: number): number[] => [t / (t + 10), (10 * t) / (t + 10) ** 2];

/** y' = [[−1, −5], [1, 1]] y; exact y = (−5 sin 2t, 2 cos 2t + sin 2t) (crosses zero). */
export function funLinear(_t: number, y: Float64Array, dy: Float64Array): void {
  dy[0] = -y[0] - 5 * y[1];
  dy[1] = y[0] + y[1];
}
export function jacLinear(_t: number, _y: Float64Array, J: Float64Array): void {
  J[0] = -1;
  J[1] = -5;
  J[2] = 1;
  J[3] = 1;
}
export const solLinear = (t: number): number[] => [-5 * Math.sin(2 * t), 2 * Math.cos(2 * t) + Math.sin(2 * t)];

/** scipy's compute_error: RMS over components of (y − y_true)/(atol + rtol |y_true|). */
export function computeError(y: ArrayLike<number>, yTrue: number[], rtol: number, atol: number): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += ((y[i] - yTrue[i]) / (atol + rtol * Math.abs(yTrue[i]))) ** 2;
  return Math.sqrt(s / yTrue.length);
}

/** n points from a to b inclusive (numpy's linspace, default 50). */
export function linspace(a: number, b: number, n = 50): number[] {
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? b : a + ((b - a) * k) / (n - 1)));
}
