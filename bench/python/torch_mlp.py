"""Our dense network (lib/neural/fields/mlpSpec.ts layout: W0, b0, W1, b1, ..., W row-major [in, out],
tanh between layers) as a torch module, for the anchors of bench/interpret.ts."""
import torch


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
