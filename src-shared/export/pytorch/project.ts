/**
 * A lab run as a PyTorch project: the files of a folder a student can take to a bigger
 * machine and keep training (pure; src-main/export/pytorch.ts writes them).
 *
 *   model.py             nn.Module for the run's architecture (generated here)
 *   lab_rules.py         the lab's shuffle, optimisers, regularisation, proximal L1, schedule (lab-rules.ts)
 *   data.py, train.py    fixed code reading experiment.json (python-files.ts)
 *   experiment.json      config, classes, input, splits, checkpoint and initial generator states, the lab's losses
 *   weights.safetensors  checkpoint weights (PyTorch names), optimiser slots, initial weights, the epoch order
 *   data/                each split's inputs (uint8 pixels or float32 points), labels and image file names
 *   README.md, requirements.txt
 */
import { float32ToBytes } from '../bytes';
import { describeArchitecture, describeInput, type ModelInput } from '../model';
import { encodeSafetensorsFile, safetensorsNames, transposeWeights, type SafetensorsTensor } from '../safetensors';
import { slotCount } from '../../engine/optimizers';
import type { ModelSpec, TrainConfig, TrainerState } from '../../engine/types';
import type { RngState } from '../../random';
import { featureNames, featureSize, type FeatureTransform } from '../../features/transforms';
import { featuresPython } from './features';
import { LAB_RULES_FILE, labRulesPython } from './lab-rules';
import { dataPython, trainPython } from './python-files';

export type ProjectSplitName = 'train' | 'val' | 'test';

/** One split's samples in the order the lab's sources hold them (train sample i is row i). */
export interface ProjectSplit {
  labels: Int32Array;
  /** image runs: uint8 pixels [count × inputSize]; toy runs: float32 points [count × inputSize] */
  inputs: Uint8Array | Float32Array;
  /** image folders: each sample's file, relative to the folder */
  files?: string[];
}

export interface PytorchProjectSpec {
  run: { id: number; name: string; experimentId: number | null };
  appVersion: string;
  config: TrainConfig;
  classNames: string[];
  input: ModelInput;
  /** where the lab read the data from, for the README */
  source: string;
  splits: Partial<Record<ProjectSplitName, ProjectSplit>> & { train: ProjectSplit };
  /** the state to continue from (a checkpoint) */
  checkpoint: TrainerState;
  /** the run's state before its first step (its epoch-0 checkpoint), for --replay; null when the run kept none */
  initial: TrainerState | null;
  /** the lab's training loss after each epoch, which --replay prints its own beside */
  labMetrics: { epoch: number; trainLoss: number }[];
}

export interface ProjectFile {
  /** '/'-separated, relative to the project folder */
  path: string;
  bytes: Uint8Array | string;
}

/** Pinned to what the project is tested with (Debian 12's python3-torch, numpy and Pillow). */
export const PYTORCH_REQUIREMENTS = [
  'torch==1.13.1',
  'numpy==1.24.2',
  'Pillow==9.4.0  # only for train.py --images',
  'safetensors==0.4.1  # optional: model.py reads and writes the weights file itself without it',
];

export function pytorchProjectFiles(spec: PytorchProjectSpec): ProjectFile[] {
  checkSpec(spec);
  const splitFiles: ProjectFile[] = [];
  const splits: Record<string, { count: number; inputs: string; labels: string; files: string | null }> = {};
  for (const name of ['train', 'val', 'test'] as const) {
    const split = spec.splits[name];
    if (!split) continue;
    const inputs = `data/${name}-inputs.${split.inputs instanceof Uint8Array ? 'u8' : 'f32'}`;
    const labels = `data/${name}-labels.i32`;
    const files = split.files ? `data/${name}-files.txt` : null;
    splits[name] = { count: split.labels.length, inputs, labels, files };
    splitFiles.push(
      { path: inputs, bytes: split.inputs instanceof Uint8Array ? split.inputs : float32ToBytes(split.inputs) },
      { path: labels, bytes: int32ToBytes(split.labels) },
      ...(files ? [{ path: files, bytes: `${split.files!.join('\n')}\n` }] : []),
    );
  }
  const experiment = {
    format: 'neural-lab-pytorch-project',
    version: 1,
    run: spec.run,
    appVersion: spec.appVersion,
    config: spec.config,
    classNames: spec.classNames,
    input: spec.input,
    source: spec.source,
    splits,
    checkpoint: stateSummary(spec.checkpoint),
    initial: spec.initial ? stateSummary(spec.initial) : null,
    labMetrics: spec.labMetrics,
  };
  return [
    { path: 'README.md', bytes: readme(spec) },
    { path: 'requirements.txt', bytes: `${PYTORCH_REQUIREMENTS.join('\n')}\n` },
    { path: 'model.py', bytes: modelPython(spec) },
    { path: LAB_RULES_FILE, bytes: labRulesPython },
    { path: 'data.py', bytes: dataPython },
    { path: 'train.py', bytes: trainPython },
    { path: 'experiment.json', bytes: `${JSON.stringify(experiment, null, 1)}\n` },
    { path: 'weights.safetensors', bytes: projectWeights(spec) },
    ...splitFiles,
  ];
}

