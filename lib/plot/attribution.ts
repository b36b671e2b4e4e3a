/** Figures of attributions (lib/interpret results): filled in with issue 15. */
export {};
