import type { FitResult } from "../neural/training/fitOptions";
import type { Figure } from "./figure";
import { lineFigure } from "./builders";
import { OdeTypeError } from "../ode/errors";

/**
 * A training record (fit's result) against iteration on a log axis: loss, gradient norm, and
 * the forward and backward NFE (a backward NFE of 0 is drawn at 1e-300, off the axis).
 */
export function trainingFigure(result: Pick<FitResult, "record">, title = "Training record"): Figure {
  if (result === null || typeof result !== "object" || !Array.isArray(result.record))
    throw new OdeTypeError("result", `expected fit's result { record, status, … }, got ${String(result)}`);
  const r = result.record;
  return lineFigure({
    x: r.map((row) => row.iteration),
    series: [
      { name: "loss", y: r.map((row) => row.loss) },
      { name: "gradient norm", y: r.map((row) => row.gradNorm) },
      { name: "NFE forward", y: r.map((row) => row.nfeForward) },
      { name: "NFE backward", y: r.map((row) => Math.max(row.nfeBackward, 1e-300)) },
    ],
    logY: true,
    title,
    xTitle: "iteration",
  });
}
