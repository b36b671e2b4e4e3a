import type { JacobianInPlace, RhsInPlace } from "../../ode/types";
import { OdeArgumentError } from "../../ode/errors";
import type { ReactionSpec } from "./parse";
import { parseReactions } from "./parse";
import { compileMassAction } from "./compile";
import type { IndexedReaction } from "./indexedReaction";
import { leftNullSpace } from "./conservation";
import { argumentTypeError } from "./errors";

/**
 * A mass-action reaction network: species, reactions, stoichiometry matrix N (species ×
 * reactions), rate constants k, and the compiled right-hand side dy/dt = N·r(y) with
 * r_j = k_j Π_i y_i^{ν_ij} and its analytic Jacobian. Rates are positional (`k`) and named
 * (`rateNames`); `withRates` returns a copy with some of them changed.
 */
export class ReactionNetwork {
  readonly species: string[];
  readonly reactions: IndexedReaction[];
  /** Row-major n × m stoichiometry matrix: net change of species i in reaction j. */
  readonly stoichiometry: Float64Array;
  private readonly kValues: Float64Array;
  readonly rateNames: string[];
  /** dy/dt in place (generated code, no allocation). */
  readonly rhs: RhsInPlace;
  /** ∂f/∂y, row-major n × n (generated code). */
  readonly jacobian: JacobianInPlace;
  /** Reaction rates r_j(y) into `out` (length m). */
  readonly rates: (y: Float64Array, out: Float64Array) => void;
  private readonly specs: ReactionSpec[];

  constructor(specs: ReactionSpec[], rates: Record<string, number> = {}, speciesOrder?: string[]) {
    if (rates === null || typeof rates !== "object")
      throw argumentTypeError("rates", "an object { name: value }", rates);
    if (
      speciesOrder !== undefined &&
      !(Array.isArray(speciesOrder) && speciesOrder.every((s) => typeof s === "string"))
    )
      throw argumentTypeError("speciesOrder", "an array of species names", speciesOrder);
    for (const [name, v] of Object.entries(rates))
      if (typeof v !== "number") throw argumentTypeError(`rates.${name}`, "a number", v);
    this.specs = specs;
    const names = new Set<string>(speciesOrder ?? []);
    for (const s of specs) for (const m of [s.reactants, s.products]) for (const name of m.keys()) names.add(name);
    this.species = [...names];
    const index = new Map(this.species.map((s, i) => [s, i]));
    if (speciesOrder && speciesOrder.length !== this.species.length) {
      const extra = this.species.filter((s) => !speciesOrder.includes(s));
      throw new OdeArgumentError("speciesOrder", `misses species ${extra.join(", ")} that the reactions use`);
    }
    this.reactions = specs.map((s) => ({
      reactants: [...s.reactants].map(([name, c]) => [index.get(name)!, c] as [number, number]),
      products: [...s.products].map(([name, c]) => [index.get(name)!, c] as [number, number]),
      rateName: s.rateName,
      text: s.text,
    }));
    this.rateNames = specs.map((s) => s.rateName);
    this.kValues = Float64Array.from(specs, (s) => (s.rateName in rates ? rates[s.rateName] : s.k));
    for (const name of Object.keys(rates))
      if (!this.rateNames.includes(name))
        throw new OdeArgumentError(
          "rates",
          `"${name}" is not a rate constant of this network (${this.rateNames.join(", ")})`,
        );
    this.kValues.forEach((v, j) => {
      if (!(v >= 0) || !Number.isFinite(v))
        throw new OdeArgumentError(
          "rates",
          `rate constant ${this.rateNames[j]} of reaction ${j + 1} (${this.reactions[j].text}) is ${v}; give a finite value ≥ 0`,
        );
    });
    const n = this.species.length;
    const m = this.reactions.length;
    this.stoichiometry = new Float64Array(n * m);
    this.reactions.forEach((r, j) => {
      for (const [i, c] of r.reactants) this.stoichiometry[i * m + j] -= c;
      for (const [i, c] of r.products) this.stoichiometry[i * m + j] += c;
    });
    const compiled = compileMassAction(this.reactions, this.stoichiometry, n, this.kValues);
    this.rhs = compiled.rhs;
    this.jacobian = compiled.jacobian;
    this.rates = compiled.rates;
  }

  /**
   * The rate constants, positional (a copy: they are compiled into `rhs` and `jacobian`, so a
   * network's rates are fixed; `withRates` / `withRateVector` give a network with others).
   */
  get k(): Float64Array {
    return Float64Array.from(this.kValues);
  }

  get n(): number {
    return this.species.length;
  }

  get m(): number {
    return this.reactions.length;
  }

  /** Index of a species by name (error naming the known species otherwise). */
  indexOf(species: string): number {
    if (typeof species !== "string") throw argumentTypeError("species", "a species name", species);
    const i = this.species.indexOf(species);
    if (i < 0) throw new OdeArgumentError("species", `"${species}" is not in the network (${this.species.join(", ")})`);
    return i;
  }

