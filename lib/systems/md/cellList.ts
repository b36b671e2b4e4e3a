import { OdeArgumentError } from "../../ode/errors";

/**
 * Lennard-Jones energy and forces over a linked-cell list in a periodic cubic (square) box
 * (Allen & Tildesley, Computer Simulation of Liquids, 2nd ed., §5.3): particles are counting-sorted
 * by cell into contiguous arrays (wrapped into [0, box)), and each cell is paired with itself and
 * with half of its 3^d − 1 neighbours (13 in 3-D, 4 in 2-D), so every pair within the cut-off is
 * visited once with no i < j test. Needs at least 3 cells per side, so that a neighbour offset and
 * its opposite never name the same cell. Work arrays are kept between calls; nothing is allocated
 * per call once the particle count is steady.
 */
export interface LjParams {
  dim: 2 | 3;
  box: number;
  rc: number;
  eps: number;
  sigma: number;
  /** Energy shift subtracted per interacting pair (0 for none). */
  shiftE: number;
}

export class LjCellList {
  private readonly nc: number;
  private readonly cells: number;
  /** Per cell: the cells it is paired with, itself first, `stride` entries. */
  private readonly partners: Int32Array;
  private readonly stride: number;
  private cellStart = new Int32Array(0);
  private cursor = new Int32Array(0);
  private cellOf = new Int32Array(0);
  private order = new Int32Array(0);
  private xs = new Float64Array(0);
  private fs = new Float64Array(0);

  constructor(private readonly p: LjParams) {
    this.nc = Math.floor(p.box / p.rc);
    if (this.nc < 3)
      throw new OdeArgumentError(
        "box",
        `the cell list needs box/cutoff ≥ 3, got box ${p.box} / cutoff ${p.rc} = ${p.box / p.rc}`,
      );
    const nc = this.nc;
    this.cells = p.dim === 3 ? nc * nc * nc : nc * nc;
    // Half shell: offsets whose first non-zero component (z, then y, then x) is positive.
    const half: number[][] = [];
    const range = [-1, 0, 1];
    for (const dz of p.dim === 3 ? range : [0])
      for (const dy of range)
        for (const dx of range) {
          const first = dz !== 0 ? dz : dy !== 0 ? dy : dx;
          if (first > 0) half.push([dx, dy, dz]);
        }
    this.stride = half.length + 1;
    this.partners = new Int32Array(this.cells * this.stride);
    const wrap = (v: number) => (v + nc) % nc;
    for (let c = 0; c < this.cells; c++) {
      const cx = c % nc;
      const cy = Math.floor(c / nc) % nc;
      const cz = Math.floor(c / (nc * nc));
      this.partners[c * this.stride] = c;
      half.forEach(([dx, dy, dz], k) => {
        this.partners[c * this.stride + 1 + k] = wrap(cx + dx) + nc * (wrap(cy + dy) + nc * wrap(cz + dz));
      });
    }
  }

  /** Writes F = −∇E into `f` (layout of `x`) and returns E. */
  energyAndForces(x: Float64Array, f: Float64Array): number {
    const { dim, box, eps, sigma, shiftE } = this.p;
    const n = x.length / dim;
    const nc = this.nc;
    if (this.order.length !== n) {
      this.order = new Int32Array(n);
      this.cellOf = new Int32Array(n);
      this.xs = new Float64Array(3 * n);
      this.fs = new Float64Array(3 * n);
    }
    if (this.cellStart.length !== this.cells + 1) {
      this.cellStart = new Int32Array(this.cells + 1);
      this.cursor = new Int32Array(this.cells);
    }
    const { order, cellOf, xs, fs, cellStart, cursor, partners, stride } = this;
    // Counting sort by cell; coordinates wrapped into [0, box).
    cellStart.fill(0);
    const scale = nc / box;
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let a = dim - 1; a >= 0; a--) {
        const w = x[i * dim + a] - box * Math.floor(x[i * dim + a] / box);
        c = c * nc + Math.min(nc - 1, Math.floor(w * scale));
      }
      cellOf[i] = c;
      cellStart[c + 1]++;
    }
    for (let c = 0; c < this.cells; c++) cellStart[c + 1] += cellStart[c];
    cursor.set(cellStart.subarray(0, this.cells));
    for (let i = 0; i < n; i++) {
      const s = cursor[cellOf[i]]++;
      order[s] = i;
      for (let a = 0; a < 3; a++) {
        const v = a < dim ? x[i * dim + a] : 0;
        xs[3 * s + a] = v - box * Math.floor(v / box);
      }
    }
    fs.fill(0);
    const halfBox = box / 2;
    const rc2 = this.p.rc * this.p.rc;
    const s2 = sigma * sigma;
    let E = 0;
    for (let c = 0; c < this.cells; c++) {
      const iEnd = cellStart[c + 1];
      for (let k = 0; k < stride; k++) {
        const nb = partners[c * stride + k];
        const jEnd = cellStart[nb + 1];
        for (let i = cellStart[c]; i < iEnd; i++) {
          const xi = xs[3 * i];
          const yi = xs[3 * i + 1];
          const zi = xs[3 * i + 2];
          let fxi = 0;
          let fyi = 0;
          let fzi = 0;
          // Same cell: j > i; a partner cell: all of its particles.
          for (let j = k === 0 ? i + 1 : cellStart[nb]; j < jEnd; j++) {
            let dx = xi - xs[3 * j];
            let dy = yi - xs[3 * j + 1];
            let dz = zi - xs[3 * j + 2];
            // Minimum image: wrapped coordinates differ by less than one box.
            if (dx > halfBox) dx -= box;
            else if (dx < -halfBox) dx += box;
            if (dy > halfBox) dy -= box;
            else if (dy < -halfBox) dy += box;
            if (dz > halfBox) dz -= box;
            else if (dz < -halfBox) dz += box;
            const r2 = dx * dx + dy * dy + dz * dz;
            if (r2 >= rc2) continue;
            const ir2 = s2 / r2;
            const ir6 = ir2 * ir2 * ir2;
            const fr = (24 * eps * ir6 * (2 * ir6 - 1)) / r2;
            E += 4 * eps * ir6 * (ir6 - 1) - shiftE;
            fxi += fr * dx;
            fyi += fr * dy;
            fzi += fr * dz;
            fs[3 * j] -= fr * dx;
            fs[3 * j + 1] -= fr * dy;
            fs[3 * j + 2] -= fr * dz;
          }
          fs[3 * i] += fxi;
          fs[3 * i + 1] += fyi;
          fs[3 * i + 2] += fzi;
        }
      }
    }
    for (let s = 0; s < n; s++) {
      const i = order[s];
      for (let a = 0; a < dim; a++) f[i * dim + a] = fs[3 * s + a];
    }
    return E;
  }
}
