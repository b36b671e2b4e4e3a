import type { StandardProblem } from "./problem";
import { lorenz } from "./lorenz";
import { arenstorf } from "./arenstorf";
import { lotkaVolterra } from "./lotkaVolterra";
import { brusselator } from "./brusselator";
import { vanDerPol } from "./vanDerPol";
import { robertson } from "./robertson";
import { hires } from "./hires";
import { oregonator } from "./oregonator";

export type { StandardProblem } from "./problem";
export { lorenz, arenstorf, lotkaVolterra, brusselator, vanDerPol, robertson, hires, oregonator };
export { brusselator1D } from "./brusselator";
export type { Brusselator1D } from "./brusselator";

/** The shared problem set by its names in ../shared/peers/problems.json. */
export const problemSet = {
  lorenz: lorenz(),
  arenstorf: arenstorf(),
  lotka_volterra: lotkaVolterra(),
  brusselator: brusselator(),
  vdp_stiff: vanDerPol(1000),
  rober: robertson(),
  hires: hires(),
  orego: oregonator(),
} satisfies Record<string, StandardProblem>;
