import type { TrainingConfig } from '../graph/document';
import { py } from './export-common';
import { PY_LR_FACTOR, scheduleLine } from './export-schedule';

/** What the training script needs besides the model: the document's settings and data. */
export interface TrainScriptInput {
  config: TrainingConfig;
  datasetId: string;
  /** The app's example shape (NHWC for images). */
  inputShape: readonly number[];
  head: { kind: 'classification' } | { kind: 'regression'; loss: 'mse' | 'mae' };
}

function settings(t: TrainScriptInput): string {
  const c = t.config;
  return [
    `CONFIG = ${py({
      epochs: c.epochs,
      batch_size: c.batchSize,
      lr: c.learningRate,
      optimizer: c.optimizer,
      momentum: c.momentum,
      nesterov: c.nesterov,
      betas: [c.beta1, c.beta2],
      rho: c.rho,
      eps: c.epsilon,
      weight_decay: c.weightDecay,
      seed: c.seed,
      train_limit: c.trainLimit,
    })}`,
    scheduleLine(c),
    `DATASET = ${py(t.datasetId)}`,
    `APP_INPUT_SHAPE = ${py([...t.inputShape])}`,
    `LOSS = ${py(t.head.kind === 'classification' ? 'cross-entropy' : t.head.loss)}`,
  ].join('\n');
}

/**
 * The training part of an exported PyTorch file: reads Fashion-MNIST from its IDX .gz files
 * (scaled to [0, 1]), and trains with the project's optimizer, learning rate, schedule,
 * batch size, epochs, seed and weight decay. The same file runs on CPU, on a GPU, and as
 * several processes under DistributedDataParallel (env:// rendezvous: MASTER_ADDR,
 * MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK; gloo on CPU, nccl on GPU).
 */
export function pytorchTrainScript(t: TrainScriptInput): string {
  return `${settings(t)}
${TRAIN_BODY}`;
}

const TRAIN_BODY = String.raw`

def read_idx(path):
    """An IDX file (optionally .gz) as a numpy array."""
    import gzip
    import struct
    import numpy as np
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(data_dir, split, limit=None):
    """Images scaled to [0, 1] in PyTorch's layout (NCHW for images), and int64 labels."""
    import os
    if DATASET != "fashion-mnist":
        raise SystemExit("this script reads Fashion-MNIST only; adapt load_split() for " + DATASET)
    x = read_idx(os.path.join(data_dir, split + "-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(data_dir, split + "-labels-idx1-ubyte.gz"))
    if limit is not None:
        x, y = x[:limit], y[:limit]
    x = torch.from_numpy(x.astype("float32") / 255.0).reshape((len(x),) + tuple(APP_INPUT_SHAPE))
    if x.dim() == 4:
        x = x.permute(0, 3, 1, 2).contiguous()
    return x, torch.from_numpy(y.astype("int64"))


${PY_LR_FACTOR}


def make_optimizer(params, lr):
    c = CONFIG
    if c["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=c["momentum"], nesterov=c["nesterov"] and c["momentum"] > 0, weight_decay=c["weight_decay"])
    if c["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=lr, betas=c["betas"], eps=c["eps"], weight_decay=c["weight_decay"])
    if c["optimizer"] == "adamw":
        return torch.optim.AdamW(params, lr=lr, betas=c["betas"], eps=c["eps"], weight_decay=c["weight_decay"])
    return torch.optim.RMSprop(params, lr=lr, alpha=c["rho"], eps=c["eps"], momentum=c["momentum"], weight_decay=c["weight_decay"])


def loss_of(out, y):
    if LOSS == "cross-entropy":
        return F.cross_entropy(out, y)
    return F.mse_loss(out, y) if LOSS == "mse" else F.l1_loss(out, y)


def weights_checksum(model):
    import hashlib
    h = hashlib.sha256()
    for name, t in model.state_dict().items():
        h.update(name.encode())
        h.update(t.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


def main(argv=None):
    import argparse
    import os
    import torch.distributed as dist
    from torch.utils.data import DataLoader, DistributedSampler, RandomSampler, TensorDataset

    ap = argparse.ArgumentParser(description="Train the exported Layerloom model.")
    ap.add_argument("--data", default=os.environ.get("LAYERLOOM_DATA", "fashion-mnist"), help="folder with the IDX .gz files")
    ap.add_argument("--epochs", type=int, default=CONFIG["epochs"])
    ap.add_argument("--limit", type=int, default=CONFIG["train_limit"], help="use the first N training examples")
    ap.add_argument("--test-limit", type=int, default=None)
    ap.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (for smoke tests)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--save", default=None, help="save the final state_dict; '{rank}' in the path saves every rank's")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    cuda = torch.cuda.is_available()
    device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0"))) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
    if world > 1:
        dist.init_process_group("nccl" if cuda else "gloo", init_method="env://")

    model = build_model(CONFIG["seed"]).to(device)  # the same seed on every rank: the same start
    net = model
    if world > 1:
        net = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if cuda else None)
    x, y = load_split(args.data, "train", args.limit)
    tx, ty = load_split(args.data, "t10k", args.test_limit)
    data = TensorDataset(x, y)
    # The app's global batch: each of the WORLD_SIZE processes takes an equal share of it.
    per_rank = max(1, math.ceil(CONFIG["batch_size"] / world))
    gen = torch.Generator().manual_seed(CONFIG["seed"])
    sampler = DistributedSampler(data, world, rank, shuffle=True, seed=CONFIG["seed"]) if world > 1 else RandomSampler(data, generator=gen)
    loader = DataLoader(data, batch_size=per_rank, sampler=sampler)
    opt = make_optimizer(net.parameters(), CONFIG["lr"])
    total_steps = args.epochs * len(loader)
    step = 0
    for epoch in range(1, args.epochs + 1):
        if world > 1:
            sampler.set_epoch(epoch)
        net.train()
        seen, loss_sum, correct = 0, 0.0, 0
        for xb, yb in loader:
            if args.max_steps is not None and step >= args.max_steps:
                break
            step += 1
            for g in opt.param_groups:
                g["lr"] = CONFIG["lr"] * lr_factor(step, epoch, total_steps)
            xb, yb = xb.to(device), yb.to(device)
            out = net(xb)
            loss = loss_of(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            seen += len(yb)
            loss_sum += loss.item() * len(yb)
            correct += (out.argmax(1) == yb).sum().item()
        if world > 1:
            # DDP keeps parameters in step but each rank's BN running statistics saw only its
            # own share of the batch: take rank 0's, so every rank holds the same model.
            for b in model.buffers():
                dist.broadcast(b, 0)
        test_acc = evaluate(model, tx, ty, device, CONFIG["batch_size"])
        if rank == 0 and seen > 0:
            print("epoch %d loss %.4f train-acc %.4f test-acc %.4f" % (epoch, loss_sum / seen, correct / seen, test_acc), flush=True)
    print("final-checksum rank=%d sha256=%s" % (rank, weights_checksum(model)), flush=True)
    if args.save and ("{rank}" in args.save or rank == 0):
        torch.save(model.state_dict(), args.save.replace("{rank}", str(rank)))
    if world > 1:
        dist.destroy_process_group()


@torch.no_grad()
def evaluate(model, x, y, device, batch_size):
    model.eval()
    correct = 0
    for i in range(0, len(x), batch_size):
        correct += (model(x[i:i + batch_size].to(device)).argmax(1).cpu() == y[i:i + batch_size]).sum().item()
    return correct / max(1, len(x))


if __name__ == "__main__":
    main()
`;
