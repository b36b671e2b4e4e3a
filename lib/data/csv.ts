import { readFileSync } from "node:fs";
import { OdeArgumentError } from "../ode/errors";

/** A numeric table: column names and rows of finite numbers. */
export interface NumericTable {
  columns: string[];
  rows: number[][];
}

/**
 * Writes a numeric table as CSV with shortest round-trip number formatting (`String(x)`), so
 * the same numbers always give the same bytes.
 */
export function toCsv(table: NumericTable): string {
  const width = table.columns.length;
  table.rows.forEach((r, i) => {
    if (r.length !== width)
      throw new OdeArgumentError("table", `row ${i} has ${r.length} values, the header ${width} columns`);
    r.forEach((v, j) => {
      if (typeof v !== "number")
        throw new TypeError(
          `invalid argument table: row ${i}, column "${table.columns[j]}" is a ${typeof v}, not a number`,
        );
      if (!Number.isFinite(v))
        throw new OdeArgumentError("table", `row ${i}, column "${table.columns[j]}" is ${v}, not a finite number`);
    });
  });
  return [table.columns.join(","), ...table.rows.map((r) => r.map((v) => String(v)).join(","))].join("\n") + "\n";
}

/**
 * Parses a numeric CSV (header line, then numbers). Every problem is an error naming the file,
 * the 1-based line and the column: a wrong number of fields, a non-numeric or non-finite value,
 * a missing expected column.
 */
export function parseNumericCsv(text: string, file: string, expectedColumns?: string[]): NumericTable {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new OdeArgumentError("file", `${file} is empty`);
  const columns = lines[0].split(",").map((c) => c.trim());
  if (expectedColumns) {
    const missing = expectedColumns.filter((c) => !columns.includes(c));
    if (missing.length > 0)
      throw new OdeArgumentError(
        "file",
        `${file}: header lacks column(s) ${missing.join(", ")} (has ${columns.join(", ")})`,
      );
  }
  const rows = lines.slice(1).map((line, r) => {
    const fields = line.split(",");
    if (fields.length !== columns.length)
      throw new OdeArgumentError(
        "file",
        `${file}, line ${r + 2}: ${fields.length} fields, the header has ${columns.length}`,
      );
    return fields.map((f, c) => {
      const v = Number(f.trim());
      if (f.trim() === "" || !Number.isFinite(v))
        throw new OdeArgumentError(
          "file",
          `${file}, line ${r + 2}, column "${columns[c]}": "${f}" is not a finite number`,
        );
      return v;
    });
  });
  return { columns, rows };
}

/** Reads and parses a numeric CSV file. */
export function readNumericCsv(path: string, expectedColumns?: string[]): NumericTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new OdeArgumentError("file", `cannot read ${path}: ${(e as Error).message}`);
  }
  return parseNumericCsv(text, path, expectedColumns);
}
