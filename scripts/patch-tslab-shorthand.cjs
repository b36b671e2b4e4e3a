#!/usr/bin/env node
// Makes tslab rewrite shorthand properties that name a variable of an earlier cell (run by
// scripts/setup.sh after npm ci; idempotent).
//
// Why: tslab 1.0.22 turns a reference to an earlier cell's variable `data` into `exports.data`
// (dist/converter.js, wrapPrevIdentifier), but it asks the type checker for the symbol of each
// identifier, and the name of a shorthand property `{ data }` resolves to the property, not the
// variable: the reference stays `data` and the cell dies with `ReferenceError: data is not defined`
// (issue 16; `{ data: data }` works). The patch expands such a shorthand to `data: exports.data`,
// using the checker's getShorthandAssignmentValueSymbol. test/kernel.test.ts reproduces it.
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const path = require.resolve("tslab/dist/converter.js");
const marker = "/* neural-ode-lab: shorthand properties of earlier cells v1 */";
const original = path + ".orig";
if (!existsSync(original)) writeFileSync(original, readFileSync(path, "utf8"));
const source = readFileSync(original, "utf8");
if (readFileSync(path, "utf8").includes(marker)) process.exit(0);
const target = `        function wrapPrevIdentifier(node) {
            var _a, _b;
`;
if (!source.includes(target)) {
  console.error(`patch-tslab-shorthand: ${path} has no wrapPrevIdentifier as expected; tslab changed, review the patch`);
  process.exit(1);
}
const shorthand = `${target}            ${marker}
            if (ts.isShorthandPropertyAssignment(node) && node.objectAssignmentInitializer === undefined) {
                const value = checker.getShorthandAssignmentValueSymbol(node);
                const decls = value && value.declarations ? value.declarations : [];
                if (decls.some((decl) => decl.getSourceFile() === declsFile)) {
                    return ts.factory.createPropertyAssignment(ts.factory.createIdentifier(node.name.text), ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier("exports"), ts.factory.createIdentifier(node.name.text)));
                }
                return node;
            }
`;
writeFileSync(path, source.replace(target, shorthand));
console.log(`patch-tslab-shorthand: shorthand properties of earlier cells rewritten in ${path}`);
