export { toDataFrame, statsFrame, stepsFrame } from "./frames";
export { danfo } from "./danfo";
