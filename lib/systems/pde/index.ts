export { fft, ifft } from "./fft";
export { heatEquation1D, heatFourierSolution } from "./heat";
export type { Heat1D, Heat1DOptions } from "./heat";
export { etdrk4Coefficients } from "./etdrk4Coefficients";
export type { Etdrk4Coefficients } from "./etdrk4Coefficients";
export { KuramotoSivashinsky, kuramotoSivashinsky, etdrk4KS } from "./kuramotoSivashinsky";
export type { KsOptions, KsSystem, Etdrk4KsOptions } from "./kuramotoSivashinsky";
export { ksLargestLyapunov } from "./ksLyapunov";
export type { KsLyapunovOptions } from "./ksLyapunov";
