export { mulberry32 } from "./mulberry32";
export { normalGenerator } from "./normal";
export type { BoxMullerMode } from "./normal";
export { sampleWithoutReplacement } from "./sample";
