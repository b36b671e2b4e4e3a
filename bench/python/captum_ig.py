"""The integrated-gradients anchor of bench/interpret.md: Captum's IntegratedGradients (Kokhlikyan
et al. 2020, arXiv:2009.07896) on a neural ODE solved by fixed-step RK4 in torch, with the weights
of our mlp64 field, to compare with lib/interpret's integratedGradients on the same solve.

    bench/.venv-interpret/bin/python bench/python/captum_ig.py PROBLEM.json

PROBLEM.json (written by bench/interpret.ts): {"rounds": R, "cases": [{name, sizes, params (our flat
layout: W0 [in, out] row-major, b0, W1, b1, …), y0, T, h, component, nodes, baseline}]}. The
network is nn.Sequential(Linear, Tanh, …, Linear) with weight = Wᵀ. F(x) = y_component(T) of
the solve from x; Captum integrates ∂F/∂x along x′ + α(x − x′) with method="gausslegendre" and
n_steps = nodes, all nodes as one batch, and returns the convergence delta (completeness gap).

Two solvers, each in float32 (Captum's usual dtype) and float64:
- "torchdiffeq": odeint(f, x, [0, T], method="rk4", options=dict(step_size=h))[-1]. torchdiffeq's
  "rk4" is Kutta's 3/8 rule (rk4_alt_step_func), not the classical tableau ours uses: the two
  differ by O(h⁴) globally, which bench/interpret.md reports;
- "classic": the classical RK4 tableau (ours, lib/ode/tableaus/rk4.ts) written out in torch, the
  same steps of h from 0 to T: the like-for-like float64 comparison.
One torch thread. Prints one JSON line: per case and variant the attributions, F(x), F(x′), the
delta, the seconds of each round of attribute(), and the versions.
"""

import json
import sys
import time

import torch

torch.set_num_threads(1)

import importlib.metadata as metadata  # noqa: E402

import torchdiffeq  # noqa: E402
from captum.attr import IntegratedGradients  # noqa: E402
from torch_mlp import network  # noqa: E402


class Field(torch.nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, t, y):
        return self.net(y)


def classic_rk4(f, y, T, h):
    """Classical RK4 (Kutta 1901; Hairer–Nørsett–Wanner I, Table II.1.2), steps of h to T (h divides T)."""
    n = round(T / h)
    assert abs(n * h - T) <= 1e-12 * T, "h must divide T"
    t = 0.0
    for _ in range(n):
        k1 = f(t, y)
        k2 = f(t + 0.5 * h, y + (0.5 * h) * k1)
        k3 = f(t + 0.5 * h, y + (0.5 * h) * k2)
        k4 = f(t + h, y + h * k3)
        y = y + h * (k1 / 6 + k2 / 3 + k3 / 3 + k4 / 6)
        t += h
    return y


def run(case, solver, dtype, rounds):
    field = Field(network(case["sizes"], case["params"], dtype))
    T, h, j = case["T"], case["h"], case["component"]
    tt = torch.tensor([0.0, T], dtype=dtype)

    def F(x):
        if solver == "torchdiffeq":
            yT = torchdiffeq.odeint(field, x, tt, method="rk4", options=dict(step_size=h))[-1]
        else:
            yT = classic_rk4(field, x, T, h)
        return yT[:, j]

    x = torch.tensor([case["y0"]], dtype=dtype)
    baseline = torch.full_like(x, case["baseline"])
    ig = IntegratedGradients(F)
    seconds, attr, delta = [], None, None
    for _ in range(rounds + 1):  # the first round warms up
        start = time.perf_counter()
        attr, delta = ig.attribute(
            x, baselines=baseline, n_steps=case["nodes"], method="gausslegendre", return_convergence_delta=True
        )
        seconds.append(time.perf_counter() - start)
    with torch.no_grad():
        value, base_value = F(x).item(), F(baseline).item()
    return {
        "solver": solver,
        "dtype": str(dtype).replace("torch.", ""),
        "attributions": attr[0].tolist(),
        "delta": delta.item(),
        "value": value,
        "baselineValue": base_value,
        "seconds": seconds[1:],
    }


def main():
    with open(sys.argv[1]) as f:
        problem = json.load(f)
    cases = []
    for case in problem["cases"]:
        variants = [
            run(case, solver, dtype, problem["rounds"])
            for solver in ("torchdiffeq", "classic")
            for dtype in (torch.float32, torch.float64)
        ]
        cases.append({"name": case["name"], "variants": variants})
    versions = {p: metadata.version(p) for p in ("captum", "torchdiffeq")}
    versions["torch"] = torch.__version__
    versions["python"] = sys.version.split()[0]
    print(json.dumps({"versions": versions, "cases": cases}))


if __name__ == "__main__":
    main()
