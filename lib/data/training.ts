import type { DataFrame } from "danfojs-node";
import type { FitResult, TrainingRecordRow } from "../neural/training/fitOptions";
import { OdeTypeError } from "../ode/errors";
import { danfo } from "./danfo";

/** The record's columns, in the row's order (a frame of an empty record still has them). */
const columns: readonly (keyof TrainingRecordRow)[] = [
  "iteration",
  "loss",
  "learningRate",
  "nfeForward",
  "nfeBackward",
  "naccept",
  "nreject",
  "minStep",
  "wallMs",
  "gradNorm",
];

/** A training record (fit's result) as a danfojs frame: one row per iteration, one column per field. */
export function trainingFrame(result: Pick<FitResult, "record">): DataFrame {
  if (result === null || typeof result !== "object" || !Array.isArray(result.record))
    throw new OdeTypeError("result", `expected fit's result { record, status, … }, got ${String(result)}`);
  const cols: Record<string, number[]> = {};
  for (const k of columns) cols[k] = result.record.map((r) => r[k]);
  return new (danfo().DataFrame)(cols, { columns: [...columns] });
}
