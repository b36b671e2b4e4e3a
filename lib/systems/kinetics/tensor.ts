import * as tf from "@tensorflow/tfjs";
import type { VectorField } from "../../neural/fields/field";
import { hybridField } from "../../neural/fields/builders";
import type { ReactionNetwork } from "./network";

/**
 * The network's mass-action right-hand side in tfjs ops on a batch [B, n] (float32): rates
 * r_j = k_j Π y_i^ν_ij per reaction, then dy/dt = r · Nᵀ. For hybrid (universal) models whose
 * known part is this network.
 */
export function networkTensorRhs(net: ReactionNetwork): (t: number, y: tf.Tensor2D) => tf.Tensor2D {
  const n = net.n;
  const m = net.m;
  const k = net.k;
  const NT = Array.from({ length: m }, (_, j) => Array.from({ length: n }, (_, i) => net.stoichiometry[i * m + j]));
  return (_t, y) =>
    tf.tidy(() => {
      const cols = tf.split(y, n, 1);
      const rates = net.reactions.map((r, j) => {
        let acc: tf.Tensor = tf.fill([y.shape[0], 1], k[j]);
        for (const [i, c] of r.reactants) acc = tf.mul(acc, c === 1 ? cols[i] : tf.pow(cols[i], c));
        return acc;
      });
      return tf.matMul(tf.concat(rates, 1), tf.tensor2d(NT)) as tf.Tensor2D;
    });
}

/**
 * A universal differential equation whose known physics is a reaction network: known(y) +
 * nn(y), with the network in tfjs ops (odeint / odeintAdjoint) and in float64 with its analytic
 * Jacobian (fit with engine "fused", Rodas5 / BDF for stiff networks).
 */
export function hybridFromNetwork(net: ReactionNetwork, nn: VectorField): VectorField {
  return hybridField(networkTensorRhs(net), nn, { rhs: net.rhs, jacobian: net.jacobian });
}
