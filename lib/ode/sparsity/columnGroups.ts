/**
 * Columns of a sparse Jacobian split into groups whose nonzero rows are disjoint, so one
 * evaluation of f at y + Σ_{j∈group} δ_j e_j gives every column of a group (Curtis, Powell &
 * Reid, "On the estimation of sparse Jacobian matrices", J. Inst. Maths Applics 13 (1974)
 * 117–119). `rowStart`/`rows` list each column's possible nonzero rows (compressed sparse
 * column); null means every row (a dense Jacobian, one column per group).
 */
export interface ColumnGroups {
  readonly n: number;
  readonly count: number;
  /** Columns of group g: columns[groupStart[g] … groupStart[g + 1] − 1]. */
  readonly groupStart: Int32Array;
  readonly columns: Int32Array;
  /** Rows of column j: rows[rowStart[j] … rowStart[j + 1] − 1]; null: all n rows. */
  readonly rowStart: Int32Array | null;
  readonly rows: Int32Array | null;
}

/** One column per group, every row: the dense case. */
export function denseGroups(n: number): ColumnGroups {
  const columns = Int32Array.from({ length: n }, (_, j) => j);
  const groupStart = Int32Array.from({ length: n + 1 }, (_, g) => g);
  return { n, count: n, groupStart, columns, rowStart: null, rows: null };
}

/** A band (lower, upper): columns j ≡ g (mod lower + upper + 1) share group g (CPR's grouping, optimal for a band). */
export function bandGroups(n: number, lower: number, upper: number): ColumnGroups {
  const width = Math.min(n, lower + upper + 1);
  const columns = new Int32Array(n);
  const groupStart = new Int32Array(width + 1);
  let k = 0;
  for (let g = 0; g < width; g++) {
    groupStart[g] = k;
    for (let j = g; j < n; j += width) columns[k++] = j;
  }
  groupStart[width] = k;
  const rowStart = new Int32Array(n + 1);
  const rows: number[] = [];
  for (let j = 0; j < n; j++) {
    rowStart[j] = rows.length;
    for (let i = Math.max(0, j - upper); i <= Math.min(n - 1, j + lower); i++) rows.push(i);
  }
  rowStart[n] = rows.length;
  return { n, count: width, groupStart, columns, rowStart, rows: Int32Array.from(rows) };
}

/**
 * Groups for a general pattern, `pattern[i]` listing the columns j where ∂f_i/∂y_j may be
 * nonzero (scipy's `jac_sparsity`, by rows): CPR's sequential greedy colouring — column j joins
 * the first group none of whose columns shares a row with it. Validated by the caller.
 */
export function sparsityGroups(n: number, pattern: ArrayLike<ArrayLike<number>>): ColumnGroups {
  // Transpose the row lists to column lists (rows of each column), duplicates dropped.
  const count = new Int32Array(n + 1);
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const row = pattern[i];
    for (let q = 0; q < row.length; q++) {
      const j = row[q];
      if (seen[j] === i) continue;
      seen[j] = i;
      count[j + 1]++;
    }
  }
  for (let j = 0; j < n; j++) count[j + 1] += count[j];
  const rowStart = count.slice();
  const rows = new Int32Array(rowStart[n]);
  const fill = rowStart.slice(0, n);
  seen.fill(-1);
  for (let i = 0; i < n; i++) {
    const row = pattern[i];
    for (let q = 0; q < row.length; q++) {
      const j = row[q];
      if (seen[j] === i) continue;
      seen[j] = i;
      rows[fill[j]++] = i;
    }
  }
  // forbidden[g] === j: a column sharing a row with column j is already in group g.
  const group = new Int32Array(n).fill(-1);
  const forbidden = new Int32Array(n + 1).fill(-1);
  let groups = 0;
  for (let j = 0; j < n; j++) {
    for (let p = rowStart[j]; p < rowStart[j + 1]; p++) {
      const row = pattern[rows[p]];
      for (let q = 0; q < row.length; q++) {
        const g = group[row[q]];
        if (g >= 0) forbidden[g] = j;
      }
    }
    let g = 0;
    while (forbidden[g] === j) g++;
    group[j] = g;
    if (g + 1 > groups) groups = g + 1;
  }
  const groupStart = new Int32Array(groups + 1);
  for (let j = 0; j < n; j++) groupStart[group[j] + 1]++;
  for (let g = 0; g < groups; g++) groupStart[g + 1] += groupStart[g];
  const columns = new Int32Array(n);
  const next = groupStart.slice(0, groups);
  for (let j = 0; j < n; j++) columns[next[group[j]]++] = j;
  return { n, count: groups, groupStart, columns, rowStart, rows };
}

/** Rows of a periodic band: row i has columns (i + k) mod n, −lower ≤ k ≤ upper. */
export function periodicBandPattern(n: number, lower: number, upper: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const row: number[] = [];
    for (let k = -lower; k <= upper; k++) row.push((((i + k) % n) + n) % n);
    return row;
  });
}

/**
 * A periodic band: columns j and k share a row iff their cyclic distance is ≤ lower + upper, so
 * the cycle is cut into q = ⌊n/w⌋ blocks of ⌊n/q⌋ or ⌈n/q⌉ consecutive columns (w = lower +
 * upper + 1) and a column's group is its place in its block: equal places are ≥ w apart, also
 * across the wrap. ⌈n/q⌉ groups, the chromatic number of the cycle's (w − 1)-th power (Prowse &
 * Woodall, "Choosability of powers of circuits", Graphs Combin. 19, 2003); CPR's greedy in
 * natural order needs up to 2w − 1 (9 instead of 6 for n = 64, w = 5).
 */
export function periodicBandGroups(n: number, lower: number, upper: number): ColumnGroups {
  const w = lower + upper + 1;
  const q = Math.max(1, Math.floor(n / w));
  const count = Math.ceil(n / q);
  const long = n % q; // the first `long` blocks hold ⌈n/q⌉ columns, the rest ⌊n/q⌋
  const place = new Int32Array(n);
  let j = 0;
  for (let b = 0; b < q; b++) {
    const size = b < long ? Math.ceil(n / q) : Math.floor(n / q);
    for (let p = 0; p < size; p++) place[j++] = p;
  }
  const groupStart = new Int32Array(count + 1);
  for (let c = 0; c < n; c++) groupStart[place[c] + 1]++;
  for (let g = 0; g < count; g++) groupStart[g + 1] += groupStart[g];
  const columns = new Int32Array(n);
  const next = groupStart.slice(0, count);
  for (let c = 0; c < n; c++) columns[next[place[c]]++] = c;
  const rowStart = new Int32Array(n + 1);
  const rows = new Int32Array(n * w);
  for (let c = 0; c < n; c++) {
    rowStart[c] = c * w;
    // Column c appears in rows i with (c − i) mod n ∈ [−lower, upper], i.e. i = c − upper … c + lower.
    for (let k = 0; k < w; k++) rows[c * w + k] = (((c - upper + k) % n) + n) % n;
  }
  rowStart[n] = n * w;
  return { n, count, groupStart, columns, rowStart, rows };
}
