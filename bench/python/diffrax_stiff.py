"""The Python anchor of the stiff training rows of bench/neural.md: diffrax (Kidger 2021,
arXiv:2202.02435) trains the same universal differential equations as bench/neural.ts — known
mass-action kinetics plus a tanh MLP — on the same data, from the same initial weights, with the
same loss, optimizer and iterations, through Kvaerno5 (Kværnø 2004, BIT 44, 489–502: a stiffly
accurate ESDIRK of order 5) with a PIDController at the same rtol/atol, gradients by diffrax's
default RecursiveCheckpointAdjoint (reverse mode through the solver steps). One core, one thread,
float64.

    bench/.venv/bin/python bench/python/diffrax_stiff.py PROBLEM.json

PROBLEM.json is written by bench/neural.ts: {"models": [{name, reactions: [{reactants, products, k}],
n, t, y, y0, sizes, params, rtol, atol, dt0, lr, iterations, loss}]} (dt0: diffrax's first step;
null lets diffrax choose it), params flat as our MLP keeps them
(W0 [in, out] row-major, b0, W1, b1, …). Prints one JSON line: per model the median ms per
iteration after the first (compile) iteration, the compile time apart, the last iteration's loss,
the forward steps, and the versions.
"""

import json
import os
import sys

# One thread on one core, set before jax is imported (XLA reads the flags once).
os.environ["XLA_FLAGS"] = (
    os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
).strip()
os.environ.setdefault("OMP_NUM_THREADS", "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import time  # noqa: E402

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platform_name", "cpu")
import jax.numpy as jnp  # noqa: E402
import diffrax  # noqa: E402
import equinox  # noqa: E402
import optax  # noqa: E402


def mass_action(reactions, n):
    """dy/dt = N·r(y), r_j = k_j Π_i y_i^ν_ij: the compiled network of lib/systems/kinetics."""

    def rhs(y):
        dy = [jnp.zeros((), dtype=y.dtype) for _ in range(n)]
        for r in reactions:
            rate = jnp.asarray(r["k"], dtype=y.dtype)
            for i, c in r["reactants"]:
                rate = rate * (y[i] if c == 1 else y[i] ** c)
            for i, c in r["reactants"]:
                dy[i] = dy[i] - c * rate
            for i, c in r["products"]:
                dy[i] = dy[i] + c * rate
        return jnp.stack(dy)

    return rhs


def unflatten(flat, sizes):
    """W0 [in, out] row-major, b0, W1, b1, … as lib/neural/fields/mlpSpec.ts lays them out."""
    params, o = [], 0
    for a, b in zip(sizes[:-1], sizes[1:]):
        W = jnp.asarray(flat[o : o + a * b], dtype=jnp.float64).reshape(a, b)
        o += a * b
        bias = jnp.asarray(flat[o : o + b], dtype=jnp.float64)
        o += b
        params.append((W, bias))
    assert o == len(flat), f"params has {len(flat)} entries, sizes {sizes} need {o}"
    return params


def mlp(params, y):
    h = y
    for W, b in params[:-1]:
        h = jnp.tanh(h @ W + b)
    W, b = params[-1]
    return h @ W + b


def train(m):
    known = mass_action(m["reactions"], m["n"])
    t = jnp.asarray(m["t"], dtype=jnp.float64)
    data = jnp.asarray(m["y"], dtype=jnp.float64)
    y0 = jnp.asarray(m["y0"], dtype=jnp.float64)
    params = unflatten(m["params"], m["sizes"])
    term = diffrax.ODETerm(lambda s, y, p: known(y) + mlp(p, y))
    solver = diffrax.Kvaerno5()
    controller = diffrax.PIDController(rtol=m["rtol"], atol=m["atol"])
    saveat = diffrax.SaveAt(ts=t)

    def loss_fn(p):
        sol = diffrax.diffeqsolve(
            term, solver, t[0], t[-1], m.get("dt0"), y0, args=p, saveat=saveat,
            stepsize_controller=controller, max_steps=16384,
        )
        r = sol.ys - data
        # Σ_k mean_k ℓ / T with uniform weights: lib/sensitivity/trajectoryLoss.ts.
        loss = jnp.mean(r * r) if m["loss"] == "mse" else jnp.mean(jnp.abs(r))
        return loss, sol.stats["num_steps"]

    opt = optax.adam(m["lr"], b1=0.9, b2=0.999, eps=1e-8)
    state = opt.init(params)

    @jax.jit
    def step(p, s):
        (loss, nsteps), g = jax.value_and_grad(loss_fn, has_aux=True)(p)
        updates, s = opt.update(g, s, p)
        return optax.apply_updates(p, updates), s, loss, nsteps

    walls, cpus, losses, steps, failed = [], [], [], [], None
    for i in range(m["iterations"]):
        started, c0 = time.perf_counter(), time.process_time()
        try:
            params, state, loss, nsteps = step(params, state)
            loss = float(jax.block_until_ready(loss))
        except Exception as e:  # a failed solve (max_steps, a non-finite linear solve) ends the run
            failed = f"failed at iteration {i + 1}: " + str(e).split("\n")[0][:200]
            for line in str(e).split("\n"):
                if "EquinoxRuntimeError" in line or "maximum number" in line:
                    failed = f"failed at iteration {i + 1}: " + line.strip()[:200]
                    break
            break
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - c0)
        losses.append(loss)
        steps.append(int(nsteps))
    med = lambda xs: 1000 * sorted(xs)[len(xs) // 2] if xs else None  # noqa: E731
    return {
        "name": m["name"],
        "compile_s": walls[0] if walls else None,
        "ms_per_iter_median": med(walls[1:]),
        "cpu_ms_per_iter_median": med(cpus[1:]),
        "total_s": sum(walls),
        "first_loss": losses[0] if losses else None,
        "final_loss": losses[-1] if losses else None,
        "forward_steps_last": steps[-1] if steps else None,
        "iterations": len(walls),
        "losses": losses,
        "failed": failed,
    }


def main():
    problem = json.load(open(sys.argv[1]))
    rows = [train(m) for m in problem["models"]]
    print(json.dumps({
        "jax": jax.__version__, "diffrax": diffrax.__version__, "equinox": equinox.__version__,
        "optax": optax.__version__, "threads": 1, "solver": "Kvaerno5",
        "adjoint": "RecursiveCheckpointAdjoint", "models": rows,
    }))


if __name__ == "__main__":
    main()
