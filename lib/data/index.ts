export { toDataFrame, statsFrame, stepsFrame } from "./frames";
export { danfo } from "./danfo";
export { toCsv, parseNumericCsv, readNumericCsv } from "./csv";
export type { NumericTable } from "./csv";
export { loadDataset, dataDirectory, datasetColumns, trainTestSplit } from "./datasets";
export type { Dataset, DatasetName } from "./datasets";
export { trainingFrame } from "./training";
export * from "./attribution";
