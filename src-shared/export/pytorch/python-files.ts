/**
 * The fixed Python of an exported PyTorch project: data.py and train.py read everything
 * run-specific from experiment.json, so their text is the same for every run (model.py
 * is generated per architecture in project.ts). The lab's numerical rules they follow
 * live in lab-rules.ts.
 */

export const dataPython = String.raw`"""The samples of the lab's run, split and normalized exactly as the lab did.

By default every split is read from the lab's own decoded pixels in data/ (bit for bit
what the lab trained on). load_split(name, images=FOLDER) decodes the same image files
from FOLDER with Pillow instead (close to, but not bit-identical with, the lab's libvips
resizing), for when you change or add images.
"""
import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, "experiment.json"), encoding="utf-8") as _file:
    EXPERIMENT = json.load(_file)

INPUT = EXPERIMENT["input"]
INPUT_SIZE = EXPERIMENT["config"]["model"]["inputSize"]


def lookup_table(input_spec):
    """float32 [channels x 256]: the value each uint8 pixel becomes (normalize.ts). For
    'mean-image' the table only scales; the mean image is subtracted afterwards."""
    norm = input_spec["normalization"]
    channels = input_spec["preprocessing"]["channels"]
    values = np.arange(256, dtype=np.float64) / 255
    if norm["kind"] == "per-channel":
        table = [(values - norm["mean"][c]) / norm["std"][c] for c in range(channels)]
    else:
        table = [values] * channels
    return torch.from_numpy(np.stack(table).astype(np.float32))


class LabSplit:
    """One split: inputs stay uint8 (images) or float32 (points) until a batch is asked for;
    batch(rows) returns the normalized inputs [rows, INPUT_SIZE] and labels [rows]."""

    def __init__(self, inputs, labels):
        self.inputs = inputs
        self.labels = labels
        self.is_image = INPUT["kind"] == "image"
        if self.is_image:
            channels = INPUT["preprocessing"]["channels"]
            self.table = lookup_table(INPUT).reshape(-1)
            # where each input value's channel starts in the flattened table
            self.offsets = (torch.arange(INPUT_SIZE) % channels) * 256
            norm = INPUT["normalization"]
            self.mean = torch.tensor(np.asarray(norm["mean"], dtype=np.float32)) if norm["kind"] == "mean-image" else None

    def __len__(self):
        return len(self.labels)

    def to(self, device):
        moved = LabSplit(self.inputs.to(device), self.labels.to(device))
        if self.is_image:
            moved.table, moved.offsets = self.table.to(device), self.offsets.to(device)
            moved.mean = self.mean.to(device) if self.mean is not None else None
        return moved

    def batch(self, rows):
        raw = self.inputs[rows]
        if not self.is_image:
            return raw, self.labels[rows]
        x = self.table[raw.long() + self.offsets]
        if self.mean is not None:
            x = x - self.mean
        return x, self.labels[rows]


def _read(name, dtype, count):
    path = os.path.join(HERE, name)
    values = np.fromfile(path, dtype=dtype)
    if values.size != count:
        raise SystemExit(f"{path}: expected {count} values, found {values.size} (the export is incomplete)")
    return values


def load_split(name, images=None):
    """The split 'train', 'val' or 'test' as a LabSplit, or None when the run has none.
    images: a folder holding the run's image files (decoded with Pillow instead of the snapshot)."""
    meta = EXPERIMENT["splits"].get(name)
    if meta is None or meta["count"] == 0:
        return None
    count = meta["count"]
    labels = _read(meta["labels"], "<i4", count).astype(np.int64)
    if images is not None and INPUT["kind"] == "image":
        inputs = decode_files(images, _file_list(meta))
    elif INPUT["kind"] == "image":
        inputs = _read(meta["inputs"], np.uint8, count * INPUT_SIZE).reshape(count, INPUT_SIZE)
    else:
        inputs = _read(meta["inputs"], "<f4", count * INPUT_SIZE).reshape(count, INPUT_SIZE)
    return LabSplit(torch.from_numpy(inputs), torch.from_numpy(labels))


def _file_list(meta):
    if not meta.get("files"):
        raise SystemExit("this run's samples are not image files (IDX or generated data): only the snapshot in data/ can be used")
    with open(os.path.join(HERE, meta["files"]), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def decode_image(path, pre):
    """One image file as uint8 [H*W*C], prepared the way the lab prepares it (decode.ts):
    EXIF rotation, transparency flattened onto the background, fitted to WxH (cover: crop,
    contain: pad, fill: stretch), gray or RGB."""
    from PIL import Image, ImageOps  # Pillow is only needed here

    size = (pre["width"], pre["height"])
    background = tuple(pre["background"])
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("RGBA", "LA", "P", "PA"):
            flat = Image.new("RGBA", image.size, background + (255,))
            flat.alpha_composite(image.convert("RGBA"))
            image = flat
        image = image.convert("RGB")
        if image.size != size:
            if pre["fit"] == "cover":
                image = ImageOps.fit(image, size, Image.LANCZOS)
            elif pre["fit"] == "contain":
                image = ImageOps.pad(image, size, Image.LANCZOS, color=background)
            else:
                image = image.resize(size, Image.LANCZOS)
        if pre["channels"] == 1:
            image = image.convert("L")
        return np.asarray(image, dtype=np.uint8).reshape(-1)


def decode_files(folder, files):
    pre = INPUT["preprocessing"]
    out = np.empty((len(files), INPUT_SIZE), dtype=np.uint8)
    for i, rel in enumerate(files):
        try:
            out[i] = decode_image(os.path.join(folder, rel), pre)
        except (OSError, ValueError) as error:
            raise SystemExit(f"{os.path.join(folder, rel)}: cannot be read as an image ({error})")
    return out
`;