  /** A copy with some rate constants changed (by name). */
  withRates(rates: Record<string, number>): ReactionNetwork {
    const current: Record<string, number> = {};
    this.rateNames.forEach((name, j) => (current[name] = this.kValues[j]));
    return new ReactionNetwork(this.specs, { ...current, ...rates }, this.species);
  }

  /** A copy with all rate constants replaced (positional). */
  withRateVector(k: ArrayLike<number>): ReactionNetwork {
    if (k === null || typeof k !== "object" || typeof k.length !== "number")
      throw argumentTypeError("k", `an array of ${this.m} rate constants`, k);
    if (k.length !== this.m)
      throw new OdeArgumentError("k", `has ${k.length} entries, the network ${this.m} reactions`);
    const specs = this.specs.map((s, j) => ({ ...s, k: k[j] }));
    return new ReactionNetwork(specs, {}, this.species);
  }

  /**
   * Conservation laws: a basis of the left null space of N (cᵀN = 0), so cᵀy is constant along
   * every solution. Rows scaled so their largest entry is 1, small integers where they are.
   */
  conservationLaws(): number[][] {
    return leftNullSpace(this.stoichiometry, this.n, this.m);
  }

  /** Initial state from named concentrations (others 0). */
  state(values: Record<string, number>): Float64Array {
    const y = new Float64Array(this.n);
    if (values === null || typeof values !== "object")
      throw argumentTypeError("values", "an object { species: concentration }", values);
    for (const [name, v] of Object.entries(values)) {
      if (typeof v !== "number") throw argumentTypeError(`values.${name}`, "a number", v);
      if (!(Number.isFinite(v) && v >= 0))
        throw new OdeArgumentError("values", `concentration of ${name} is ${v}; give a finite value ≥ 0`);
      y[this.indexOf(name)] = v;
    }
    return y;
  }

  /** The reactions as a readable list. */
  toString(): string {
    return this.reactions.map((r, j) => `${r.text}, ${this.rateNames[j]} = ${this.kValues[j]}`).join("\n");
  }
}

/**
 * The reaction-network language as a tagged template or a plain string:
 * reactions`A + B -> C, ${0.5}; 2C <-> D, kf, kr` (interpolated values become numbers), then
 * bind named rates with the second argument of `reactionNetwork` or `withRates`.
 */
export function reactions(strings: TemplateStringsArray | string, ...values: unknown[]): ReactionNetwork {
  if (typeof strings !== "string" && !Array.isArray(strings))
    throw argumentTypeError("strings", "reaction text or a template", strings);
  const text =
    typeof strings === "string"
      ? strings
      : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  const specs = parseReactions(text);
  const unbound = specs.filter((s) => Number.isNaN(s.k)).map((s) => s.rateName);
  if (unbound.length > 0)
    throw new OdeArgumentError(
      "reactions",
      `rate constants ${unbound.join(", ")} have no value; interpolate numbers or use reactionNetwork(text, { ${unbound[0]}: … })`,
    );
  return new ReactionNetwork(specs);
}

/** Builds a network from text with named rate constants bound. */
export function reactionNetwork(
  text: string,
  rates: Record<string, number> = {},
  speciesOrder?: string[],
): ReactionNetwork {
  if (typeof text !== "string") throw argumentTypeError("text", "reaction text", text);
  return new ReactionNetwork(parseReactions(text), rates, speciesOrder);
}

/** Object form: [{ reactants: { A: 1, B: 1 }, products: { C: 1 }, k: 0.5 }, …]. */
export function networkFromObjects(
  list: { reactants: Record<string, number>; products: Record<string, number>; k: number; name?: string }[],
  speciesOrder?: string[],
): ReactionNetwork {
  if (!Array.isArray(list)) throw argumentTypeError("list", "an array of reactions", list);
  if (list.length === 0) throw new OdeArgumentError("list", "is empty; give at least one reaction");
  list.forEach((r, j) => {
    if (r === null || typeof r !== "object") throw argumentTypeError(`list[${j}]`, "a reaction object", r);
    for (const side of ["reactants", "products"] as const) {
      if (r[side] === null || typeof r[side] !== "object")
        throw argumentTypeError(`list[${j}].${side}`, "an object { species: coefficient }", r[side]);
      for (const [s, c] of Object.entries(r[side]))
        if (!(Number.isInteger(c) && c >= 1))
          throw new OdeArgumentError(`list[${j}].${side}`, `coefficient of ${s} is ${c}; give an integer ≥ 1`);
    }
    if (typeof r.k !== "number") throw argumentTypeError(`list[${j}].k`, "a number", r.k);
  });
  const specs: ReactionSpec[] = list.map((r, j) => {
    const side = (o: Record<string, number>) =>
      Object.entries(o)
        .map(([s, c]) => (c === 1 ? s : `${c} ${s}`))
        .join(" + ");
    return {
      reactants: new Map(Object.entries(r.reactants)),
      products: new Map(Object.entries(r.products)),
      k: r.k,
      rateName: r.name ?? `k${j + 1}`,
      text: `${side(r.reactants)} -> ${side(r.products)}`,
    };
  });
  return new ReactionNetwork(specs, {}, speciesOrder);
}
