import type { CountedRhs, JacobianInPlace, OdeStats, StepperConfig } from "./types";
import type { IterationMatrix } from "./linalg/iterationMatrix";
import { checkAnalyticJacobian } from "./jacobianCheck";
import type { Rtol } from "./jacobianCheck";
import type { ColumnGroups } from "./sparsity/columnGroups";
import { bandGroups, denseGroups, periodicBandGroups, sparsityGroups } from "./sparsity/columnGroups";
import { createIterationMatrix } from "./linalg/iterationMatrix";
import { checkLength } from "./linalg/checkLength";
import { OdeArgumentError } from "./errors";

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/**
 * Forward-difference Jacobian ∂f/∂y at (t, y) into dense row-major `jac`, given f0 = f(t, y).
 * Increments `delta` when given (see `differenceIncrements`), else δ_j = sqrt(u·max(1e-5, |y_j|))
 * as in Hairer's RODAS (subroutine JACOBIAN of decsol/rodas.f). `y` is perturbed and restored;
 * `work` has length n.
 */
export function finiteDifferenceJacobian(
  f: CountedRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  jac: Float64Array,
  work: Float64Array,
  stats: OdeStats,
  delta?: Float64Array,
): void {
  const n = y.length;
  checkLength("f0", f0, n, "the state's length", true);
  checkLength("jac", jac, n * n, "n² for the state's length n", true);
  checkLength("work", work, n, "the state's length", true);
  if (delta) checkLength("delta", delta, n, "the state's length", true);
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    const step = delta ? delta[j] : Math.sqrt(Number.EPSILON * Math.max(1e-5, Math.abs(yj)));
    y[j] = yj + step;
    f(t, y, work);
    y[j] = yj;
    const inv = 1 / step;
    for (let i = 0; i < n; i++) jac[i * n + j] = (work[i] - f0[i]) * inv;
  }
  stats.njev++;
}

/**
 * Difference increments scaled by the error weights, as CVODE's difference-quotient Jacobian
 * (Hindmarsh et al., "SUNDIALS", ACM TOMS 31 (2005); CVODE user guide, "Difference quotient
 * Jacobian"): δ_j = max(√u·|y_j|, σ0·s_j) with s_j = atol_j + rtol_j·|y_j| the error scale (1/w_j)
 * and σ0 = 1000·|h|·u·n·‖f0‖_wrms (1 when f0 = 0). A component far below 1 in size then gets
 * an increment of its own size, not the √(u·1e-5) ≈ 5e-11 floor of a fixed rule, which dwarfs
 * ROBER's y₂ (7e-8 at t = 1e5, 8e-14 at t = 1e11). Each δ_j is made exactly representable, (y_j + δ_j) − y_j.
 */
export function differenceIncrements(
  y: Float64Array,
  f0: Float64Array,
  h: number,
  rtol: Rtol,
  atol: Float64Array,
  delta: Float64Array,
): Float64Array {
  const n = y.length;
  checkLength("f0", f0, n, "the state's length", true);
  checkLength("atol", atol, n, "the state's length", true);
  checkLength("delta", delta, n, "the state's length", true);
  if (typeof rtol !== "number") checkLength("rtol", rtol, n, "the state's length", true);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const s = atol[j] + rtolAt(rtol, j) * Math.abs(y[j]);
    const e = s > 0 ? f0[j] / s : 0;
    sum += e * e;
  }
  const fNorm = Math.sqrt(sum / Math.max(1, n));
  const sigma0 = fNorm > 0 && fNorm < Infinity ? 1000 * Math.abs(h) * Number.EPSILON * n * fNorm : 1;
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    const s = atol[j] + rtolAt(rtol, j) * Math.abs(yj);
    let d = Math.max(SQRT_EPS * Math.abs(yj), sigma0 * s);
    // atol_j = 0 at y_j = 0 leaves no scale at all: fall back to √u.
    if (!(d > 0) || d === Infinity) d = SQRT_EPS;
    delta[j] = yj + d - yj;
  }
  return delta;
}

function rtolAt(rtol: Rtol, j: number): number {
  return typeof rtol === "number" ? rtol : rtol[j];
}

/**
 * Forward differences into the storage of `matrix`, dense or banded, one evaluation of f per
 * column group: the columns of a group touch disjoint rows and are perturbed together (Curtis,
 * Powell & Reid 1974; see sparsity/columnGroups.ts), so a band (lower, upper) costs
 * lower + upper + 1 evaluations instead of n. `base` and `work` have length n.
 */
