import { OdeArgumentError, OdeTypeError, describeValue } from "../ode/errors";

/** Names of the inputs of an attribution (frames, figures): given, one per input, or x0, x1, …. */
export function inputLabels(count: number, names?: readonly string[], argument = "inputNames"): string[] {
  if (names === undefined) return Array.from({ length: count }, (_, i) => `x${i}`);
  if (!Array.isArray(names) || names.length !== count)
    throw new OdeArgumentError(argument, `needs one name per input (${count}), got ${describeValue(names)}`);
  return names.map(String);
}

/** Attributions of one output by several methods, { name: values }: all of one length (returned with the names). */
export function checkMethodAttributions(methods: Record<string, ArrayLike<number>>): { keys: string[]; count: number } {
  if (methods === null || typeof methods !== "object" || Object.keys(methods).length === 0)
    throw new OdeTypeError("methods", `expected { name: attributions, … }, got ${describeValue(methods)}`);
  const keys = Object.keys(methods);
  const count = methods[keys[0]].length;
  for (const k of keys)
    if (methods[k]?.length !== count)
      throw new OdeArgumentError(`methods.${k}`, `has ${methods[k]?.length} values, methods.${keys[0]} has ${count}`);
  return { keys, count };
}
