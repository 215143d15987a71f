"""Benchmark runner (d): PyTorch training throughput of a model exported by `layerloom export
--format pytorch`, on one thread, with the export's own model, optimizer and loss.

usage: /usr/bin/python3 torch_bench.py <model.py> --data <fashion-mnist dir> --warmup N --timed N
Prints one JSON line: {"exPerSec", "steps", "blas", "threads", "torch", "peakRssMB", "firstLoss", "lastLoss"}.
"""
import argparse
import importlib.util
import json
import resource
import time

import torch


def blas_in_use():
    """The BLAS library this process has loaded (after a matrix product), from its memory map."""
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = path.rsplit("/", 1)[-1]
            if "blas" in name.lower() or "mkl" in name.lower():
                found.add(path)
    return ", ".join(sorted(found)) or "none found in the memory map (built into torch?)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--data", required=True)
    ap.add_argument("--warmup", type=int, required=True)
    ap.add_argument("--timed", type=int, required=True)
    args = ap.parse_args()
    torch.set_num_threads(1)
    spec = importlib.util.spec_from_file_location("exported", args.model)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    batch = mod.CONFIG["batch_size"]
    steps = args.warmup + args.timed
    x, y = mod.load_split(args.data, "train", steps * batch)
    model = mod.build_model(mod.CONFIG["seed"])
    model.train()
    opt = mod.make_optimizer(model.parameters(), mod.CONFIG["lr"])
    losses, timed_s, examples = [], 0.0, 0
    for i in range(steps):
        xb, yb = x[i * batch:(i + 1) * batch], y[i * batch:(i + 1) * batch]
        started = time.perf_counter()
        out = model(xb)
        loss = mod.loss_of(out, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        (out.argmax(1) == yb).sum().item()  # the accuracy the app's trainer also computes
        if i >= args.warmup:
            timed_s += time.perf_counter() - started
            examples += len(yb)
    print(json.dumps({
        "exPerSec": examples / timed_s if timed_s > 0 else 0,
        "steps": args.timed,
        "blas": blas_in_use(),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "firstLoss": losses[0],
        "lastLoss": losses[-1],
    }))


if __name__ == "__main__":
    main()