export const trainPython = String.raw`"""Trains the lab's model with the lab's rules (lab_rules.py), in PyTorch.

  python3 train.py                      continue from the lab's checkpoint up to the run's epochs
  python3 train.py --epochs 50          ... up to 50 epochs in total
  python3 train.py --device cuda        ... on a GPU
  python3 train.py --replay             the lab's run again from its initial weights, batch by batch
  torchrun --nproc_per_node 2 train.py  DistributedDataParallel (gloo on CPU, nccl on GPU)

A run with mirror augmentation flips its training images as the lab did: the same draws
from the lab's generator, so --replay still follows the lab batch by batch. The run's
feature transform, if it has one, is part of LabModel (model.py).

Every epoch's numbers go to metrics.jsonl, which the lab imports back as a run of the same
experiment (lab import-metrics metrics.jsonl); the final weights go to trained.safetensors.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

import lab_rules
from data import EXPERIMENT, load_split
from model import LabModel, lab_parameters, read_safetensors, write_safetensors

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = EXPERIMENT["config"]
# mirror augmentation: the image shape to flip training images in, or None
MIRROR = (CONFIG.get("augmentation") or {}).get("mirror")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replay", action="store_true", help="start from the lab's initial weights and train the run's epochs again")
    parser.add_argument("--epochs", type=int, help=f"train until this many epochs are done in total (default {CONFIG['epochs']})")
    parser.add_argument("--device", default="cpu", help="cpu (default), cuda, cuda:1, mps, ...")
    parser.add_argument("--images", help="decode the run's image files from this folder with Pillow instead of reading data/")
    parser.add_argument("--metrics", default=os.path.join(HERE, "metrics.jsonl"), help="metrics file to write (JSON lines)")
    parser.add_argument("--save", default=os.path.join(HERE, "trained.safetensors"), help="where the final weights go")
    args = parser.parse_args()
    if args.epochs is not None and args.epochs < 1:
        parser.error("--epochs must be at least 1")
    return args


class Metrics:
    """metrics.jsonl: a header line naming the run, then one line per measurement."""

    def __init__(self, path, header):
        self.file = open(path, "w", encoding="utf-8")
        self.write({"neuralLab": "metrics", "version": 1, **header})

    def write(self, row):
        # JSON has no NaN or infinity: a value that is not finite (a diverged run) is written as null
        clean = {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in row.items()}
        self.file.write(json.dumps(clean) + "\n")
        self.file.flush()

    def close(self):
        self.file.close()


@torch.no_grad()
def evaluate(model, split, device):
    """Mean data loss, the current lambda R(W), and accuracy over a whole split (Trainer.evaluate)."""
    batch = CONFIG["batchSize"]
    loss_sum, correct = 0.0, 0
    for start in range(0, len(split), batch):
        rows = torch.arange(start, min(start + batch, len(split)), device=device)
        x, y = split.batch(rows)
        scores = model(x).double()
        loss_sum += float(lab_rules.data_loss_sum(CONFIG["loss"], scores, y))
        correct += int((scores.argmax(dim=1) == y).sum())
    data_loss = loss_sum / len(split)
    reg_loss = lab_rules.regularization_loss(CONFIG["regularizer"], model.weights())
    return {"loss": data_loss + reg_loss, "dataLoss": data_loss, "regLoss": reg_loss, "accuracy": correct / len(split)}


def sparsity(model):
    weights = [w.detach() for w in model.weights()]
    count = sum(w.numel() for w in weights)
    return {
        "zeroFraction": sum(int((w == 0).sum()) for w in weights) / count,
        "nearZeroFraction": sum(int((w.abs() < 1e-3).sum()) for w in weights) / count,
        "firstLayerZeroFraction": float((weights[0] == 0).double().mean()),
        "firstLayerNearZeroFraction": float((weights[0].abs() < 1e-3).double().mean()),
    }


def main():
    args = parse_args()
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    device = torch.device(args.device)
    if world > 1 and device.type == "cuda":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    lead = rank == 0

    train = load_split("train", args.images)
    val = load_split("val", args.images)
    test = load_split("test", args.images)
    train, val, test = (s.to(device) if s is not None else None for s in (train, val, test))

    start = EXPERIMENT["initial"] if args.replay else EXPERIMENT["checkpoint"]
    if start is None:
        sys.exit("this export holds no initial weights (the run kept none), so it cannot be replayed")
    if not args.replay and start["diverged"]:
        sys.exit("the lab's run diverged before this checkpoint, so there is nothing to continue: use --replay "
                 "(with a smaller learning rate in experiment.json to train it differently)")
    tensors = read_safetensors(os.path.join(HERE, "weights.safetensors"))
    prefix = "initial." if args.replay else ""
    model = LabModel()
    model.load_state_dict({name: tensors[prefix + name] for name in model.state_dict()})
    model.to(device)
    params = lab_parameters(model)
    slots = None
    if not args.replay:
        count = lab_rules.slot_count(CONFIG["optimizer"]["kind"])
        slots = [[tensors[f"optimizer.{k}.{name}"].to(device) for k in range(count)] for name, _, _ in params]
    optimizer = lab_rules.LabOptimizer(CONFIG["optimizer"], CONFIG["regularizer"], [(p, w) for _, p, w in params], slots)
    net = DistributedDataParallel(model) if world > 1 else model

    rng = lab_rules.LabRng.from_state(start["rng"])
    epoch, step, position = start["epoch"], start["step"], start["position"]
    order = tensors["checkpoint.order"].tolist() if position > 0 else None
    epochs = args.epochs if args.epochs is not None else CONFIG["epochs"]
    batch = CONFIG["batchSize"]
    lab_epochs = {m["epoch"]: m for m in EXPERIMENT["labMetrics"]}

    metrics = None
    if lead:
        run = EXPERIMENT["run"]
        metrics = Metrics(args.metrics, {
            "runId": run["id"], "experimentId": run["experimentId"], "name": run["name"],
            "mode": "replay" if args.replay else "continue", "fromEpoch": epoch,
            "device": str(device), "worldSize": world, "torch": torch.__version__, "config": CONFIG,
        })
        print(f"{'replaying' if args.replay else 'continuing'} run {run['id']} ({run['name']}) from epoch {epoch} to {epochs} "
              f"on {device}{f' x {world} processes' if world > 1 else ''}: {len(train)} training samples, batch {batch}")

    diverged = False
    if lead and epoch >= epochs:
        print(f"the checkpoint is already at epoch {epoch}: give --epochs N (more than {epoch}) to train further, or --replay")
    while epoch < epochs:
        if position == 0:
            order = lab_rules.epoch_order(rng, len(train))
        lr = lab_rules.learning_rate(CONFIG["schedule"], CONFIG["optimizer"]["lr"], epoch, CONFIG["epochs"])
        seconds, samples = 0.0, 0
        while position < len(train):
            rows = order[position:position + batch]
            count = len(rows)
            # every process takes its share of the lab's batch; the loss is scaled so that
            # DistributedDataParallel's gradient average is the mean over the whole batch
            share = slice(rank * count // world, (rank + 1) * count // world)
            mine = torch.tensor(rows[share], dtype=torch.long, device=device)
            x, y = train.batch(mine)
            if MIRROR is not None:
                x = lab_rules.mirror(x, lab_rules.mirror_draws(rng, count)[share], MIRROR)
            began = time.perf_counter()
            reg_loss = lab_rules.regularization_loss(CONFIG["regularizer"], model.weights())
            for _, p, _ in params:
                p.grad = None
            scores = net(x)
            loss_sum = lab_rules.data_loss_sum(CONFIG["loss"], scores, y)
            (loss_sum * (world / count)).backward()
            step += 1
            optimizer.step(lr, step)
            seconds += time.perf_counter() - began
            samples += count
            totals = torch.tensor([float(loss_sum), float((scores.argmax(dim=1) == y).sum())], dtype=torch.float64, device=device)
            if world > 1:
                dist.all_reduce(totals)
            position += count
            data_loss = float(totals[0]) / count
            if lead:
                metrics.write({"split": "batch", "epoch": epoch + 1, "step": step, "loss": data_loss + reg_loss,
                               "dataLoss": data_loss, "regLoss": reg_loss, "accuracy": float(totals[1]) / count})
            # the lab stops a run whose loss or weights stop being finite numbers
            if not math.isfinite(data_loss + reg_loss) or not all(bool(torch.isfinite(p).all()) for _, p, _ in params):
                diverged = True
                break
        if diverged:
            if lead:
                print(f"stopped: training diverged at step {step} (the loss or the weights became NaN or infinite); try a smaller learning rate")
            break
        epoch += 1
        position = 0
        if lead:
            report = evaluate(model, train, device)
            metrics.write({"split": "train", "epoch": epoch, "step": step, **report, "lr": lr,
                           "samplesPerSecond": samples / seconds if seconds > 0 else 0, **sparsity(model)})
            line = f"epoch {epoch}/{epochs}  data loss {report['dataLoss']:.6f} + penalty lambda*R(W) {report['regLoss']:.6f} = total {report['loss']:.6f}  acc {100 * report['accuracy']:.1f}%"
            if val is not None:
                val_report = evaluate(model, val, device)
                metrics.write({"split": "val", "epoch": epoch, "step": step, **val_report})
                line += f"  |  val data loss {val_report['dataLoss']:.6f}  acc {100 * val_report['accuracy']:.1f}%"
            lab = lab_epochs.get(epoch) if args.replay else None
            if lab is not None:
                line += f"  |  lab's loss {lab['trainLoss']:.6f} (relative difference {abs(report['loss'] - lab['trainLoss']) / abs(lab['trainLoss']):.1e})"
            print(line, flush=True)
        if world > 1:
            dist.barrier()

    if lead:
        if test is not None:
            test_report = evaluate(model, test, device)
            metrics.write({"split": "test", "epoch": epoch, "step": step, **test_report})
            print(f"test loss {test_report['loss']:.6f}  acc {100 * test_report['accuracy']:.1f}%")
        metrics.close()
        write_safetensors(args.save, {name: p.detach().cpu() for name, p, _ in params},
                          {"epoch": str(epoch), "step": str(step), "rng": json.dumps(rng.state())})
        print(f"metrics in {args.metrics}, weights in {args.save}")
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
