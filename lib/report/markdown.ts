/**
 * Displays markdown in a tslab notebook (prints it elsewhere). Notebooks build the prose that
 * reports results from the computed values and show it with this, so the text cannot disagree
 * with the run.
 */
export function showMarkdown(text: string): void {
  if (typeof text !== "string") throw new TypeError(`showMarkdown: text must be a string, got ${typeof text}`);
  try {
    const tslab = require("tslab") as { display: { markdown(s: string): void } };
    tslab.display.markdown(text);
  } catch {
    console.log(text);
  }
}
