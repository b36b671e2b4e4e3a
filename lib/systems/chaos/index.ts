export { lorenz63, rossler, lorenz96, doublePendulum } from "./systems";
export type { DynamicalSystem } from "./systems";
export { lyapunovSpectrum } from "./lyapunov";
export type { LyapunovOptions, LyapunovResult } from "./lyapunov";
