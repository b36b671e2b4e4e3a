import type { LrpNetwork } from "./network";
import type { LrpRule } from "./rules";
import type { LrpAbsorbed } from "./absorbed";
import { activations } from "../../neural/fields/activations";
import { stabilize } from "./rules";

/**
 * LRP through one dense network, with its work arrays allocated once (the solver calls it at every
 * stage of every step): `forward` keeps each layer's pre-activations z_l and activations x_l,
 * `backward` carries an output relevance down to every layer. Relevance passes unchanged through
 * the activations and the input transform (elementwise, sign-preserving: network.ts), so a
 * layer's relevance is that of its activations and of its pre-activations alike.
 */
export class DenseLrp {
  readonly network: LrpNetwork;
  /** Activations x_0 … x_L (x_0: the transformed state, then t when time-dependent). */
  readonly xs: Float64Array[];
  /** Pre-activations z_1 … z_L (zs[0] unused: the input has none). */
  readonly zs: Float64Array[];
  /** Relevances R_0 … R_L after `backward` (R_0 includes t's entry when time-dependent). */
  readonly rs: Float64Array[];
  private readonly rules: LrpRule[];
  private readonly scaled: Float64Array;
  private readonly activate: (z: number) => number;
  /** Number of state entries in x_0 (the input width without t). */
  readonly stateWidth: number;

  constructor(network: LrpNetwork, rules: LrpRule[]) {
    this.network = network;
    this.rules = rules;
    const sizes = network.sizes;
    this.xs = sizes.map((s) => new Float64Array(s));
    this.zs = sizes.map((s) => new Float64Array(s));
    this.rs = sizes.map((s) => new Float64Array(s));
    this.scaled = new Float64Array(Math.max(...sizes));
    this.activate = activations[network.activation].value;
    this.stateWidth = sizes[0] - (network.timeDependent ? 1 : 0);
  }

  /** The forward pass at state y[o … o + stateWidth) and time t; returns x_L (a view). Sums in FusedMlp's order, so f is the same bits. */
  forward(t: number, y: ArrayLike<number>, o: number): Float64Array {
    const { sizes, offsets, parameters: th } = this.network;
    const x0 = this.xs[0];
    const cube = this.network.inputTransform === "cube";
    for (let i = 0; i < this.stateWidth; i++) {
      const v = y[o + i];
      x0[i] = cube ? v * v * v : v;
    }
    if (this.network.timeDependent) x0[this.stateWidth] = t;
    const L = sizes.length - 1;
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const wOff = offsets[2 * l];
      const bOff = offsets[2 * l + 1];
      const xin = this.xs[l];
      const xout = this.xs[l + 1];
      const z = this.zs[l + 1];
      const hidden = l + 1 < L;
      for (let j = 0; j < nOut; j++) {
        let acc = th[bOff + j];
        for (let i = 0; i < nIn; i++) acc += xin[i] * th[wOff + i * nOut + j];
        z[j] = acc;
        xout[j] = hidden ? this.activate(acc) : acc;
      }
    }
    return this.xs[L];
  }

  /**
   * From the output relevance r[o … o + out width) down to R_0 in `rs`, at the point of the last
   * `forward`; the biases', ε's, t's and zero denominators' shares are added to `absorbed`.
   */
  backward(r: ArrayLike<number>, o: number, absorbed: LrpAbsorbed): void {
    const { sizes, offsets, parameters: th } = this.network;
    const L = sizes.length - 1;
    const rL = this.rs[L];
    for (let j = 0; j < sizes[L]; j++) rL[j] = r[o + j];
    const s = this.scaled;
    for (let l = L - 1; l >= 0; l--) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const wOff = offsets[2 * l];
      const bOff = offsets[2 * l + 1];
      const xin = this.xs[l];
      const z = this.zs[l + 1];
      const rout = this.rs[l + 1];
      const rin = this.rs[l];
      const rule = this.rules[l];
      if (rule.name === "epsilon") {
        const eps = rule.epsilon;
        for (let j = 0; j < nOut; j++) {
          const den = stabilize(z[j], eps);
          if (den === 0) {
            absorbed.dropped += rout[j];
            s[j] = 0;
            continue;
          }
          s[j] = rout[j] / den;
          absorbed.bias += th[bOff + j] * s[j];
          absorbed.epsilon += (den - z[j]) * s[j];
        }
        for (let i = 0; i < nIn; i++) {
          const row = wOff + i * nOut;
          let acc = 0;
          for (let j = 0; j < nOut; j++) acc += th[row + j] * s[j];
          rin[i] = xin[i] * acc;
        }
      } else {
        const stab = rule.stabilizer;
        for (let j = 0; j < nOut; j++) {
          const b = th[bOff + j];
          let den = b > 0 ? b : 0;
          for (let i = 0; i < nIn; i++) {
            const c = xin[i] * th[wOff + i * nOut + j];
            if (c > 0) den += c;
          }
          den += stab;
          if (den === 0) {
            absorbed.dropped += rout[j];
            s[j] = 0;
            continue;
          }
          s[j] = rout[j] / den;
          if (b > 0) absorbed.bias += b * s[j];
          absorbed.epsilon += stab * s[j];
        }
        for (let i = 0; i < nIn; i++) {
          const row = wOff + i * nOut;
          const xi = xin[i];
          let acc = 0;
          for (let j = 0; j < nOut; j++) {
            const c = xi * th[row + j];
            if (c > 0) acc += c * s[j];
          }
          rin[i] = acc;
        }
      }
    }
    if (this.network.timeDependent) absorbed.time += this.rs[0][this.stateWidth];
  }
}
