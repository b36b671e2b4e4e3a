import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Computed claims of a notebook. A notebook states no result its run did not compute: each number
 * or conclusion its prose quotes is recorded here under a name, and the test that executes the
 * notebook (test/notebooks.test.ts with test/claims/<notebook>.ts) asserts it with a tolerance.
 *
 * The values go to the JSON file named by the environment variable NOL_CLAIMS_FILE (set per
 * notebook by scripts/run-notebooks.sh); outside such a run they are only returned.
 */
export type ClaimValue = number | boolean | string | number[];

export class ClaimError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "ClaimError";
  }
}

function check(name: string, value: unknown): asserts value is ClaimValue {
  if (typeof name !== "string" || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) {
    throw new ClaimError(`claim: name must be an identifier-like string, got ${JSON.stringify(name)}`);
  }
  const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);
  const ok =
    finite(value) ||
    typeof value === "boolean" ||
    typeof value === "string" ||
    (Array.isArray(value) && value.every(finite));
  if (!ok) {
    throw new ClaimError(
      `claim "${name}": value must be a finite number, boolean, string or array of finite numbers, got ${String(value)}`,
    );
  }
}

/** Records named computed values (merged into NOL_CLAIMS_FILE when set) and returns them. */
export function recordClaims<T extends Record<string, ClaimValue>>(values: T): T {
  const all: Record<string, ClaimValue> = {};
  for (const [name, value] of Object.entries(values)) {
    const v = ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
    check(name, v);
    all[name] = v;
  }
  const file = process.env.NOL_CLAIMS_FILE;
  if (file) {
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, ClaimValue>) : {};
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...previous, ...all }, null, 1) + "\n");
  }
  return values;
}

/** Records one named computed value and returns it. */
export function claim<T extends ClaimValue>(name: string, value: T): T {
  recordClaims({ [name]: value });
  return value;
}

/** Reads a claims file written by a notebook run (for tests). */
export function readClaims(file: string): Record<string, ClaimValue> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, ClaimValue>;
}
