"""Checks an exported PyTorch model against the app's analysis.

usage: /usr/bin/python3 check_pytorch_export.py <model.py> <expected.json> [<model.py> <expected.json> ...]
expected.json: {"trainable": n, "nonTrainable": n, "shapes": {node id: [null, ...] (app layout)}}
Prints one JSON line per pair with what it checked; exits 1 on a mismatch.
"""
import importlib.util
import json
import sys

import torch

torch.set_num_threads(1)


def load(path):
    spec = importlib.util.spec_from_file_location("exported", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def app_layout(shape):
    """NCHW -> NHWC for rank 4, batch as None."""
    s = list(shape)
    if len(s) == 4:
        s = [s[0], s[2], s[3], s[1]]
    return [None] + s[1:]


def check(model_path, case_path):
    mod = load(model_path)
    expected = json.load(open(case_path))
    model = mod.build_model(1)
    problems = []
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    running = sum(b.numel() for n, b in model.named_buffers() if n.endswith(("running_mean", "running_var")))
    if trainable != expected["trainable"]:
        problems.append("trainable %d != %d" % (trainable, expected["trainable"]))
    if running != expected["nonTrainable"]:
        problems.append("non-trainable %d != %d" % (running, expected["nonTrainable"]))
    seen = {}
    for name, module in model.named_children():
        node = mod.NODE_IDS[name]
        module.register_forward_hook(lambda m, i, o, node=node: seen.__setitem__(node, app_layout(o.shape)))
    x = torch.rand((3,) + tuple(mod.INPUT_SHAPE))
    model.train()
    out = model(x)
    for node, shape in expected["shapes"].items():
        if seen.get(node) != shape:
            problems.append("%s: shape %s != %s" % (node, seen.get(node), shape))
    # One training step on random data: finite loss, and the weights move.
    before = [p.detach().clone() for p in model.parameters() if p.requires_grad]
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    # With the loss the export itself trains with: cross-entropy on class labels, or a
    # regression loss on real-valued targets (cross-entropy over one unit is always 0).
    kind = getattr(mod, "LOSS", "cross-entropy")
    if kind == "cross-entropy":
        loss = torch.nn.functional.cross_entropy(out, torch.randint(0, out.shape[1], (3,)))
    elif kind == "mse":
        loss = torch.nn.functional.mse_loss(out, torch.randn_like(out))
    else:
        loss = torch.nn.functional.l1_loss(out, torch.randn_like(out))
    opt.zero_grad()
    loss.backward()
    opt.step()
    moved = any(not torch.equal(a, p) for a, p in zip(before, [p for p in model.parameters() if p.requires_grad]))
    if not torch.isfinite(loss) or not moved:
        problems.append("training step: loss %s, weights moved %s" % (loss.item(), moved))
    model.eval()
    with torch.no_grad():
        model(x)
    print(json.dumps({"trainable": trainable, "nonTrainable": running, "layers": len(seen), "loss": loss.item(), "problems": problems}))
    return 1 if problems else 0


def main():
    """Checks each <model.py> <case.json> pair given; one JSON line per pair, in order."""
    failed = 0
    for i in range(1, len(sys.argv), 2):
        failed |= check(sys.argv[i], sys.argv[i + 1])
    return failed


if __name__ == "__main__":
    sys.exit(main())
