import { DiscoveryArgumentError } from "./errors";
import type { SindyResult } from "./sindy";

export interface FormatOptions {
  /** Significant digits of each coefficient (default 4). */
  digits?: number;
}

/**
 * The discovered equations as text, one per state: "dx/dt = -10 x + 10 y"; a zero coefficient is
 * left out, a coefficient ±1 is written as the sign alone, "1" features as the bare number, and a
 * state with no active term reads "dx/dt = 0".
 */
export function formatEquations(result: SindyResult, options: FormatOptions = {}): string[] {
  const digits = options.digits ?? 4;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new DiscoveryArgumentError("options.digits", `expected an integer in [1, 17], got ${digits}`);
  }
  const { coefficients, featureNames, stateNames } = result;
  if (coefficients.length !== featureNames.length) {
    throw new DiscoveryArgumentError(
      "result.coefficients",
      `expected ${featureNames.length} rows (features), got ${coefficients.length}`,
    );
  }
  return stateNames.map((state, i) => {
    let text = "";
    featureNames.forEach((feature, j) => {
      const c = coefficients[j][i];
      if (c === 0) return;
      const mag = Number(Math.abs(c).toPrecision(digits)).toString();
      const term = feature === "1" ? mag : mag === "1" ? feature : `${mag} ${feature}`;
      text += text === "" ? (c < 0 ? `-${term}` : term) : c < 0 ? ` - ${term}` : ` + ${term}`;
    });
    return `d${state}/dt = ${text === "" ? "0" : text}`;
  });
}
