/**
 * Plain plotly figures: JSON-serialisable `{ data, layout }` objects (plotly.js's own figure
 * format), so a figure can be shown in tslab, saved as HTML/PNG/SVG, or handed to any plotly
 * front end unchanged.
 */
export type Trace = Record<string, unknown> & { type?: string; name?: string };
export type Layout = Record<string, unknown>;

export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** Converts typed arrays (Float64Array, …) to plain arrays so the figure serialises as JSON arrays. */
export function plainArray(v: ArrayLike<number>): number[] {
  return Array.from(v);
}

export interface AxisOptions {
  title?: string;
  /** Logarithmic axis. */
  log?: boolean;
}

export function axis(o: AxisOptions = {}): Layout {
  const a: Layout = {};
  if (o.title) a.title = { text: o.title };
  if (o.log) a.type = "log";
  return a;
}