export function groupedDifferenceJacobian(
  f: CountedRhs,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  delta: Float64Array,
  matrix: IterationMatrix,
  groups: ColumnGroups,
  base: Float64Array,
  work: Float64Array,
): void {
  const n = matrix.n;
  for (const [name, buffer] of [
    ["y", y],
    ["f0", f0],
    ["delta", delta],
    ["base", base],
    ["work", work],
  ] as const)
    checkLength(name, buffer, n, "the matrix's n", true);
  if (groups.n !== n) throw new OdeArgumentError("groups", `are for n = ${groups.n}, the matrix has n = ${n}`);
  const jac = matrix.jac;
  const { groupStart, columns, rowStart, rows } = groups;
  base.set(y);
  for (let g = 0; g < groups.count; g++) {
    const c0 = groupStart[g];
    const c1 = groupStart[g + 1];
    for (let c = c0; c < c1; c++) y[columns[c]] += delta[columns[c]];
    f(t, y, work);
    for (let c = c0; c < c1; c++) {
      const j = columns[c];
      y[j] = base[j];
      const inv = 1 / delta[j];
      if (rows === null || rowStart === null) {
        for (let i = 0; i < n; i++) jac[matrix.index(i, j)] = (work[i] - f0[i]) * inv;
      } else {
        for (let p = rowStart[j]; p < rowStart[j + 1]; p++) {
          const i = rows[p];
          jac[matrix.index(i, j)] = (work[i] - f0[i]) * inv;
        }
      }
    }
  }
}

/** Column groups compared per default check (4 evaluations of f each). */
const CHECK_GROUPS = 8;

/** When to compare an analytic Jacobian with finite differences (see OdeOptions.checkJacobian). */
export type JacobianCheckMode = boolean | "always";

/**
 * The Jacobian of a stiff stepper: the analytic one when given (by default checked against
 * finite differences at evaluations 1, 2, 4, 8, …, 8 column groups at a time), else scaled, grouped forward
 * differences. Work arrays are allocated once, here.
 */
export class JacobianEvaluator {
  private evaluations = 0;
  /** First column group of the next default check. */
  private checkNext = 0;
  private readonly delta: Float64Array;
  private readonly base: Float64Array;
  private readonly work: Float64Array;

  constructor(
    private readonly f: CountedRhs,
    private readonly analytic: JacobianInPlace | null,
    readonly matrix: IterationMatrix,
    private readonly stats: OdeStats,
    private readonly rtol: Rtol,
    private readonly atol: Float64Array,
    private readonly check: JacobianCheckMode,
    /** Column groups for the differences (and the check): dense, band or a sparsity pattern. */
    private readonly groups: ColumnGroups,
  ) {
    const n = matrix.n;
    this.delta = new Float64Array(n);
    this.base = new Float64Array(n);
    this.work = new Float64Array(n);
  }

  /**
   * J at (t, y) into `matrix.jac`, given f0 = f(t, y) and the step size h about to be tried.
   * Returns null, or a message naming the first non-finite entry (row, column, t). Throws
   * JacobianMismatchError when a checked analytic Jacobian disagrees with finite differences.
   */
  evaluate(t: number, y: Float64Array, f0: Float64Array, h: number): string | null {
    const count = ++this.evaluations;
    this.stats.njev++;
    const jac = this.matrix.jac;
    if (this.analytic !== null) {
      this.analytic(t, y, jac);
      this.matrix.clearPadding();
      const bad = this.nonFinite("analytic Jacobian", t);
      if (bad !== null) return bad;
      if (this.check === "always") {
        checkAnalyticJacobian(this.f, t, y, f0, this.matrix, this.groups, this.rtol, this.atol);
      } else if (this.check === true && (count & (count - 1)) === 0) {
        // At most CHECK_GROUPS column groups per check, the next ones each time: a large system
        // (an adjoint with its parameters) is covered over the solve at a bounded cost.
        const G = Math.min(CHECK_GROUPS, this.groups.count);
        checkAnalyticJacobian(this.f, t, y, f0, this.matrix, this.groups, this.rtol, this.atol, this.checkNext, G);
        this.checkNext = (this.checkNext + G) % this.groups.count;
      }
      return null;
    }
    differenceIncrements(y, f0, h, this.rtol, this.atol, this.delta);
    groupedDifferenceJacobian(this.f, t, y, f0, this.delta, this.matrix, this.groups, this.base, this.work);
    return this.nonFinite("finite-difference Jacobian", t);
  }

  private nonFinite(what: string, t: number): string | null {
    const jac = this.matrix.jac;
    for (let p = 0; p < jac.length; p++) {
      const v = jac[p];
      if (v - v !== 0) {
        const [i, j] = this.matrix.entryAt(p);
        return `${what} entry (row ${i}, column ${j}) is ${v} at t=${t}`;
      }
    }
    return null;
  }
}

/**
 * The Jacobian evaluator of a stiff stepper from its configuration: dense or banded storage
 * (`jacobianBand`), column groups from `jacobianSparsity`, the band, or one per column.
 */
export function createJacobianEvaluator(
  config: StepperConfig,
  f: CountedRhs,
  stats: OdeStats,
  rtol: Rtol,
  atol: Float64Array,
): JacobianEvaluator {
  const n = config.y0.length;
  const band = config.jacobianBand ?? null;
  const matrix = createIterationMatrix(n, band);
  const sparsity = config.jacobianSparsity ?? null;
  const groups =
    sparsity !== null
      ? sparsityGroups(n, sparsity)
      : band === null
        ? denseGroups(n)
        : band[2] === "periodic"
          ? periodicBandGroups(n, band[0], band[1])
          : bandGroups(n, band[0], band[1]);
  return new JacobianEvaluator(f, config.jacobian, matrix, stats, rtol, atol, config.checkJacobian ?? true, groups);
}
