/** LRP through the solver (issue 15): filled in by lib/interpret/lrp/*. */
export {};
