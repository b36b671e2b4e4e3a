/** No Chromium executable for PNG/SVG export (an environment problem, not a bad argument). */
export class ChromiumNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `no Chromium found for PNG/SVG export (tried ${tried.join(", ")}): install Debian's \`chromium\` (apt-get install chromium) or set NOL_CHROMIUM to a Chrome/Chromium executable`,
    );
    this.name = "ChromiumNotFoundError";
  }
}

/** Chromium started but failed while rendering a figure; `cause` is playwright's error. */
export class FigureRenderError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Chromium failed while ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "FigureRenderError";
  }
}
