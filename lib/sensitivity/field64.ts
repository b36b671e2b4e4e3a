/**
 * The primary form of a learnable vector field dh/dt = f_θ(t, h): float64, in place, on a batch of
 * B states stored row-major (B·dim), with its derivatives. Every gradient method of this folder and
 * every analysis of a learned field works on this interface; tfjs models are adapted to it
 * (lib/neural), dense-layer networks and hybrids (known physics + network) implement it directly.
 *
 * Shapes (n = B·dim, P = parameters.length): y, out, a, gy, f: n; gTheta: P; jy: n·n (block
 * diagonal over the batch, row-major); jTheta: n·P (row-major).
 */
export interface Field64 {
  readonly dim: number;
  /** θ, flat. Gradient methods read it; optimizers update it in place. */
  readonly parameters: Float64Array;
  /** f(t, y) into `out`. */
  forward(t: number, y: Float64Array, out: Float64Array): void;
  /** f into `f`, aᵀ∂f/∂y into `gy`, and scale·Σ_batch aᵀ∂f/∂θ *added* to `gTheta` (scale 0: may skip the θ part). */
  vjp(
    t: number,
    y: Float64Array,
    a: Float64Array,
    f: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void;
  /** ∂f/∂y·v + ∂f/∂θ·vTheta into `out` (vTheta null: the state part only); f into `f` when given. */
  jvp(
    t: number,
    y: Float64Array,
    v: Float64Array,
    vTheta: Float64Array | null,
    f: Float64Array | null,
    out: Float64Array,
  ): void;
  /** ∂f/∂y into `jy` and, when given, ∂f/∂θ into `jTheta` (both overwritten). */
  jacobian(t: number, y: Float64Array, jy: Float64Array, jTheta: Float64Array | null): void;
  /**
   * Optional speed-up of reverse mode: floats per sample that `forwardRecord` keeps (e.g. hidden
   * activations) so that `vjpRecorded` at the same point skips the forward pass.
   */
  readonly recordWidth?: number;
  forwardRecord?(t: number, y: Float64Array, out: Float64Array, rec: Float64Array): void;
  vjpRecorded?(
    t: number,
    y: Float64Array,
    rec: Float64Array,
    a: Float64Array,
    gy: Float64Array,
    gTheta: Float64Array,
    scale: number,
  ): void;
}
