/**
 * Relevance that does not reach the inputs, by where it went, so that conservation is a check and
 * not a definition: Σ R_in + total = Σ R_out up to rounding (the `conservationGap` of the results).
 */
export interface LrpAbsorbed {
  /** The biases' share (ε rule: b_j/(z_j ± ε)·R_j; z⁺: b_j⁺/denominator·R_j). */
  bias: number;
  /** The network rules' ε (or z⁺ stabilizer) share. */
  epsilon: number;
  /** Relevance at the time input of a time-dependent network. */
  time: number;
  /** ε shares of the solver's sums (steps, stage inputs, hybrid known + network split). */
  sums: number;
  /** ε share of the known part's linearisation (hybrid fields). */
  known: number;
  /** Relevance at a zero denominator (ε = 0 and z = 0): it has nowhere to go. */
  dropped: number;
  total: number;
}

export function emptyAbsorbed(): LrpAbsorbed {
  return { bias: 0, epsilon: 0, time: 0, sums: 0, known: 0, dropped: 0, total: 0 };
}

/** Fills in `total` (returns its argument). */
export function totalAbsorbed(a: LrpAbsorbed): LrpAbsorbed {
  a.total = a.bias + a.epsilon + a.time + a.sums + a.known + a.dropped;
  return a;
}
