import * as tf from "@tensorflow/tfjs";

interface TapeState {
  activeTape: unknown;
  gradientDepth: number;
  kernelDepth: number;
}

/**
 * Runs `fn` as if no gradient were being recorded and no kernel were running: its tensor
 * operations go on no outer tape (tfjs records an op when gradientDepth > 0 and kernelDepth is 0:
 * tfjs-core engine.ts `isTapeOn`), and gradients taken inside it (tf.grad in a Hamiltonian field,
 * the vector–Jacobian products of tensorField64) start a tape of their own — even inside a
 * tf.customGrad's forward function, where tfjs otherwise refuses them ("Cannot compute
 * gradient"). For evaluations whose results leave as plain numbers; the engine's tape state is
 * put back afterwards, also on an exception.
 */
export function withoutTape<T>(fn: () => T): T {
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  const saved: TapeState = {
    activeTape: state.activeTape,
    gradientDepth: state.gradientDepth,
    kernelDepth: state.kernelDepth,
  };
  state.activeTape = null;
  state.gradientDepth = 0;
  state.kernelDepth = 0;
  try {
    return fn();
  } finally {
    state.activeTape = saved.activeTape;
    state.gradientDepth = saved.gradientDepth;
    state.kernelDepth = saved.kernelDepth;
  }
}