function stateSummary(state: TrainerState): { epoch: number; step: number; position: number; rng: RngState; diverged: boolean } {
  return { epoch: state.epoch, step: state.step, position: state.position, rng: state.rng, diverged: state.diverged };
}

/**
 * The checkpoint's parameters under the names model.py's state_dict uses, its optimiser
 * slots as `optimizer.K.<name>`, the initial parameters as `initial.<name>`, and (for a
 * state saved mid-epoch) the epoch's sample order as `checkpoint.order`.
 */
function projectWeights(spec: PytorchProjectSpec): Uint8Array {
  const layers = denseShapes(spec.config.model);
  const slots = slotCount(spec.config.optimizer);
  const tensors: SafetensorsTensor[] = [];
  const addParams = (prefix: string, arrays: Float32Array[]) => {
    layers.forEach((layer, i) => {
      const names = safetensorsNames(i);
      tensors.push({ name: prefix + names.weight, dtype: 'F32', shape: [layer.units, layer.inputs], bytes: float32ToBytes(transposeWeights(arrays[2 * i], layer.inputs, layer.units)) });
      tensors.push({ name: prefix + names.bias, dtype: 'F32', shape: [layer.units], bytes: float32ToBytes(arrays[2 * i + 1]) });
    });
  };
  addParams('', spec.checkpoint.params);
  for (let k = 0; k < slots; k++) {
    // slots are stored per parameter, `slots` of them each (TrainerState.slots)
    addParams(`optimizer.${k}.`, spec.checkpoint.params.map((_, p) => spec.checkpoint.slots[p * slots + k]));
  }
  if (spec.initial) addParams('initial.', spec.initial.params);
  if (spec.checkpoint.position > 0) {
    tensors.push({ name: 'checkpoint.order', dtype: 'I32', shape: [spec.checkpoint.order.length], bytes: int32ToBytes(spec.checkpoint.order) });
  }
  return encodeSafetensorsFile(tensors, {
    format: 'pt',
    producer: `Neural Lab ${spec.appVersion}`,
    name: spec.run.name,
    class_names: JSON.stringify(spec.classNames),
  });
}

/** The dense layers' shapes; the first reads φ(x) when the model has a feature transform. */
function denseShapes(model: ModelSpec): { inputs: number; units: number }[] {
  const widths = [model.features ? featureSize(model.features) : model.inputSize, ...model.hidden.map((h) => h.units), model.numClasses];
  return widths.slice(1).map((units, i) => ({ inputs: widths[i], units }));
}

function int32ToBytes(values: Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i], true);
  return bytes;
}

/** Refuses a spec whose parts do not fit, before any file is made. */
function checkSpec(spec: PytorchProjectSpec): void {
  const { config, checkpoint, initial, splits } = spec;
  const parameters = 2 * (config.model.hidden.length + 1);
  for (const [what, state] of [['checkpoint', checkpoint], ['initial state', initial]] as const) {
    if (!state) continue;
    if (state.params.length !== parameters) throw new RangeError(`the ${what} holds ${state.params.length} parameter arrays, the model has ${parameters}`);
    if (state.slots.length !== parameters * slotCount(config.optimizer)) throw new RangeError(`the ${what} holds optimizer slots for another optimizer than ${config.optimizer.kind}`);
  }
  for (const [name, split] of Object.entries(splits)) {
    if (!split) continue;
    if (split.inputs.length !== split.labels.length * config.model.inputSize) {
      throw new RangeError(`the ${name} split has ${split.inputs.length} input values for ${split.labels.length} samples of ${config.model.inputSize}`);
    }
    if (split.files && split.files.length !== split.labels.length) throw new RangeError(`the ${name} split names ${split.files.length} files for ${split.labels.length} samples`);
  }
  if (checkpoint.order.length !== splits.train.labels.length) {
    throw new RangeError(`the checkpoint covers ${checkpoint.order.length} training samples, the training split has ${splits.train.labels.length}`);
  }
}

