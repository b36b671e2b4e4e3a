import assert from "node:assert/strict";
import type { ClaimValue } from "../../lib/report/claims";

/**
 * One asserted claim of a notebook: the claim's name as recorded by the notebook (lib/report/claims)
 * and a check with its tolerance and the reason (reference value, analytic result, paper).
 */
export interface ClaimCheck {
  name: string;
  /** Why this is the right value: the reference it is compared with. */
  reference: string;
  check(value: ClaimValue, all: Record<string, ClaimValue>): void;
}

const num = (name: string, v: ClaimValue): number => {
  assert.equal(typeof v, "number", `claim ${name} should be a number, got ${JSON.stringify(v)}`);
  return v as number;
};

/** |value − expected| ≤ tol (absolute). */
export function near(name: string, expected: number, tol: number, reference: string): ClaimCheck {
  return {
    name,
    reference,
    check: (v) => {
      const x = num(name, v);
      assert.ok(Math.abs(x - expected) <= tol, `${name} = ${x}, expected ${expected} ± ${tol} (${reference})`);
    },
  };
}

/** |value − expected| ≤ rel·|expected|. */
export function relNear(name: string, expected: number, rel: number, reference: string): ClaimCheck {
  return {
    name,
    reference,
    check: (v) => {
      const x = num(name, v);
      assert.ok(
        Math.abs(x - expected) <= rel * Math.abs(expected),
        `${name} = ${x}, expected ${expected} within ${rel * 100} % (${reference})`,
      );
    },
  };
}

/** lo ≤ value ≤ hi. */
export function between(name: string, lo: number, hi: number, reference: string): ClaimCheck {
  return {
    name,
    reference,
    check: (v) => {
      const x = num(name, v);
      assert.ok(x >= lo && x <= hi, `${name} = ${x}, expected in [${lo}, ${hi}] (${reference})`);
    },
  };
}

/** value === expected (booleans, strings). */
export function equals(name: string, expected: ClaimValue, reference: string): ClaimCheck {
  return {
    name,
    reference,
    check: (v) =>
      assert.deepEqual(
        v,
        expected,
        `${name} = ${JSON.stringify(v)}, expected ${JSON.stringify(expected)} (${reference})`,
      ),
  };
}

/** Any check written out (relations between claims). */
export function custom(
  name: string,
  reference: string,
  check: (value: ClaimValue, all: Record<string, ClaimValue>) => void,
): ClaimCheck {
  return { name, reference, check };
}
