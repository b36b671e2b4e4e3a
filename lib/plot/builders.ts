import type { Figure, Trace } from "./figure";
import { axis, plainArray } from "./figure";
import { OdeArgumentError, OdeTypeError } from "../ode/errors";

export interface Series {
  name: string;
  y: ArrayLike<number>;
  /** Defaults to the figure's x. */
  x?: ArrayLike<number>;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

/** A series that brings its own x (needed when the figure has no shared x). */
export type SeriesWithX = Series & { x: ArrayLike<number> };

/**
 * Either a shared x (a series may still bring its own) or none, and then every series has its own:
 * a series without any x is a type error, not a run-time one.
 */
export type LineFigureOptions = LineFigureStyle &
  ({ x: ArrayLike<number>; series: Series[] } | { x?: undefined; series: SeriesWithX[] });

export interface LineFigureStyle {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  width?: number;
  height?: number;
}

/** Several y(x) series on shared axes, with optional log axes. */
export function lineFigure(o: LineFigureOptions): Figure {
  const series: Series[] = o.series;
  const data: Trace[] = series.map((s, i) => {
    const x = s.x ?? o.x;
    if (x === undefined)
      throw new OdeTypeError(`series[${i}].x`, `series "${s.name}" has no x and the figure has no shared x`);
    if (x.length !== s.y.length) {
      throw new OdeArgumentError(
        `series[${i}].y`,
        `series "${s.name}" has ${s.y.length} y values but ${x.length} x values`,
      );
    }
    return {
      type: "scatter",
      mode: s.mode ?? "lines",
      name: s.name,
      x: plainArray(x),
      y: plainArray(s.y),
      line: s.dash ? { dash: s.dash } : undefined,
    };
  });
  return {
    data,
    layout: {
      title: o.title ? { text: o.title } : undefined,
      xaxis: axis({ title: o.xTitle, log: o.logX }),
      yaxis: axis({ title: o.yTitle, log: o.logY }),
      width: o.width,
      height: o.height ?? 420,
    },
  };
}

export interface PhaseOptions {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  z?: ArrayLike<number>;
  name?: string;
  title?: string;
  labels?: [string, string, string?];
  /** How the trajectory is drawn (default "lines"). */
  mode?: "lines" | "markers" | "lines+markers";
  /** Extra trajectories or point sets (e.g. fixed points: mode "markers") drawn in the same axes. */
  more?: {
    x: ArrayLike<number>;
    y: ArrayLike<number>;
    z?: ArrayLike<number>;
    name: string;
    mode?: "lines" | "markers" | "lines+markers";
  }[];
}

/** A 2-D (x, y) or, with `z`, 3-D phase portrait. */
export function phaseFigure(o: PhaseOptions): Figure {
  const threeD = o.z !== undefined;
  const trace = (
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    z: ArrayLike<number> | undefined,
    name: string,
    mode: "lines" | "markers" | "lines+markers" = "lines",
  ): Trace =>
    threeD
      ? {
          type: "scatter3d",
          mode,
          name,
          x: plainArray(x),
          y: plainArray(y),
          z: plainArray(z ?? []),
          line: { width: 2 },
        }
      : { type: "scatter", mode, name, x: plainArray(x), y: plainArray(y) };
  const data = [
    trace(o.x, o.y, o.z, o.name ?? "trajectory", o.mode),
    ...(o.more ?? []).map((m) => trace(m.x, m.y, m.z, m.name, m.mode)),
  ];
  const [lx, ly, lz] = o.labels ?? ["x", "y", "z"];
  const layout = threeD
    ? {
        scene: {
          xaxis: { title: { text: lx } },
          yaxis: { title: { text: ly } },
          zaxis: { title: { text: lz ?? "z" } },
        },
      }
    : { xaxis: axis({ title: lx }), yaxis: axis({ title: ly }) };
  return { data, layout: { ...layout, title: o.title ? { text: o.title } : undefined, height: threeD ? 560 : 460 } };
}

export interface HeatmapOptions {
  /** Rows of values: z[i][j] at (x[j], y[i]). */
  z: ArrayLike<number>[];
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  colorscale?: string;
}

/** A heatmap, e.g. a space–time plot u(x, t). */
export function heatmapFigure(o: HeatmapOptions): Figure {
  const width = o.z[0]?.length ?? 0;
  o.z.forEach((row, i) => {
    if (row.length !== width)
      throw new RangeError(`heatmapFigure: row ${i} of z has ${row.length} values, row 0 has ${width}`);
  });
  return {
    data: [
      {
        type: "heatmap",
        z: o.z.map(plainArray),
        x: o.x ? plainArray(o.x) : undefined,
        y: o.y ? plainArray(o.y) : undefined,
        colorscale: o.colorscale ?? "Viridis",
      },
    ],
    layout: {
      title: o.title ? { text: o.title } : undefined,
      xaxis: axis({ title: o.xTitle }),
      yaxis: axis({ title: o.yTitle }),
      height: 460,
    },
  };
}

export interface WorkPrecisionPoint {
  method: string;
  /** Seconds (or ms) per solve. */
  time: number;
  /** Achieved error. */
  error: number;
  /** Tolerance that produced the point (shown on hover). */
  rtol?: number;
}

/** Work–precision diagram: error against cost on log–log axes, one line per method (in rtol order when given). */
export function workPrecisionFigure(
  points: WorkPrecisionPoint[],
  o: { title?: string; timeUnit?: string } = {},
): Figure {
  const methods = [...new Set(points.map((p) => p.method))];
  const data: Trace[] = methods.map((m) => {
    // Connect points in tolerance order when known (timings are noisy, tolerances are not).
    const ps = points
      .filter((p) => p.method === m)
      .sort((a, b) => (a.rtol !== undefined && b.rtol !== undefined ? b.rtol - a.rtol : a.time - b.time));
    return {
      type: "scatter",
      mode: "lines+markers",
      name: m,
      x: ps.map((p) => p.time),
      y: ps.map((p) => p.error),
      text: ps.map((p) => (p.rtol !== undefined ? `rtol ${p.rtol}` : "")),
    };
  });
  return {
    data,
    layout: {
      title: o.title ? { text: o.title } : undefined,
      xaxis: axis({ title: `time per solve (${o.timeUnit ?? "ms"})`, log: true }),
      yaxis: axis({ title: "error", log: true }),
      height: 460,
    },
  };
}
