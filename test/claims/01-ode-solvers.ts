import assert from "node:assert/strict";
import { between, custom, equals, near, type ClaimCheck } from "./check";

// Claims of notebooks/01-ode-solvers.ipynb, each against an analytic solution, a published
// order of accuracy, a reference state or a conservation law.

const rungeKuttaOrder = (method: string, order: number, tol: number, source: string): ClaimCheck =>
  near(
    `order.${method}`,
    order,
    tol,
    `fixed-step error at t = 10 against the exact solution (cos t, −sin t) falls as h^${order}: ${source}`,
  );

/** A claim as a number (asserted), for checks that relate several claims. */
const num = (all: Record<string, unknown>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};

export const checks: ClaimCheck[] = [
  between(
    "lorenz.relErrT20",
    0,
    1e-4,
    "DOP853 (rtol 1e-10) vs scipy DOP853 at rtol 1e-13 (shared/peers/problems.json) at t = 20; local errors ~1e-10 grow at most ~e^{0.91·20} on the Lorenz attractor",
  ),
  rungeKuttaOrder("Euler", 1, 0.1, "explicit Euler is first order"),
  rungeKuttaOrder("Midpoint", 2, 0.1, "explicit midpoint is second order"),
  rungeKuttaOrder("RK4", 4, 0.1, "classical Runge–Kutta is fourth order"),
  rungeKuttaOrder("DOPRI5", 5, 0.15, "Dormand & Prince 1980, the propagated solution is fifth order"),
  rungeKuttaOrder("DOP853", 8, 0.3, "Hairer, Nørsett & Wanner 1993, §II.10: eighth order"),
  equals("order.rejectedSteps", 0, "the fixed-step DOPRI5/DOP853 runs must not reject (else the step was not fixed)"),
  equals(
    "rober.DOPRI5.status",
    "maxSteps",
    "ROBER is stiff (eigenvalue ~ −1e4 after the transient): an explicit method cannot cross [0, 1e5] in 50 000 steps",
  ),
  between("rober.DOPRI5.tReached", 1, 1e3, "50 000 steps limited to |hλ| ≲ 3.3 with |λ| ~ 1e4 reach t ~ 10–100"),
  equals("rober.Rodas5.status", "success", "Rodas5 is L-stable (Hairer & Wanner 1996)"),
  equals("rober.BDF.status", "success", "BDF orders 1–5 are stiffly stable"),
  between("rober.Rodas5.relErr", 0, 1e-4, "reference state at t = 1e5 (shared/peers/problems.json); rtol 1e-6"),
  between("rober.BDF.relErr", 0, 1e-4, "reference state at t = 1e5 (shared/peers/problems.json); rtol 1e-6"),
  between("rober.Rodas5.nsteps", 1, 500, "a stiff solver's step grows with t once the transient is over"),
  between(
    "rober.Rodas5.massViolation",
    0,
    1e-13,
    "A + B + C = 1 is a linear invariant, preserved by every Runge–Kutta/Rosenbrock method up to round-off",
  ),
  between("wp.slope.BS3", 2.5, 3.6, "error ∝ work^(−p) for an adaptive method of order p = 3 (Bogacki–Shampine)"),
  between("wp.slope.DOPRI5", 4.3, 6.5, "error ∝ work^(−p), p = 5"),
  between("wp.slope.DOP853", 6.5, 9.5, "error ∝ work^(−p), p = 8"),
  custom("wp.slope.DOP853", "higher order gives a steeper work–precision line: DOP853 > DOPRI5 > BS3", (_, all) => {
    const [b, d5, d8] = ["wp.slope.BS3", "wp.slope.DOPRI5", "wp.slope.DOP853"].map((n) => num(all, n));
    assert.ok(d8 > d5 && d5 > b, `slopes BS3 ${b}, DOPRI5 ${d5}, DOP853 ${d8} not ordered by order`);
  }),
  equals("wp.cheapestAt1e-8", "DOP853", "the highest-order method needs the fewest evaluations at tight tolerance"),
  custom("steps.rejectedPlotted", "the step figure marks every rejected attempt the solver counted", (v, all) => {
    assert.equal(v, num(all, "steps.nreject"), "rejected attempts plotted ≠ stats.nreject");
    assert.ok((v as number) > 0, "no rejected attempt to mark");
  }),
  custom("steps.acceptedPlotted", "the step figure shows every accepted step the solver counted", (v, all) =>
    assert.equal(v, num(all, "steps.naccept"), "accepted attempts plotted ≠ stats.naccept"),
  ),
];
