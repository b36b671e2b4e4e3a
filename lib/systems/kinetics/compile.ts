import type { JacobianInPlace, RhsInPlace } from "../../ode/types";
import type { IndexedReaction } from "./indexedReaction";
import { OdeArgumentError } from "../../ode/errors";

/** Largest count of structural zeros a compiled Jacobian writes as single stores instead of one J.fill(0). */
const ZERO_STORES = 64;

/** y[i]^c as source text (repeated products: exact and faster than Math.pow for small c). */
function power(i: number, c: number): string {
  return Array.from({ length: c }, () => `y[${i}]`).join("*");
}

/** Monomial Π y_i^{c_i} of a reactant list, "1" for a zero-order reaction. */
function monomial(reactants: [number, number][]): string {
  return reactants.length === 0 ? "1" : reactants.map(([i, c]) => power(i, c)).join("*");
}

/** A rate constant as a source literal: String() round-trips a double exactly. */
function literal(v: number): string {
  return `(${String(v)})`;
}

/**
 * Generates straight-line code for the mass-action rates, dy/dt = N·r and ∂f/∂y (the same trick
 * as the explicit RK kernels: one `new Function` per network, so the result runs as fast as a
 * hand-written right-hand side). The rate constants are compiled in as literals — reading them
 * from an array at call time measured 1.3× slower per HIRES evaluation (bench/systems.md) — so a
 * network is immutable: changing rates (`withRates`, `withRateVector`) compiles a new one.
 */
export function compileMassAction(
  reactions: IndexedReaction[],
  N: Float64Array,
  n: number,
  kValues: ArrayLike<number>,
): { rhs: RhsInPlace; jacobian: JacobianInPlace; rates: (y: Float64Array, out: Float64Array) => void } {
  const m = reactions.length;
  const k = Array.from(kValues, literal);
  const rateLines = reactions.map((r, j) => `const r${j} = ${k[j]}*${monomial(r.reactants)};`);
  const rhsLines: string[] = [];
  for (let i = 0; i < n; i++) {
    const terms: string[] = [];
    for (let j = 0; j < m; j++) {
      const v = N[i * m + j];
      if (v === 0) continue;
      terms.push(v === 1 ? `+r${j}` : v === -1 ? `-r${j}` : `${v > 0 ? "+" : ""}${v}*r${j}`);
    }
    rhsLines.push(`d[${i}] = ${terms.length ? terms.join("") : "0"};`);
  }
  // ∂r_j/∂y_a = k_j · c_a · y_a^{c_a−1} · Π_{b≠a} y_b^{c_b}; J = N · ∂r/∂y.
  const jac = new Map<string, string[]>();
  reactions.forEach((r, j) => {
    for (const [a, ca] of r.reactants) {
      const others = r.reactants.filter(([b]) => b !== a);
      const factors = [k[j]];
      if (ca > 1) factors.push(String(ca));
      if (ca > 1) factors.push(power(a, ca - 1));
      if (others.length) factors.push(monomial(others));
      const dr = factors.join("*");
      for (let i = 0; i < n; i++) {
        const v = N[i * m + j];
        if (v === 0) continue;
        const key = `${i * n + a}`;
        const list = jac.get(key) ?? [];
        list.push(v === 1 ? `+${dr}` : v === -1 ? `-${dr}` : `${v > 0 ? "+" : ""}${v}*${dr}`);
        jac.set(key, list);
      }
    }
  });
  // The structural zeros: written one by one up to ZERO_STORES of them — on 2–3 species a call to
  // J.fill(0) cost 2–4× the whole Jacobian (bench/systems.md) — and by one fill beyond.
  const zeros = n * n - jac.size;
  const zeroLines =
    zeros > ZERO_STORES
      ? [`J.fill(0);`]
      : Array.from({ length: n * n }, (_, p) => p)
          .filter((p) => !jac.has(`${p}`))
          .map((p) => `J[${p}] = 0;`);
  const jacLines = [...zeroLines, ...[...jac].map(([key, terms]) => `J[${key}] = ${terms.join("")};`)];
  // Every entry point checks its buffers (two comparisons per call): a longer buffer — a batch
  // or an augmented state — would otherwise be misread silently, a shorter one read past its end.
  const fail = (fn: string, arg: string, got: unknown, want: number): never => {
    if (got === undefined || got === null || typeof got !== "object")
      throw new TypeError(
        `invalid argument ${arg}: ${fn} expects a Float64Array of length ${want}, got ${String(got)}`,
      );
    throw new OdeArgumentError(
      arg,
      `${fn} expects length ${want} (${n} species, ${m} reactions), got ${(got as ArrayLike<number>).length}`,
    );
  };
  const guard = (fn: string, a: [string, string, number], b: [string, string, number]) =>
    `if (${a[0]} == null || ${a[0]}.length !== ${a[2]}) fail("${fn}", "${a[1]}", ${a[0]}, ${a[2]});\n` +
    `if (${b[0]} == null || ${b[0]}.length !== ${b[2]}) fail("${fn}", "${b[1]}", ${b[0]}, ${b[2]});`;
  const rhs = new Function(
    "fail",
    `return function massActionRhs(t, y, d) {\n${guard("rhs", ["y", "y", n], ["d", "dydt", n])}\n${rateLines.join("\n")}\n${rhsLines.join("\n")}\n};`,
  )(fail);
  const jacobian = new Function(
    "fail",
    `return function massActionJacobian(t, y, J) {\n${guard("jacobian", ["y", "y", n], ["J", "J", n * n])}\n${jacLines.join("\n")}\n};`,
  )(fail);
  const rates = new Function(
    "fail",
    `return function massActionRates(y, out) {\n${guard("rates", ["y", "y", n], ["out", "out", m])}\n${reactions.map((r, j) => `out[${j}] = ${k[j]}*${monomial(r.reactants)};`).join("\n")}\n};`,
  )(fail);
  return { rhs, jacobian, rates };
}
