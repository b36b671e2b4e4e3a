"""The LRP anchor of bench/interpret.md: zennit's rules (Anders et al. 2021, arXiv:2106.13200) on
the dense tanh network of our mlp64 field, to compare layer by layer with lib/interpret's lrpDense,
and on a fixed-step RK4 solve of that field unrolled, to compare with lrpSolve.

    bench/.venv-interpret/bin/python bench/python/zennit_lrp.py PROBLEM.json

PROBLEM.json (written by bench/interpret.ts): {"rounds": R, "cases": [{name, sizes, params (our
flat layout: W0 [in, out] row-major, b0, W1, b1, …), rules (one per Linear layer from the input
up: {"name": "epsilon", "epsilon"} or {"name": "zPlus", "stabilizer"}), composite ("EpsilonPlus":
zennit's composite, which on a network of Linear layers is Epsilon on every one and Pass on the
activations; "names": a NameMapComposite with the listed rule per Linear layer and Pass on every
Tanh), xs (inputs)}]}. The network is nn.Sequential(Linear, Tanh, …, Linear) with weight = Wᵀ.

"solveCases" (optional): [{name, sizes, params, rule, sumEpsilon, T, h, y0, component}]: LRP through
a fixed-step classical RK4 solve, zennit on the solve unrolled (UnrolledRK4 below), the relevance
starting on y_component(T); returned are the relevances of every state y_0 … y_N and the relevance
entering every stage's k (summed over components), and in float64 also the states' relevances of
the same graph with one shared network module (what zennit gives on the solve as written).

The relevance starts as the output itself (R_L = f(x)); the relevance at the input of every
Linear layer is the gradient of the output with respect to that tensor under the composite's
hooks (zennit's rules return relevance as the modified gradient), so R_0 … R_{L-1} come from one
backward pass. Float32 and float64, one torch thread. Prints one JSON line: per case and dtype the
relevances per input and layer, and the seconds of each round of one forward + backward over all
inputs as one batch and over the first input alone (the composite's context entered once, outside
the timing); per solve case and dtype the relevances above and the seconds of one forward +
backward of the unrolled solve; and the versions.
"""

import copy
import json
import sys
import time

import torch

torch.set_num_threads(1)

import importlib.metadata as metadata  # noqa: E402

from zennit.composites import EpsilonPlus, LayerMapComposite, NameMapComposite  # noqa: E402
from zennit.layer import Sum  # noqa: E402
from zennit.rules import Epsilon, Norm, Pass, ZPlus  # noqa: E402
from torch_mlp import network  # noqa: E402


def rule(r):
    if r["name"] == "epsilon":
        return Epsilon(epsilon=r["epsilon"])
    if r["name"] == "zPlus":
        return ZPlus(stabilizer=r["stabilizer"])
    raise ValueError(f"unknown rule {r}")


def composite(case, model):
    if case["composite"] == "EpsilonPlus":
        eps = {r["epsilon"] for r in case["rules"] if r["name"] == "epsilon"}
        assert len(eps) == 1 and all(r["name"] == "epsilon" for r in case["rules"]), "EpsilonPlus: ε on every Linear"
        return EpsilonPlus(epsilon=eps.pop())
    linear = [name for name, m in model.named_children() if isinstance(m, torch.nn.Linear)]
    tanh = tuple(name for name, m in model.named_children() if isinstance(m, torch.nn.Tanh))
    assert len(linear) == len(case["rules"])
    return NameMapComposite([((name,), rule(r)) for name, r in zip(linear, case["rules"])] + [(tanh, Pass())])


def relevances(modified, x):
    """R_0 … R_L for the batch x: the gradients at every Linear layer's input, then the output."""
    h = x.clone().requires_grad_(True)
    inputs = []
    for m in modified:
        if isinstance(m, torch.nn.Linear):
            inputs.append(h)
        h = m(h)
    grads = torch.autograd.grad(h, inputs, grad_outputs=h.detach())
    return [g.detach() for g in grads] + [h.detach()]


def run(case, dtype, rounds):
    model = network(case["sizes"], case["params"], dtype)
    xs = torch.tensor(case["xs"], dtype=dtype)
    comp = composite(case, model)
    times = {"batch": [], "one": []}
    with comp.context(model) as modified:
        for what, x in (("batch", xs), ("one", xs[:1])):
            for _ in range(rounds + 1):  # the first round warms up
                start = time.perf_counter()
                rs = relevances(modified, x)
                times[what].append(time.perf_counter() - start)
            times[what] = times[what][1:]
        rs = relevances(modified, xs)
    # Per input, per layer.
    per_input = [[r[i].tolist() for r in rs] for i in range(xs.shape[0])]
    return {"dtype": str(dtype).replace("torch.", ""), "relevances": per_input, "seconds": times}


class Scale(torch.nn.Module):
    """c·x for a tableau coefficient times h: relevance passes through unchanged (Pass), as the
    z-rule gives for a one-input linear map (c·x / (c·x) · R = R)."""

    def __init__(self, c):
        super().__init__()
        self.c = c

    def forward(self, x):
        return self.c * x


