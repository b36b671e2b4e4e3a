/** Figures of stability analysis (stability regions, λh, gradient growth): filled in with issue 15. */
export {};