const PYTORCH_ACTIVATIONS = { relu: 'nn.ReLU()', sigmoid: 'nn.Sigmoid()', tanh: 'nn.Tanh()', identity: 'nn.Identity()' } as const;

function modelPython(spec: PytorchProjectSpec): string {
  const { model } = spec.config;
  const features = featuresPython(model.features);
  const modules: string[] = [];
  denseShapes(model).forEach((layer, i) => {
    modules.push(`nn.Linear(${layer.inputs}, ${layer.units}),  # layers.${2 * i}: W${i + 1}, b${i + 1}`);
    if (i < model.hidden.length) {
      const h = model.hidden[i];
      modules.push(h.activation === 'leaky-relu' ? `nn.LeakyReLU(${h.alpha ?? 0.01}),` : `${PYTORCH_ACTIVATIONS[h.activation]},`);
    }
  });
  const phi = model.features ? `${featureSize(model.features)} ${model.features.kind} features` : null;
  return `"""${describeArchitecture(model)}: the model of Neural Lab run ${spec.run.id} (${pythonText(spec.run.name)}) as a PyTorch module.

Input: ${describeInput(spec.input)}, ${model.inputSize} values (data.py prepares them).
${phi ? `The module applies the run's fixed feature transform first (${phi}, no weights), as the lab's
model does, so it reads the same inputs as the lab's.
` : ''}Output: ${model.numClasses} class scores${spec.config.loss === 'softmax' ? '; softmax(dim=1) gives the probabilities the lab shows' : ' of a multiclass SVM (the highest wins)'}.

The lab computes x·W + b with W stored [inputs x units]; PyTorch's Linear keeps its weight
as [units x inputs] and computes x·Wᵀ + b: the same numbers, transposed. The names match
weights.safetensors, so load_state_dict takes the lab's checkpoint as it is.
"""
import json
import math
import struct

import numpy as np
import torch
from torch import nn

CLASS_NAMES = ${JSON.stringify(spec.classNames)}
${features.code && `
${features.code}`}

class LabModel(nn.Module):
    def __init__(self):
        super().__init__()
        # ${phi ? 'the fixed feature transform: no parameters, so the weights file holds nothing of it' : 'no feature transform: the first layer reads the input itself'}
        self.features = ${features.construct}
        self.layers = nn.Sequential(
${modules.map((m) => `            ${m}`).join('\n')}
        )

    def forward(self, x):
        """x: [batch, ${model.inputSize}] -> class scores [batch, ${model.numClasses}]"""
        return self.layers(self.features(x))

    def weights(self):
        """The weight matrices, first layer first: what regularization sees (never the biases)."""
        return [m.weight for m in self.layers if isinstance(m, nn.Linear)]


def lab_parameters(model):
    """(name, tensor, is_weight) in the lab's order W1, b1, W2, b2, ..."""
    found = []
    for index, module in model.layers.named_children():
        if isinstance(module, nn.Linear):
            found.append((f"layers.{index}.weight", module.weight, True))
            found.append((f"layers.{index}.bias", module.bias, False))
    return found


_DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64}


def read_safetensors(path):
    """{name: tensor} from a safetensors file, with the safetensors package when it is
    installed and by reading the format directly when it is not (8-byte header length,
    JSON header, little-endian tensor data)."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        load_file = None
    if load_file is not None:
        return load_file(path)
    with open(path, "rb") as f:
        data = f.read()
    try:
        (length,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + length])
        tensors = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            dtype = np.dtype(_DTYPES[info["dtype"]]).newbyteorder("<")
            begin, end = info["data_offsets"]
            values = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize, offset=8 + length + begin)
            tensors[name] = torch.from_numpy(values.astype(dtype.newbyteorder("=")).reshape(info["shape"]))
        return tensors
    except (struct.error, ValueError, KeyError) as error:
        raise SystemExit(f"{path}: not a readable safetensors file ({error})")


def write_safetensors(path, tensors, metadata):
    """Writes float32 tensors {name: tensor} with string metadata, as safetensors."""
    try:
        from safetensors.torch import save_file
    except ImportError:
        save_file = None
    if save_file is not None:
        save_file({k: v.contiguous() for k, v in tensors.items()}, path, metadata)
        return
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, tensor in tensors.items():
        chunk = tensor.detach().cpu().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(chunk)]}
        chunks.append(chunk)
        offset += len(chunk)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def load_trained(path="weights.safetensors"):
    """The model with the weights of a safetensors file (the lab's checkpoint by default), ready to predict."""
    model = LabModel()
    tensors = read_safetensors(path)
    model.load_state_dict({name: tensors[name] for name in model.state_dict()})
    return model.eval()
`;
}

