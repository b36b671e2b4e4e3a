import type { DenseSegment, OdeStats, StepOutcome, Stepper, StepperConfig } from "../types";
import { ExplicitRungeKuttaStepper } from "./explicitRungeKutta";
import { Rodas5Stepper } from "./rodas5";
import { dormandPrince54 } from "../tableaus/dormandPrince54";

/**
 * "Auto": starts with DOPRI5 and, once Hairer's stiffness test fires (dopri5.f; HNW II,
 * Sec. IV.2), continues from the current state with Rodas5 (the idea of LSODA, Petzold 1983,
 * and of OrdinaryDiffEq's AutoTsit5(Rodas5)). The switch is one-way.
 */
export class AutoStepper implements Stepper {
  readonly n: number;
  stats: OdeStats;
  failureMessage = "";
  private readonly config: StepperConfig;
  private explicit: ExplicitRungeKuttaStepper;
  private active: Stepper;
  private switchedAt: number | null = null;

  constructor(config: StepperConfig) {
    this.config = config;
    this.n = config.y0.length;
    this.stats = config.stats;
    this.explicit = new ExplicitRungeKuttaStepper(dormandPrince54, config, { detectStiffness: true });
    this.active = this.explicit;
  }

  get name(): string {
    return this.switchedAt === null ? "Auto(DOPRI5)" : `Auto(DOPRI5→Rodas5 at t=${this.switchedAt.toPrecision(6)})`;
  }
  get t(): number {
    return this.active.t;
  }
  get y(): Float64Array {
    return this.active.y;
  }
  get tOld(): number {
    return this.active.tOld;
  }
  get yOld(): Float64Array {
    return this.active.yOld;
  }

  step(): StepOutcome {
    if (this.active === this.explicit && this.explicit.stiffDetected) {
      this.switchedAt = this.explicit.t;
      this.active = new Rodas5Stepper({
        ...this.config,
        t0: this.explicit.t,
        y0: Float64Array.from(this.explicit.y),
        firstStep: 0,
      });
    }
    const outcome = this.active.step();
    if (outcome !== "ok") this.failureMessage = this.active.failureMessage;
    return outcome;
  }

  interpolate(s: number, out: Float64Array): Float64Array {
    return this.active.interpolate(s, out);
  }

  denseSegment(): DenseSegment {
    return this.active.denseSegment();
  }
}