class UnrolledRK4(torch.nn.Module):
    """Fixed-step classical RK4 from 0 to T with step h, unrolled: every stage evaluation uses its
    own copy of the network and every sum and scaling its own module, since zennit's hooks keep one
    forward's tensors per module and so cannot explain a module used more than once. The sums are
    zennit's Sum over stacked terms (Norm rule: each term's share in proportion to its value), in
    the order lib/interpret/lrp/stepRelevance.ts sums: y_n first, then h·a_ij·k_j (h·b_i·k_i)."""

    A = [[], [0.5], [0.0, 0.5], [0.0, 0.0, 1.0]]
    B = [1 / 6, 1 / 3, 1 / 3, 1 / 6]

    def __init__(self, net, T, h, shared=False):
        super().__init__()
        n = round(T / h)
        assert abs(n * h - T) <= 1e-12 * T, "h must divide T"
        s = len(self.B)
        self.steps = n
        # shared: the one network module at every stage, as the solve is naturally written.
        self.nets = torch.nn.ModuleList([net if shared else copy.deepcopy(net) for _ in range(n * s)])
        self.stage_sums = torch.nn.ModuleList([Sum(dim=-1) for _ in range(n * s)])
        self.step_sums = torch.nn.ModuleList([Sum(dim=-1) for _ in range(n)])
        # (n·s + i)·s + j: h·a_ij (unused where a_ij = 0); n·s + i: h·b_i.
        self.stage_scales = torch.nn.ModuleList(
            [Scale(h * (row[j] if j < len(row) else 0.0)) for _ in range(n) for row in self.A for j in range(s)]
        )
        self.step_scales = torch.nn.ModuleList([Scale(h * b) for _ in range(n) for b in self.B])

    def forward(self, y0):
        """y_0 … y_N and k per step and stage: the tensors whose gradients are the relevances."""
        s = len(self.B)
        ys, ks = [y0], []
        for n in range(self.steps):
            y, k = ys[-1], []
            for i, row in enumerate(self.A):
                terms = [self.stage_scales[(n * s + i) * s + j](k[j]) for j, a in enumerate(row) if a != 0]
                Y = self.stage_sums[n * s + i](torch.stack([y] + terms, dim=-1)) if terms else y
                k.append(self.nets[n * s + i](Y))
            ks.append(k)
            update = [self.step_scales[n * s + i](k[i]) for i in range(s)]
            ys.append(self.step_sums[n](torch.stack([y] + update, dim=-1)))
        return ys, ks


def solve_relevances(case, dtype, shared, rounds):
    net = network(case["sizes"], case["params"], dtype)
    model = UnrolledRK4(net, case["T"], case["h"], shared=shared)
    r = case["rule"]
    linear = Epsilon(epsilon=r["epsilon"]) if r["name"] == "epsilon" else ZPlus(stabilizer=r["stabilizer"])
    comp = LayerMapComposite(
        [(torch.nn.Tanh, Pass()), (Scale, Pass()), (Sum, Norm(stabilizer=case["sumEpsilon"])), (torch.nn.Linear, linear)]
    )
    x = torch.tensor([case["y0"]], dtype=dtype)
    c = case["component"]
    seconds = []
    with comp.context(model) as modified:
        for _ in range(rounds + 1):  # the first round warms up
            start = time.perf_counter()
            y0 = x.clone().requires_grad_(True)
            ys, ks = modified(y0)
            start_relevance = torch.zeros_like(ys[-1])
            start_relevance[0, c] = ys[-1][0, c].detach()
            flat_k = [k for step in ks for k in step]
            grads = torch.autograd.grad(ys[-1], ys[:-1] + flat_k, grad_outputs=start_relevance)
            seconds.append(time.perf_counter() - start)
    n = len(ys) - 1
    s = len(UnrolledRK4.B)
    return {
        "dtype": str(dtype).replace("torch.", ""),
        "stateRelevance": [g[0].tolist() for g in grads[:n]] + [start_relevance[0].tolist()],
        "fieldRelevance": [[grads[n + m * s + i].sum().item() for i in range(s)] for m in range(n)],
        "seconds": seconds[1:],
    }


def run_solve(case, dtype, rounds):
    out = solve_relevances(case, dtype, False, rounds)
    if dtype == torch.float64:
        # The same graph with one network module at every stage: what zennit gives on the solve as written.
        out["sharedStateRelevance"] = solve_relevances(case, dtype, True, 0)["stateRelevance"]
    return out


def main():
    with open(sys.argv[1]) as f:
        problem = json.load(f)
    cases = [
        {"name": c["name"], "variants": [run(c, dtype, problem["rounds"]) for dtype in (torch.float32, torch.float64)]}
        for c in problem["cases"]
    ]
    solve_cases = [
        {"name": c["name"], "variants": [run_solve(c, dtype, problem["rounds"]) for dtype in (torch.float32, torch.float64)]}
        for c in problem.get("solveCases", [])
    ]
    versions = {"zennit": metadata.version("zennit"), "torch": torch.__version__, "python": sys.version.split()[0]}
    print(json.dumps({"versions": versions, "cases": cases, "solveCases": solve_cases}))


if __name__ == "__main__":
    main()
