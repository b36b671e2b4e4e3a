export type { Figure, Trace, Layout } from "./figure";
export { lineFigure, phaseFigure, heatmapFigure, workPrecisionFigure } from "./builders";
export type {
  Series,
  SeriesWithX,
  LineFigureOptions,
  LineFigureStyle,
  PhaseOptions,
  HeatmapOptions,
  WorkPrecisionPoint,
} from "./builders";
export { show } from "./show";
export type { ShowOptions } from "./show";
export { saveFigure } from "./saveFigure";
export type { SaveOptions } from "./saveFigure";
export { standaloneHtml } from "./html";
export { withChromium, chromiumPath } from "./chromium";
export { ChromiumNotFoundError, FigureRenderError } from "./errors";
export { trainingFigure } from "./training";
export * from "./attribution";
export * from "./stability";
