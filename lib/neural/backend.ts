import * as tf from "@tensorflow/tfjs";
import { OdeArgumentError } from "../ode/errors";
import { dirname, sep } from "node:path";

/** No TensorFlow.js backend could be started (or the one NOL_TF_BACKEND forces is not available). */
export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendUnavailableError";
  }
}

export type BackendName = "tensorflow" | "wasm" | "cpu";

export interface BackendInfo {
  /** The active backend. */
  name: BackendName;
  /** Why it was chosen. */
  reason: string;
  /** Every candidate tried, in order. */
  tried: { name: BackendName; ok: boolean; error?: string }[];
}

let chosen: Promise<BackendInfo> | null = null;
let info: BackendInfo | null = null;

/**
 * The native backend, only if the real @tensorflow/tfjs-node is installed: the package of that
 * name in node_modules may be the plain-tfjs alias danfojs-node is given (package.json
 * "overrides"), which loads fine but registers no "tensorflow" backend.
 */
async function tryTensorflow(): Promise<void> {
  require("@tensorflow/tfjs-node");
  if (tf.findBackendFactory("tensorflow") == null) {
    throw new BackendUnavailableError(
      "@tensorflow/tfjs-node loaded but registered no 'tensorflow' backend (it is the plain-tfjs alias)",
    );
  }
  if (!(await tf.setBackend("tensorflow")))
    throw new BackendUnavailableError("tf.setBackend('tensorflow') returned false");
}

/** WebAssembly backend, with its .wasm files read from the installed package (no network). */
async function tryWasm(): Promise<void> {
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  wasm.setWasmPaths(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm")) + sep);
  if (!(await tf.setBackend("wasm"))) throw new BackendUnavailableError("tf.setBackend('wasm') returned false");
}

async function tryCpu(): Promise<void> {
  if (!(await tf.setBackend("cpu"))) throw new BackendUnavailableError("tf.setBackend('cpu') returned false");
}

const attempts: Record<BackendName, () => Promise<void>> = { tensorflow: tryTensorflow, wasm: tryWasm, cpu: tryCpu };

async function choose(): Promise<BackendInfo> {
  const forced = process.env.NOL_TF_BACKEND;
  const tried: BackendInfo["tried"] = [];
  if (forced !== undefined && forced !== "") {
    if (!(forced in attempts)) {
      throw new OdeArgumentError(
        "NOL_TF_BACKEND",
        `"${forced}" is not a backend; expected one of tensorflow, wasm, cpu`,
      );
    }
    const name = forced as BackendName;
    try {
      await attempts[name]();
    } catch (e) {
      throw new BackendUnavailableError(
        `NOL_TF_BACKEND forces "${name}", but it is not available: ${(e as Error).message}`,
      );
    }
    return { name, reason: `forced by NOL_TF_BACKEND=${name}`, tried: [{ name, ok: true }] };
  }
  for (const name of ["tensorflow", "wasm", "cpu"] as BackendName[]) {
    try {
      await attempts[name]();
      tried.push({ name, ok: true });
      const reason =
        name === "tensorflow"
          ? "native TensorFlow (@tensorflow/tfjs-node) is installed and registered"
          : `first available of tensorflow → wasm → cpu (${tried
              .filter((t) => !t.ok)
              .map((t) => `${t.name}: ${t.error}`)
              .join("; ")})`;
      return { name, reason, tried };
    } catch (e) {
      tried.push({ name, ok: false, error: (e as Error).message.split("\n")[0] });
    }
  }
  throw new BackendUnavailableError(`no TensorFlow.js backend could be started: ${JSON.stringify(tried)}`);
}

/**
 * Chooses the TensorFlow.js backend once: native `tensorflow` if it really registers, else
 * `wasm`, else `cpu`; `NOL_TF_BACKEND=tensorflow|wasm|cpu` forces one (an error if that one
 * cannot start). Resolves to what was chosen and why.
 */
export function ready(): Promise<BackendInfo> {
  if (chosen === null) {
    chosen = choose().then((i) => (info = i));
    chosen.catch(() => (chosen = null));
  }
  return chosen;
}

/** The backend chosen by `ready()`, or null before it has resolved. */
export function backendInfo(): BackendInfo | null {
  return info;
}
