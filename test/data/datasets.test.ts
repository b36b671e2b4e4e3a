import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generators } from "../../data/generators";
import {
  toCsv,
  parseNumericCsv,
  loadDataset,
  dataDirectory,
  datasetColumns,
  trainTestSplit,
} from "../../lib/data/index";
import type { DatasetName } from "../../lib/data/index";
import { OdeArgumentError } from "../../lib/index";

test("data generation is reproducible bit for bit: every generator, run twice, equals the committed CSV and card", () => {
  const dir = dataDirectory();
  for (const make of generators) {
    const a = make();
    const b = make();
    const csv = toCsv(a.table);
    assert.equal(csv, toCsv(b.table), `${a.name}: two runs differ`);
    assert.equal(
      csv,
      readFileSync(join(dir, `${a.name}.csv`), "utf8"),
      `${a.name}.csv is not what data/generators.ts makes (run npm run data)`,
    );
    assert.equal(a.card, readFileSync(join(dir, `${a.name}.md`), "utf8"), `${a.name}.md differs`);
  }
});

test("every shipped data set loads with its card, as arrays and as a danfojs frame; train/test split keeps time order", () => {
  for (const name of Object.keys(datasetColumns) as DatasetName[]) {
    const d = loadDataset(name);
    assert.ok(d.t.length > 10 && d.y.length === d.t.length, name);
    assert.equal(d.y[0].length, datasetColumns[name].length - 1);
    assert.ok(d.card.startsWith(`# ${name}`), `${name} card`);
    assert.deepEqual(d.frame().shape, [d.t.length, datasetColumns[name].length]);
    for (let i = 1; i < d.t.length; i++) assert.ok(d.t[i] > d.t[i - 1], `${name}: time not increasing at row ${i}`);
  }
  const d = loadDataset("lorenz63");
  const { train, test: testPart } = trainTestSplit(d, 0.75);
  assert.equal(train.t[train.t.length - 1], testPart.t[0]);
  assert.equal(train.t.length + testPart.t.length - 1, d.t.length);
});

test("malformed or mismatched CSV files give errors naming the file, line and column", () => {
  const dir = mkdtempSync(join(tmpdir(), "nol-data-"));
  const cases: [string, RegExp][] = [
    ["t,A,B,C\n0,1,0,0\n0.25,0.8,0.2\n", /line 3: 3 fields, the header has 4/],
    ["t,A,B,C\n0,1,0,0\n0.25,0.8,abc,0\n", /line 3, column "B": "abc" is not a finite number/],
    ["t,A,B,C\n0,1,,0\n", /line 2, column "B": "" is not a finite number/],
    ["t,A,C\n0,1,0\n", /header lacks column\(s\) B/],
    ["t,A,C,B\n0,1,0,0\n", /columns t, A, C, B differ from the expected t, A, B, C/],
  ];
  for (const [text, pattern] of cases) {
    writeFileSync(join(dir, "abc-kinetics.csv"), text);
    assert.throws(
      () => loadDataset("abc-kinetics", dir),
      (e: Error) => e instanceof OdeArgumentError && e.message.includes("abc-kinetics.csv") && pattern.test(e.message),
      text,
    );
  }
  assert.throws(() => loadDataset("abc-kinetics", join(dir, "missing")), /cannot read/);
  assert.throws(() => parseNumericCsv("t,x\n1,Infinity\n", "inline.csv"), /inline.csv, line 2, column "x"/);
});

test("toCsv refuses rows it cannot write faithfully: wrong width (RangeError), non-number (TypeError), non-finite (RangeError)", () => {
  assert.throws(() => toCsv({ columns: ["t", "x"], rows: [[0, 1], [1]] }), {
    name: "OdeArgumentError",
    message: "invalid argument table: row 1 has 1 values, the header 2 columns",
  });
  assert.throws(() => toCsv({ columns: ["t", "x"], rows: [[0, "1" as unknown as number]] }), {
    name: "TypeError",
    message: 'invalid argument table: row 0, column "x" is a string, not a number',
  });
  assert.throws(
    () => toCsv({ columns: ["t", "x"], rows: [[0, NaN]] }),
    /row 0, column "x" is NaN, not a finite number/,
  );
});
