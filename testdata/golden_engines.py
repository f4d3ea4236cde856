#!/usr/bin/python3
"""Writes torch-1.13.1-engines.json: PyTorch's outputs and autograd gradients
for the activations engines asked for (logsigmoid, softsign, glu, and the
gated units as engines compose them), in the format of the other golden
files. Run it with Debian's python3-torch (1.13.1) on an AVX2 CPU:

    /usr/bin/python3 testdata/golden_engines.py > testdata/torch-1.13.1-engines.json
"""

import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

SEED = 20261207
EDGE_UP = [1.0, -2.5, 0.0, -0.0, math.inf, -math.inf, math.nan, 3e38, -1e-40, 1e30]
EDGE_DY = [1.0, math.inf]


def bits(t):
    return [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.tolist()]


def tensor(b):
    return torch.tensor([struct.unpack("<f", struct.pack("<I", v))[0] for v in b], dtype=torch.float32)


def edge_x():
    """The family file's edge inputs, as bit patterns."""
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "torch-1.13.1-family.json")).read()
    meta = json.loads(text)["meta"]
    out = []
    for e in meta["edge_x"]:
        if "bits" in e:
            out.append(e["bits"])
        else:
            out.append(struct.unpack("<I", struct.pack("<f", e["value"]))[0])
    dys = meta["edge_dy_per_x"]  # written as a string: "[1.0, -2.5, ...]"
    return out, [float(d) for d in dys.strip("[]").split(",")]


def random_x(g, n):
    """Random inputs spread as the family file's: moderate, wide, tiny and huge, far left."""
    parts = [
        torch.rand(n // 4, generator=g) * 2 - 1,
        torch.rand(n // 4, generator=g) * 40 - 20,
        torch.sign(torch.rand(n // 5, generator=g) - 0.5) * 10 ** (torch.rand(n // 5, generator=g) * 60 - 30),
        torch.rand(n - n // 4 * 2 - n // 5, generator=g) * -90 - 10,
    ]
    return torch.cat(parts).to(torch.float32)


def capability():
    """The vector instruction set ATen's kernels use, as torch reports it."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":")[1].strip()
    return "unknown"


def grads(fn, inputs, dy):
    leaves = [t.clone().requires_grad_(True) for t in inputs]
    y = fn(*leaves)
    y.backward(dy)
    return y.detach(), [t.grad.detach() for t in leaves]


def unary_case(op, fn, x, dy, formula):
    y, (dx,) = grads(fn, [x], dy)
    return {"op": op, "params": {}, "n": len(x), "x_bits": bits(x), "dy_bits": bits(dy),
            "y_bits": bits(y), "dx_bits": bits(dx), "formula": formula}


def gated_case(op, fn, first, second, dy, formula):
    y, (dfirst, dsecond) = grads(fn, [first, second], dy)
    return {"op": op, "params": {}, "n": len(first), "first_bits": bits(first), "second_bits": bits(second),
            "dy_bits": bits(dy), "y_bits": bits(y), "dfirst_bits": bits(dfirst), "dsecond_bits": bits(dsecond),
            "formula": formula}


def main():
    g = torch.Generator().manual_seed(SEED)
    xs, dys = edge_x()
    x = torch.cat([tensor([b for b in xs for _ in dys]), random_x(g, 1000)])
    dy = torch.cat([torch.tensor([d for _ in xs for d in dys], dtype=torch.float32),
                    torch.rand(1000, generator=g) * 4 - 2])
    cases = [
        unary_case("logsigmoid", F.logsigmoid, x, dy, "y = logsigmoid(x), dx by autograd"),
        unary_case("softsign", F.softsign, x, dy, "y = softsign(x) = x/(1+|x|), dx by autograd"),
    ]

    # The gated units: every edge gate with every edge up and dy, then random.
    gate = torch.cat([tensor([b for b in xs for _ in EDGE_UP for _ in EDGE_DY]), random_x(g, 1000)])
    up = torch.cat([torch.tensor([u for _ in xs for u in EDGE_UP for _ in EDGE_DY], dtype=torch.float32),
                    torch.randn(1000, generator=g) * 3])
    gdy = torch.cat([torch.tensor([d for _ in xs for _ in EDGE_UP for d in EDGE_DY], dtype=torch.float32),
                     torch.randn(1000, generator=g)])
    glu = lambda a, b: F.glu(torch.stack([a, b], dim=-1), dim=-1).squeeze(-1)
    cases += [
        gated_case("glu", glu, up, gate, gdy, "glu over the last axis of [a, b]: a*sigmoid(b); first = a, second = b"),
        gated_case("swiglu", lambda gt, u: F.silu(gt) * u, gate, up, gdy, "silu(gate)*up; first = gate, second = up"),
        gated_case("geglu", lambda gt, u: F.gelu(gt) * u, gate, up, gdy, "gelu(gate)*up; first = gate, second = up"),
        gated_case("geglu_tanh", lambda gt, u: F.gelu(gt, approximate="tanh") * u, gate, up, gdy,
                   "gelu(gate, approximate='tanh')*up; first = gate, second = up"),
    ]
    meta = {
        "generator": "golden_engines.py",
        "seed": SEED,
        "torch_version": torch.__version__ + " (Debian python3-torch 1.13.1)",
        "cpu_capability": capability(),
        "encoding": "all *_bits are IEEE-754 binary32 bit patterns as unsigned 32-bit integers (decimal)",
        "edge_up": EDGE_UP,
        "edge_dy_gated": EDGE_DY,
    }
    json.dump({"meta": meta, "cases": cases}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
