import { OdeArgumentError, describeValue } from "../ode/errors";

/** Names of the inputs of an attribution (frames, figures): given, one per input, or x0, x1, …. */
export function inputLabels(count: number, names?: readonly string[], argument = "inputNames"): string[] {
  if (names === undefined) return Array.from({ length: count }, (_, i) => `x${i}`);
  if (!Array.isArray(names) || names.length !== count)
    throw new OdeArgumentError(argument, `needs one name per input (${count}), got ${describeValue(names)}`);
  return names.map(String);
}
