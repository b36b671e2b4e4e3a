"""The LRP anchor of bench/interpret.md: zennit's rules (Anders et al. 2021, arXiv:2106.13200) on
the dense tanh network of our mlp64 field, to compare layer by layer with lib/interpret's lrpDense.

    bench/.venv-interpret/bin/python bench/python/zennit_lrp.py PROBLEM.json

PROBLEM.json (written by bench/interpret.ts): {"rounds": R, "cases": [{name, sizes, params (our
flat layout: W0 [in, out] row-major, b0, W1, b1, …), rules (one per Linear layer from the input
up: {"name": "epsilon", "epsilon"} or {"name": "zPlus", "stabilizer"}), composite ("EpsilonPlus":
zennit's composite, which on a network of Linear layers is Epsilon on every one and Pass on the
activations; "names": a NameMapComposite with the listed rule per Linear layer and Pass on every
Tanh), xs (inputs)}]}. The network is nn.Sequential(Linear, Tanh, …, Linear) with weight = Wᵀ.

The relevance starts as the output itself (R_L = f(x)); the relevance at the input of every
Linear layer is the gradient of the output with respect to that tensor under the composite's
hooks (zennit's rules return relevance as the modified gradient), so R_0 … R_{L-1} come from one
backward pass. Float32 and float64, one torch thread. Prints one JSON line: per case and dtype the
relevances per input and layer, and the seconds of each round of one forward + backward over all
inputs as one batch and over the first input alone (the composite's context entered once, outside
the timing), and the versions.
"""

import json
import sys
import time

import torch

torch.set_num_threads(1)

import importlib.metadata as metadata  # noqa: E402

from zennit.composites import EpsilonPlus, NameMapComposite  # noqa: E402
from zennit.rules import Epsilon, Pass, ZPlus  # noqa: E402


def network(sizes, params, dtype):
    layers, k = [], 0
    for l in range(len(sizes) - 1):
        n_in, n_out = sizes[l], sizes[l + 1]
        lin = torch.nn.Linear(n_in, n_out).to(dtype)
        w = torch.tensor(params[k : k + n_in * n_out], dtype=dtype).reshape(n_in, n_out)
        k += n_in * n_out
        b = torch.tensor(params[k : k + n_out], dtype=dtype)
        k += n_out
        with torch.no_grad():
            lin.weight.copy_(w.T)
            lin.bias.copy_(b)
        layers.append(lin)
        if l < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    assert k == len(params), f"{len(params)} parameters for sizes {sizes}, used {k}"
    return torch.nn.Sequential(*layers)


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


def main():
    with open(sys.argv[1]) as f:
        problem = json.load(f)
    cases = [
        {"name": c["name"], "variants": [run(c, dtype, problem["rounds"]) for dtype in (torch.float32, torch.float64)]}
        for c in problem["cases"]
    ]
    versions = {"zennit": metadata.version("zennit"), "torch": torch.__version__, "python": sys.version.split()[0]}
    print(json.dumps({"versions": versions, "cases": cases}))


if __name__ == "__main__":
    main()
