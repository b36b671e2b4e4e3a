/** `npm run data`: regenerates every data set (CSV + card) in this folder. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { toCsv } from "../lib/data/csv";
import { generators } from "./generators";

for (const make of generators) {
  const started = performance.now();
  const d = make();
  writeFileSync(join(__dirname, `${d.name}.csv`), toCsv(d.table));
  writeFileSync(join(__dirname, `${d.name}.md`), d.card);
  console.log(
    `${d.name}: ${d.table.rows.length} rows × ${d.table.columns.length} columns (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
