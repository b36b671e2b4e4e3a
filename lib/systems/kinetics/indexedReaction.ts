/** A reaction after indexing: reactant/product species indices with coefficients. */
export interface IndexedReaction {
  reactants: [number, number][];
  products: [number, number][];
  rateName: string;
  text: string;
}
