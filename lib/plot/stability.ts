import type { Figure, Trace } from "./figure";
import { axis } from "./figure";
import type { MethodName } from "../ode/types";
import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";
import { stabilityFunction, type StabilityOptions } from "../analysis/stabilityFunction";
import { stabilityBoundary } from "../analysis/stabilityBoundary";
import type { StepStabilityResult } from "../analysis/stepStability";
import type { GradientGrowth } from "../analysis/gradientGrowth";

/** A method whose region is drawn: a name, or a name with BDF's order / formula. */
export type RegionSpec = MethodName | ({ method: MethodName } & StabilityOptions);

export interface StabilityRegionFigureOptions {
  /** Window of the z-plane. Default re [−6, 2], im [−4, 4]. */
  re?: [number, number];
  im?: [number, number];
  /** Grid cells per axis for the boundary. Default 240. */
  resolution?: number;
  /** λh points: a stepStability result (split into inside / outside) or named point sets. */
  points?: StepStabilityResult | { name: string; re: ArrayLike<number>; im: ArrayLike<number> }[];
  title?: string;
}

/** Polylines joined into one trace with null gaps between them. */
function joined(curves: { re: number[]; im: number[] }[]): { x: (number | null)[]; y: (number | null)[] } {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  curves.forEach((c, i) => {
    if (i > 0) {
      x.push(null);
      y.push(null);
    }
    x.push(...c.re);
    y.push(...c.im);
  });
  return { x, y };
}

/**
 * The boundaries |R(z)| = 1 of the methods' stability regions (stabilityBoundary) in the z = λh
 * plane, with λh points over them: those of a stepStability result as "inside" / "outside" markers.
 * Equal scales on both axes, so the shapes are true.
 */
export function stabilityRegionFigure(methods: RegionSpec[], options: StabilityRegionFigureOptions = {}): Figure {
  if (!Array.isArray(methods) || methods.length === 0)
    throw new OdeTypeError("methods", `expected a non-empty array of method names, got ${describeValue(methods)}`);
  const re = options.re ?? [-6, 2];
  const im = options.im ?? [-4, 4];
  const data: Trace[] = methods.map((spec) => {
    const { method, ...rest } = typeof spec === "string" ? { method: spec } : spec;
    const fn = stabilityFunction(method, rest);
    const b = stabilityBoundary(fn, { re, im, resolution: options.resolution ?? 240 });
    const name = fn.kind === "bdf" ? `${rest.formula === "bdf" ? "BDF" : "NDF"}-${fn.order}` : method;
    return { type: "scatter", mode: "lines", name, ...joined(b.curves) };
  });
  const pts = options.points;
  if (pts !== undefined) {
    if (Array.isArray(pts))
      pts.forEach((p, i) => {
        if (p.re.length !== p.im.length)
          throw new OdeArgumentError(
            `options.points[${i}]`,
            `has ${p.re.length} real and ${p.im.length} imaginary parts`,
          );
        data.push({
          type: "scatter",
          mode: "markers",
          name: p.name,
          x: Array.from(p.re),
          y: Array.from(p.im),
          marker: { size: 5 },
        });
      });
    else if (pts !== null && typeof pts === "object" && Array.isArray(pts.samples)) {
      for (const inside of [true, false]) {
        const x: number[] = [];
        const y: number[] = [];
        for (const s of pts.samples)
          s.inside.forEach((ok, i) => {
            if (ok === inside) {
              x.push(s.re[i]);
              y.push(s.im[i]);
            }
          });
        data.push({
          type: "scatter",
          mode: "markers",
          name: inside ? "λh inside" : "λh outside",
          x,
          y,
          marker: { size: 5, symbol: inside ? "circle" : "x" },
        });
      }
    } else
      throw new OdeTypeError(
        "options.points",
        `expected a stepStability result or point sets, got ${describeValue(pts)}`,
      );
  }
  return {
    data,
    layout: {
      title: { text: options.title ?? "Stability regions in the λh plane" },
      xaxis: { ...axis({ title: "Re λh" }), range: re },
      yaxis: { ...axis({ title: "Im λh" }), range: im, scaleanchor: "x" },
      height: 520,
    },
  };
}

/**
 * ‖∂y(T)/∂y0‖₂ (solid) and its smallest singular value (dashed) against T or depth, log scale, for
 * one or several gradientGrowth sweeps: exploding and vanishing gradients side by side.
 */
export function gradientGrowthFigure(
  sweeps: { name: string; growth: GradientGrowth }[],
  options: { x?: "T" | "depth"; title?: string } = {},
): Figure {
  if (!Array.isArray(sweeps) || sweeps.length === 0)
    throw new OdeTypeError("sweeps", `expected a non-empty array of { name, growth }, got ${describeValue(sweeps)}`);
  const byDepth = options.x === "depth";
  const data: Trace[] = sweeps.flatMap(({ name, growth }, i) => {
    if (growth === null || typeof growth !== "object" || !Array.isArray(growth.points))
      throw new OdeTypeError(`sweeps[${i}].growth`, `expected a gradientGrowth result, got ${describeValue(growth)}`);
    const x = growth.points.map((p) => (byDepth ? p.depth : p.T));
    if (byDepth && x.some((v) => v === null))
      throw new OdeArgumentError(`sweeps[${i}].growth`, 'is a time sweep; draw it with x: "T"');
    return [
      {
        type: "scatter",
        mode: "lines+markers",
        name: `${name}: ‖∂y/∂y0‖₂`,
        x,
        y: growth.points.map((p) => p.jacobianNorm),
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: `${name}: σ_min`,
        x,
        y: growth.points.map((p) => p.jacobianMinSingular),
        line: { dash: "dash" },
      },
    ];
  });
  return {
    data,
    layout: {
      title: {
        text:
          options.title ??
          (byDepth ? "Gradient norms with depth (Euler = ResNet)" : "Gradient norms with integration time"),
      },
      xaxis: axis({ title: byDepth ? "depth N (residual blocks)" : "T", log: byDepth }),
      yaxis: axis({ title: "singular value of ∂y(T)/∂y0", log: true }),
      height: 420,
    },
  };
}
