import { OdeArgumentError } from "../../ode/errors";

/** One irreversible mass-action reaction as parsed: species → stoichiometric coefficient. */
export interface ReactionSpec {
  reactants: Map<string, number>;
  products: Map<string, number>;
  /** Rate constant value, or NaN when given by name and not yet bound. */
  k: number;
  /** Parameter name of the rate constant (auto-named "k<i>" for literal numbers). */
  rateName: string;
  /** The source text, for messages and tables. */
  text: string;
}

const SPECIES = /^[A-Za-z_][A-Za-z0-9_'·]*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseSide(side: string, where: string): Map<string, number> {
  const terms = new Map<string, number>();
  const trimmed = side.trim();
  if (trimmed === "" || trimmed === "0" || trimmed === "∅") return terms;
  for (const raw of trimmed.split("+")) {
    const term = raw.trim();
    const m = /^(\d*)\s*(.*)$/.exec(term)!;
    const coef = m[1] === "" ? 1 : Number(m[1]);
    const name = m[2].trim();
    if (!SPECIES.test(name) || coef < 1)
      throw new OdeArgumentError("reactions", `${where}: "${term}" is not a species term (like "2 A" or "B")`);
    terms.set(name, (terms.get(name) ?? 0) + coef);
  }
  return terms;
}

function parseRate(token: string | undefined, where: string, autoName: string): { k: number; name: string } {
  if (token === undefined || token.trim() === "")
    throw new OdeArgumentError("reactions", `${where}: missing rate constant after the comma`);
  const s = token.trim();
  if (NUMBER.test(s)) {
    const k = Number(s);
    if (!(k >= 0)) throw new OdeArgumentError("reactions", `${where}: rate constant ${s} must be ≥ 0`);
    return { k, name: autoName };
  }
  if (!SPECIES.test(s)) throw new OdeArgumentError("reactions", `${where}: "${s}" is neither a number nor a name`);
  return { k: NaN, name: s };
}

/**
 * Parses reaction text: one reaction per line or per ";", `A + B -> C, k1` (irreversible) or
 * `2C <-> D, kf, kr` (reversible: two reactions). Empty sides (or "0", "∅") give sources and
 * sinks: `-> A, 0.1`, `A ->, k`. Rates are numbers or names to bind later.
 */
export function parseReactions(text: string): ReactionSpec[] {
  if (typeof text !== "string")
    throw new TypeError(`invalid argument reactions: expected reaction text (a string), got ${typeof text}`);
  const out: ReactionSpec[] = [];
  const lines = text
    .split(/[;\n]/)
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => l.length > 0);
  lines.forEach((line, li) => {
    const where = `reaction ${li + 1} ("${line}")`;
    const reversible = line.includes("<->") || line.includes("⇌");
    const arrow = reversible ? (line.includes("<->") ? "<->" : "⇌") : line.includes("->") ? "->" : "→";
    const parts = line.split(arrow);
    if (parts.length !== 2) throw new OdeArgumentError("reactions", `${where}: needs exactly one "->" or "<->"`);
    const [lhs, rest] = parts;
    const fields = rest.split(",");
    const rhsText = fields[0];
    const reactants = parseSide(lhs, where);
    const products = parseSide(rhsText, where);
    const fwd = parseRate(fields[1], where, `k${out.length + 1}`);
    out.push({ reactants, products, k: fwd.k, rateName: fwd.name, text: `${lhs.trim()} -> ${rhsText.trim()}` });
    if (reversible) {
      const bwd = parseRate(fields[2], `${where} (reverse)`, `k${out.length + 1}`);
      out.push({
        reactants: products,
        products: reactants,
        k: bwd.k,
        rateName: bwd.name,
        text: `${rhsText.trim()} -> ${lhs.trim()}`,
      });
    } else if (fields.length > 2) {
      throw new OdeArgumentError("reactions", `${where}: an irreversible reaction takes one rate constant`);
    }
  });
  if (out.length === 0) throw new OdeArgumentError("reactions", "no reactions found");
  return out;
}
