export type { DynamicalSystem, VariationalSystem } from "./types";
export { lorenz63, lorenz96 } from "./lorenz";
export type { Lorenz63Params, Lorenz96Params } from "./lorenz";
export { rossler } from "./rossler";
export type { RosslerParams } from "./rossler";
export { doublePendulum } from "./doublePendulum";
export type { DoublePendulumParams } from "./doublePendulum";
export { lyapunovSpectrum } from "./lyapunov";
export type { LyapunovOptions, LyapunovResult } from "./lyapunov";
