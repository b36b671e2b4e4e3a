import type { Field64 } from "../sensitivity/field64";
import type { AttributionTarget } from "./target";
import type { AttributionOptions } from "./options";
import type { LimeOptions, LimeResult } from "./lime";
import { checkTarget } from "./target";
import { checkAttributionArgs, inputOf } from "./options";
import { pointGradients } from "./gradients";
import { limeBatched } from "./lime";

/**
 * LIME of a solve's output (the target) around y0 or θ: the samples are solved forward only, all
 * initial states in one batched solve (wrt y0, explicit methods), parameter vectors one by one.
 */
export function limeSolve(
  field: Field64,
  y0: Float64Array,
  t: readonly number[],
  target: AttributionTarget,
  options: LimeOptions & Omit<AttributionOptions, "gradient">,
): LimeResult & { target: string } {
  const o = checkAttributionArgs(field, y0, t, options);
  const resolved = checkTarget(target, t, field.dim);
  const x = inputOf(field, y0, o.wrt);
  const m = x.length;
  const result = limeBatched(
    (X, n) => {
      const points = Array.from({ length: n }, (_, s) => X.slice(s * m, (s + 1) * m));
      return pointGradients(field, y0, t, points, [resolved], o, false).values[0];
    },
    x,
    options,
  );
  return { ...result, target: resolved.label };
}
