/**
 * Attribution through the solver (issue 15): why a neural ODE predicts what it predicts, globally and
 * per time step — saliency, integrated gradients, SmoothGrad, LIME, and layer-wise relevance
 * propagation (lrp/).
 */
export * from "./lrp/index";
