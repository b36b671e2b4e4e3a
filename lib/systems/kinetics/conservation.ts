/**
 * Basis of the left null space of the n × m matrix N (row-major): vectors c with cᵀN = 0, i.e.
 * the null space of Nᵀ, by Gauss–Jordan elimination with partial pivoting. Each basis vector
 * has a 1 at its free species and is then scaled to make its entries small integers when they
 * are rational with small denominators (mass balances usually are).
 */
export function leftNullSpace(N: Float64Array, n: number, m: number, tol = 1e-10): number[][] {
  // A = Nᵀ (m × n); solve A c = 0.
  const A = Array.from({ length: m }, (_, j) => Array.from({ length: n }, (_, i) => N[i * m + j]));
  const pivotCols: number[] = [];
  let row = 0;
  for (let col = 0; col < n && row < m; col++) {
    let best = row;
    for (let r = row + 1; r < m; r++) if (Math.abs(A[r][col]) > Math.abs(A[best][col])) best = r;
    if (Math.abs(A[best][col]) < tol) continue;
    [A[row], A[best]] = [A[best], A[row]];
    const p = A[row][col];
    for (let c = 0; c < n; c++) A[row][c] /= p;
    for (let r = 0; r < m; r++) {
      if (r === row || A[r][col] === 0) continue;
      const f = A[r][col];
      for (let c = 0; c < n; c++) A[r][c] -= f * A[row][c];
    }
    pivotCols.push(col);
    row++;
  }
  const free = Array.from({ length: n }, (_, i) => i).filter((i) => !pivotCols.includes(i));
  return free.map((f) => {
    const c = new Array<number>(n).fill(0);
    c[f] = 1;
    pivotCols.forEach((pc, r) => (c[pc] = -A[r][f]));
    return integerScaled(c);
  });
}

/** Scales v so that its entries are small integers if a multiplier ≤ 12 achieves that. */
function integerScaled(v: number[]): number[] {
  const clean = v.map((x) => (Math.abs(x) < 1e-12 ? 0 : x));
  const minAbs = Math.min(...clean.filter((x) => x !== 0).map(Math.abs));
  const base = clean.map((x) => x / minAbs);
  for (let mult = 1; mult <= 12; mult++) {
    const s = base.map((x) => x * mult);
    if (s.every((x) => Math.abs(x - Math.round(x)) < 1e-9)) {
      const r = s.map((x) => Math.round(x) + 0);
      return r.some((x) => x > 0) ? r : r.map((x) => -x + 0);
    }
  }
  return clean;
}
