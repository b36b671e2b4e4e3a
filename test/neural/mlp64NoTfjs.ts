// Run by field64.test.ts in a fresh process: a float64 field built by mlp64 and evaluated, with
// the list of tfjs modules that loading and using it pulled in (none expected).
import { mlp64 } from "../../lib/neural/fields/mlp64";

const field = mlp64({
  dim: 2,
  hidden: [5, 4],
  activation: "tanh",
  timeDependent: true,
  inputTransform: "cube",
  seed: 7,
});
const y = Float64Array.from([0.3, -0.2, 1, 0.5]);
const v = Float64Array.from([0.1, 0.2, -0.3, 0.4]);
const vTheta = Float64Array.from(field.parameters, (_, i) => Math.sin(i));
const f = new Float64Array(4);
const jvp = new Float64Array(4);
field.forward(0.4, y, f);
field.jvp(0.4, y, v, vTheta, null, jvp);
const gy = new Float64Array(4);
const gTheta = new Float64Array(field.parameters.length);
field.vjp(0.4, y, v, new Float64Array(4), gy, gTheta, 1);
const tfjsModules = Object.keys(require.cache).filter((k) => k.includes("@tensorflow"));
console.log(
  JSON.stringify({
    tfjsModules,
    parameters: Array.from(field.parameters),
    f: Array.from(f),
    jvp: Array.from(jvp),
    gy: Array.from(gy),
    gTheta: Array.from(gTheta),
  }),
);
