import type { LrpNetwork } from "./network";
import type { LrpRule } from "./rules";
import type { LrpAbsorbed } from "./absorbed";
import type { LrpTarget } from "./target";
import { FusedMlp } from "../../neural/fields/fusedMlp";
import { OdeArgumentError, OdeTypeError, describeValue } from "../../ode/errors";
import { lrpNetwork, lrpNetworkOf } from "./network";
import { rulesPerLayer } from "./rules";
import { emptyAbsorbed, totalAbsorbed } from "./absorbed";
import { checkVector, targetRelevance } from "./target";
import { DenseLrp } from "./denseKernel";

export interface LrpDenseOptions {
  /** One rule for every dense layer, or one per layer from the input up (lrpEpsilon, lrpZPlus). */
  rule: LrpRule | readonly LrpRule[];
  /** Starting relevance on the output; default "output" (R_L = f). */
  target?: LrpTarget;
  /** t fed to a time-dependent network; default 0. */
  t?: number;
}

/** One network evaluation explained layer by layer; plain arrays. */
export interface LrpDenseResult {
  /** f(t, x). */
  output: number[];
  /** Activations x_0 … x_L (x_0: the transformed input, then t when time-dependent). */
  activations: number[][];
  /** Relevances R_0 … R_L, layer by layer (R_0 as x_0: the transformed input, then t). */
  relevances: number[][];
  /** Relevance on the input state x (R_0 without t; the cube transform passes it unchanged). */
  inputRelevance: number[];
  absorbed: LrpAbsorbed;
  /** Σ R_L. */
  outputTotal: number;
  /** Σ inputRelevance. */
  inputTotal: number;
  /** Σ R_L − Σ inputRelevance − absorbed.total: rounding only. */
  conservationGap: number;
}

/**
 * Layer-wise relevance propagation (Bach et al. 2015, doi:10.1371/journal.pone.0130140; Montavon
 * et al. 2019, doi:10.1007/978-3-030-28954-6_10) for one evaluation of a dense network at x: the
 * relevance at every layer, with the biases' and ε's shares reported so that
 * Σ R_in + absorbed = Σ R_out is checkable.
 */
export function lrpDense(
  network: LrpNetwork | FusedMlp,
  x: ArrayLike<number>,
  options: LrpDenseOptions,
): LrpDenseResult {
  const net = network instanceof FusedMlp ? lrpNetworkOf(network) : checkNetworkObject(network);
  if (options === null || typeof options !== "object")
    throw new OdeTypeError("options", `expected { rule, target?, t? }, got ${describeValue(options)}`);
  const rules = rulesPerLayer(options.rule, net.sizes.length - 1, "options.rule");
  const t = options.t ?? 0;
  if (!Number.isFinite(t)) throw new OdeArgumentError("options.t", `must be a finite number, got ${describeValue(t)}`);
  const kernel = new DenseLrp(net, rules);
  checkVector("x", x, kernel.stateWidth, `the network's input (sizes ${net.sizes.join("→")})`);
  const f = kernel.forward(t, x, 0);
  const r = targetRelevance(options.target ?? "output", f, new Float64Array(f.length), "options.target");
  const absorbed = emptyAbsorbed();
  kernel.backward(r, 0, absorbed);
  totalAbsorbed(absorbed);
  const inputRelevance = Array.from(kernel.rs[0].subarray(0, kernel.stateWidth));
  const outputTotal = sum(r);
  const inputTotal = sum(inputRelevance);
  return {
    output: Array.from(f),
    activations: kernel.xs.map((v) => Array.from(v)),
    relevances: kernel.rs.map((v) => Array.from(v)),
    inputRelevance,
    absorbed,
    outputTotal,
    inputTotal,
    conservationGap: outputTotal - inputTotal - absorbed.total,
  };
}

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

/** A network given as data: re-checked (widths, activation, parameter count) by lrpNetwork. */
export function checkNetworkObject(n: LrpNetwork): LrpNetwork {
  if (n === null || typeof n !== "object")
    throw new OdeTypeError("network", `expected a FusedMlp or lrpNetwork(spec, parameters), got ${describeValue(n)}`);
  return lrpNetwork(n, n.parameters);
}
