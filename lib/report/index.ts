export { claim, recordClaims, readClaims, ClaimError } from "./claims";
export type { ClaimValue } from "./claims";
export { showMarkdown } from "./markdown";
