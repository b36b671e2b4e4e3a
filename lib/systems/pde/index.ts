export { fft, ifft } from "./fft";
export { heatEquation1D, heatFourierSolution } from "./heat";
export type { Heat1D } from "./heat";
export { KuramotoSivashinsky } from "./kuramotoSivashinsky";
export type { KsOptions } from "./kuramotoSivashinsky";
