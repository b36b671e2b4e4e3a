import assert from "node:assert/strict";
import { between, custom, equals, near, type ClaimCheck } from "./check";

// Claims of notebooks/02-neural-ode-basics.ipynb: training progress against the untrained start
// and the trivial zero predictor, adjoint memory against Chen et al. 2018, the ResNet ↔ Euler order.

const num = (all: Record<string, unknown>, name: string): number => {
  assert.equal(typeof all[name], "number", `claim ${name} should be a number, got ${JSON.stringify(all[name])}`);
  return all[name] as number;
};

export const checks: ClaimCheck[] = [
  equals("train.iterations", 300, "fit records one row per iteration"),
  custom(
    "train.lossLast20",
    "training lowers the batch loss at least 3× from its start (mean of 20 iterations)",
    (v, all) => {
      const first = num(all, "train.lossFirst20");
      assert.ok((v as number) < first / 3, `last-20 loss ${v} not 3× below first-20 loss ${first}`);
    },
  ),
  custom(
    "fit.meanErrTrain",
    "the learned trajectory beats the zero predictor on [0, 25] (error < mean |y|)",
    (v, all) => {
      const amp = num(all, "fit.meanAmpTrain");
      assert.ok((v as number) < amp, `mean |error| ${v} not below the mean |y| ${amp}`);
    },
  ),
  equals(
    "memory.stepsTaken",
    [39, 78, 156, 312],
    "RK4 at Δt_sample/k takes k steps in each of the 39 sample intervals (stats.naccept, not the nominal span/step)",
  ),
  equals("memory.stepsAdjoint", [39, 78, 156, 312], "the adjoint's forward solve takes the same steps"),
  near("memory.slopeBackprop", 1, 0.1, "backpropagation stores every step: memory ∝ steps (Chen et al. 2018, §2)"),
  near(
    "memory.slopeAdjoint",
    0,
    0.1,
    "the adjoint method has O(1) memory in the number of steps (Chen et al. 2018, §2)",
  ),
  between("memory.ratioAtMostSteps", 10, Infinity, "at 312 steps the tape dwarfs the adjoint's constant memory"),
  between(
    "memory.gradRelDiff",
    0,
    1e-3,
    "adjoint and backprop gradients of the same RK4 solve agree up to O(h⁴) and float32 round-off",
  ),
  between(
    "memory.keptVsMeasured",
    0,
    0.1,
    "the memory a gradient method reports (stats.keptBytes) is what the process keeps (array buffers after GC), 10 %",
  ),
  between("shadow.maxDrift", 0, 1e-4, "float32 (unit round-off 6e-8) against float64 re-solve of the same field"),
  near(
    "resnet.order",
    1,
    0.05,
    "a ResNet of depth L is explicit Euler with step T/L: first order (Chen et al. 2018, §1)",
  ),
  between("resnet.maxRelErrInFit", 0, 0.2, "the order is fitted only where the error is below 20 % of |y(T)|"),
  between("resnet.fitPoints", 4, 8, "at least four depths in the asymptotic range"),
  between(
    "resnet.vsFloat64Euler",
    0,
    1e-3,
    "the float32 ResNet equals float64 Euler of the same field up to round-off",
  ),
  between(
    "resnet.fullWindowRelErr6400",
    0.2,
    Infinity,
    "on [0, 25] Euler with 6400 steps is pre-asymptotic (the notebook's reason for T = 2.5)",
  ),
];
