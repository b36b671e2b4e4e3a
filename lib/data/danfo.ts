import type * as Danfo from "danfojs-node";

let cached: typeof Danfo | null = null;

/**
 * danfojs-node, loaded on first use: it pulls in TensorFlow.js, which solver-only users
 * should not pay for at import time.
 */
export function danfo(): typeof Danfo {
  if (cached === null) cached = require("danfojs-node") as typeof Danfo;
  return cached;
}