/** A run name inside a Python docstring: one line, no closing quotes. */
function pythonText(text: string): string {
  return JSON.stringify(text.replace(/[\r\n]+/g, ' ')).replace(/"""/g, '"\\"\\"');
}

/** "HOG features (8×8-pixel cells, 9 orientations)": the transform with its settings. */
function featureText(t: FeatureTransform): string {
  if (t.kind === 'hog') return `HOG features (${t.cell}×${t.cell}-pixel cells, ${t.bins} orientations)`;
  if (t.kind === 'color-histogram') return `color-histogram features (${t.bins} bins per channel)`;
  return `${t.kind} features (${featureNames(t).join(', ')})`;
}

function readme(spec: PytorchProjectSpec): string {
  const { config, run } = spec;
  const reg = config.regularizer;
  const regText = reg.kind === 'none' ? 'none'
    : reg.kind === 'l1' ? `L1 λ=${reg.l1}` : reg.kind === 'l2' ? `L2 λ=${reg.l2}` : `elastic net λ1=${reg.l1}, λ2=${reg.l2}`;
  const counts = (['train', 'val', 'test'] as const).filter((s) => spec.splits[s]).map((s) => `${s} ${spec.splits[s]!.labels.length}`).join(', ');
  return `# ${run.name.replace(/[\r\n]+/g, ' ')}: Neural Lab run ${run.id} as a PyTorch project

${describeArchitecture(config.model)}, ${config.loss} loss, ${config.optimizer.kind} (lr ${config.optimizer.lr}, ${config.schedule.kind} schedule),
regularization ${regText}${reg.proximal ? ' (proximal)' : ''}, batch ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed}.
${config.model.features ? `The model reads ${featureText(config.model.features)}, computed inside LabModel from the inputs.\n` : ''}${config.augmentation?.mirror ? 'Mirror augmentation: each training image is flipped left-right with probability ½, drawn from the lab\'s generator.\n' : ''}Data: ${spec.source}; ${describeInput(spec.input)}; ${counts} samples.
Exported from epoch ${spec.checkpoint.epoch} (step ${spec.checkpoint.step}) by Neural Lab ${spec.appVersion}.

## Run it

Needs Python 3 with PyTorch (\`pip install -r requirements.txt\`, or Debian's \`python3-torch\`).

    python3 train.py                                   # continue from the checkpoint up to ${config.epochs} epochs
    python3 train.py --device cuda --epochs ${Math.max(config.epochs * 2, spec.checkpoint.epoch + 1)}           # continue on a GPU, up to ${Math.max(config.epochs * 2, spec.checkpoint.epoch + 1)} epochs
    python3 train.py --replay                          # the lab's run again, from its initial weights
    torchrun --nproc_per_node 2 train.py               # DistributedDataParallel: gloo on CPU, nccl with --device cuda

(Debian 12's torchrun, PyTorch 1.13 on Python 3.11, cannot read its own default
\`--redirects 0\`; add \`--redirects 1 --tee 1\` there.)

\`--replay\` starts from the run's initial weights and generator state, shuffles each epoch
with the lab's own generator and applies the lab's update rules (lab_rules.py), so each
epoch's training loss matches the lab's (it prints both). Under torchrun every process
takes its share of each of the lab's batches and the gradients are averaged over the whole
batch, so more processes train the same model faster rather than a different one.

Every run of train.py writes \`metrics.jsonl\` and \`trained.safetensors\`. To see its curves
next to the lab's in Compare, import the metrics back: *Import a PyTorch run…* in the lab's
Compare view, or

    npm run lab -- import-metrics metrics.jsonl --db PATH

## Files

| file | what |
| --- | --- |
| model.py | \`LabModel\`, the architecture (with its fixed feature transform) as an \`nn.Module\`; \`load_trained()\` for predictions |
| lab_rules.py | the lab's shuffle, optimizer, regularization (and proximal L1), schedule and losses |
| data.py | the splits and their normalization; \`--images FOLDER\` decodes the image files with Pillow |
| train.py | training: continue, \`--replay\`, \`--device\`, torchrun |
| weights.safetensors | the checkpoint (PyTorch names), its optimizer state, and the initial weights (\`initial.*\`) |
| experiment.json | config, classes, input, splits, generator states and the lab's per-epoch losses |
| data/ | each split's inputs exactly as the lab decoded them, labels, and file names |
`;
}
