"""Loads the app's tfjs weights into an exported PyTorch model and compares predictions.

usage: /usr/bin/python3 check_pytorch_parity.py <model.py> <case.json> [<model.py> <case.json> ...]
case.json: {"weights": {"conv1/kernel": {"shape": [...], "offset": n}, ...}, "io": {"input": ..., "output": ...}}
with the float32 values in case.json.weights.bin and case.json.io.bin (offsets count floats;
the input in the app's NHWC layout).
Prints {"maxDiff": d, "loaded": n} per pair; exits 1 when a weight has no place or does not fit.
"""
import importlib.util
import json
import sys

import numpy
import torch

torch.set_num_threads(1)

RENAME = {"kernel": "weight", "depthwise_kernel": "weight", "bias": "bias", "gamma": "weight", "beta": "bias",
          "moving_mean": "running_mean", "moving_variance": "running_var"}


def tensor(data, entry):
    n = int(numpy.prod(entry["shape"]))
    return torch.from_numpy(data[entry["offset"]:entry["offset"] + n].copy()).reshape(entry["shape"])


def to_torch(kind, t, target_shape):
    """tfjs layout -> PyTorch layout for kernels."""
    if kind == "kernel" and t.dim() == 4:  # [k, k, in, out] -> [out, in, k, k]
        return t.permute(3, 2, 0, 1)
    if kind == "depthwise_kernel":  # [k, k, C, m] -> [C*m, 1, k, k]
        k1, k2, c, m = t.shape
        return t.reshape(k1, k2, c * m).permute(2, 0, 1).unsqueeze(1)
    if kind == "kernel" and t.dim() == 2:  # [in, out] -> [out, in]
        return t.t()
    return t


def check(model_path, case_path):
    spec = importlib.util.spec_from_file_location("exported", model_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    case = json.load(open(case_path))
    weights = numpy.fromfile(case_path + ".weights.bin", dtype=numpy.float32)
    io = numpy.fromfile(case_path + ".io.bin", dtype=numpy.float32)
    model = mod.build_model(1)
    ident = {node: name for name, node in mod.NODE_IDS.items()}
    state = model.state_dict()
    loaded = 0
    for full, w in case["weights"].items():
        node, kind = full.rsplit("/", 1)
        key = ident[node] + "." + RENAME[kind]
        t = tensor(weights, w)
        t = to_torch(kind, t, state[key].shape)
        if tuple(t.shape) != tuple(state[key].shape):
            print(json.dumps({"error": "weight %s -> %s: shape %s != %s" % (full, key, tuple(t.shape), tuple(state[key].shape))}))
            return 1
        state[key] = t
        loaded += 1
    model.load_state_dict(state)
    model.eval()
    x = tensor(io, case["io"]["input"])
    if x.dim() == 4:
        x = x.permute(0, 3, 1, 2)
    with torch.no_grad():
        y = model(x)
    expected = tensor(io, case["io"]["output"])
    print(json.dumps({"maxDiff": (y - expected).abs().max().item(), "loaded": loaded}))
    return 0


def main():
    """Checks each <model.py> <case.json> pair given; one JSON line per pair, in order."""
    failed = 0
    for i in range(1, len(sys.argv), 2):
        failed |= check(sys.argv[i], sys.argv[i + 1])
    return failed


if __name__ == "__main__":
    sys.exit(main())
