import type { DenseSegment, OdeStats, StepOutcome, Stepper, StepperConfig } from "../types";
import { ExplicitRungeKuttaStepper } from "./explicitRungeKutta";
import { Rodas5Stepper } from "./rodas5";
import { dormandPrince54 } from "../tableaus/dormandPrince54";

/**
 * "Auto": starts with DOPRI5 and, once Hairer's stiffness test fires (dopri5.f; HNW II,
 * Sec. IV.2), continues from the current state with Rodas5 (the idea of LSODA, Petzold 1983,
 * and of OrdinaryDiffEq's AutoTsit5(Rodas5)); when Rodas5's steps have been explicitly stable
 * for a while (Rodas5Stepper.testNonStiffness), it goes back to DOPRI5 with Rodas5's step size.
 * Every switch is listed in `name` (the result's `method`).
 */
export class AutoStepper implements Stepper {
  readonly n: number;
  stats: OdeStats;
  failureMessage = "";
  private readonly config: StepperConfig;
  private explicit: ExplicitRungeKuttaStepper;
  private implicit: Rodas5Stepper | null = null;
  private active: Stepper;
  private readonly switches: string[] = [];

  constructor(config: StepperConfig) {
    this.config = config;
    this.n = config.y0.length;
    this.stats = config.stats;
    this.explicit = new ExplicitRungeKuttaStepper(dormandPrince54, config, { detectStiffness: true });
    this.active = this.explicit;
  }

  get name(): string {
    const shown =
      this.switches.length <= 6
        ? this.switches
        : [...this.switches.slice(0, 3), `… ${this.switches.length - 5} more switches …`, ...this.switches.slice(-2)];
    return `Auto(DOPRI5${shown.join("")})`;
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
      this.switches.push(`→Rodas5 at t=${this.explicit.t.toPrecision(6)}`);
      this.implicit = new Rodas5Stepper(
        { ...this.config, t0: this.explicit.t, y0: Float64Array.from(this.explicit.y), firstStep: 0 },
        { detectNonStiffness: true },
      );
      this.active = this.implicit;
    } else if (this.active === this.implicit && this.implicit.nonStiffDetected) {
      this.switches.push(`→DOPRI5 at t=${this.implicit.t.toPrecision(6)}`);
      this.explicit = new ExplicitRungeKuttaStepper(
        dormandPrince54,
        {
          ...this.config,
          t0: this.implicit.t,
          y0: Float64Array.from(this.implicit.y),
          firstStep: this.implicit.nextStepSize,
        },
        { detectStiffness: true },
      );
      this.active = this.explicit;
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
