/**
 * safetensors export, named and shaped the way PyTorch names an nn.Sequential of
 * nn.Linear layers held as `self.layers`:
 *
 *   layers.0.weight [units × inputs]   layers.0.bias [units]     (first Linear)
 *   layers.1 is its activation (no parameters)
 *   layers.2.weight, layers.2.bias                                (second Linear), …
 *
 * PyTorch's Linear stores W as [out × in] and computes x·Wᵀ + b, so our W [in × out] is
 * transposed on the way out. File layout: 8 bytes little-endian header length N, N bytes
 * of JSON header (padded with spaces to a multiple of 8), then the tensors' bytes, each
 * at its [begin, end) offsets in the header. The header's `__metadata__` (string values
 * only) carries the architecture, class names and preprocessing as JSON.
 */
import { float32ToBytes } from './bytes';
import { checkModel, describeArchitecture, describeInput, ModelError, type TrainedModel } from './model';

/** The Sequential index of dense layer i: Linear, activation, Linear, activation, …, Linear. */
export function sequentialIndex(layer: number): number {
  return 2 * layer;
}

export function safetensorsNames(layer: number): { weight: string; bias: string } {
  return { weight: `layers.${sequentialIndex(layer)}.weight`, bias: `layers.${sequentialIndex(layer)}.bias` };
}

/** Our W [inputs × units] as PyTorch's [units × inputs]. */
export function transposeWeights(w: Float32Array, inputs: number, units: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j < units; j++) t[j * inputs + i] = w[i * units + j];
  }
  return t;
}

export function encodeSafetensors(model: TrainedModel): Uint8Array {
  checkModel(model);
  // The file's promise is "an nn.Sequential of Linear layers reads these weights"; a fixed
  // feature transform in front would make that PyTorch model silently wrong.
  if (model.architecture.features) {
    throw new ModelError(`cannot export as safetensors: the model applies ${model.architecture.features.kind} features before its first layer, which a plain stack of Linear layers does not; export as native JSON${model.architecture.features.kind === 'color-histogram' || model.architecture.features.kind === 'hog' ? '' : ' or ONNX (both apply them)'}`);
  }
  const tensors: SafetensorsTensor[] = [];
  model.layers.forEach((layer, i) => {
    const names = safetensorsNames(i);
    tensors.push({ name: names.weight, dtype: 'F32', shape: [layer.units, layer.inputs], bytes: float32ToBytes(transposeWeights(layer.w, layer.inputs, layer.units)) });
    tensors.push({ name: names.bias, dtype: 'F32', shape: [layer.units], bytes: float32ToBytes(layer.b) });
  });
  return encodeSafetensorsFile(tensors, {
    format: 'pt',
    producer: `Neural Lab ${model.appVersion}`,
    name: model.name,
    architecture: JSON.stringify({ ...model.architecture, output: model.loss }),
    class_names: JSON.stringify(model.classNames),
    preprocessing: JSON.stringify(model.input),
    ...(model.training ? { training_config: JSON.stringify(model.training) } : {}),
  });
}

/** One tensor of a safetensors file: little-endian bytes of `dtype` values in `shape`. */
export interface SafetensorsTensor {
  name: string;
  dtype: 'F32' | 'I32';
  shape: number[];
  bytes: Uint8Array;
}

/** The safetensors container: header (tensor offsets and string-valued metadata), then the tensors' bytes in order. */
export function encodeSafetensorsFile(tensors: readonly SafetensorsTensor[], metadata: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] };
    offset += t.bytes.length;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaced = new Uint8Array(padded).fill(0x20);
    spaced.set(json);
    json = spaced;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let position = 8 + json.length;
  for (const t of tensors) {
    out.set(t.bytes, position);
    position += t.bytes.length;
  }
  return out;
}

const PYTORCH_ACTIVATIONS = { relu: 'nn.ReLU()', sigmoid: 'nn.Sigmoid()', tanh: 'nn.Tanh()', identity: 'nn.Identity()' } as const;

/**
 * A short Python script that rebuilds the model in PyTorch from the safetensors file
 * `fileName` (next to the script) and shows how to prepare an input.
 */
export function pytorchSnippet(model: TrainedModel, fileName: string): string {
  const spec = model.architecture;
  const modules: string[] = [];
  model.layers.forEach((layer, i) => {
    modules.push(`nn.Linear(${layer.inputs}, ${layer.units}),`);
    if (i < spec.hidden.length) {
      const h = spec.hidden[i];
      modules.push(h.activation === 'leaky-relu' ? `nn.LeakyReLU(${h.alpha ?? 0.01}),` : `${PYTORCH_ACTIVATIONS[h.activation]},`);
    }
  });
  const outputs = model.loss === 'softmax'
    ? 'scores; .softmax(dim=1) turns them into the probabilities the lab shows'
    : 'SVM class scores (the highest wins); the lab shows their softmax';
  const lines = [
    `# Neural Lab model "${model.name.replace(/[\r\n]+/g, ' ')}": ${describeArchitecture(spec)}, ${spec.numClasses} classes.`,
    '# Needs: pip install torch safetensors',
    'import json',
    '',
    'import torch',
    'from torch import nn',
    'from safetensors import safe_open',
    'from safetensors.torch import load_file',
    '',
    `PATH = ${JSON.stringify(fileName)}`,
    '',
    '',
    'class NeuralLabModel(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.layers = nn.Sequential(',
    ...modules.map((m) => `            ${m}`),
    '        )',
    '',
    '    def forward(self, x):',
    `        # x: [batch, ${spec.inputSize}] -> [batch, ${spec.numClasses}] ${outputs}`,
    '        return self.layers(x)',
    '',
    '',
    'model = NeuralLabModel()',
    'model.load_state_dict(load_file(PATH))',
    'model.eval()',
    '',
    'with safe_open(PATH, framework="pt") as f:',
    '    metadata = f.metadata()',
    'class_names = json.loads(metadata["class_names"])',
    'preprocessing = json.loads(metadata["preprocessing"])',
    '',
    ...normalizeFunction(model),
    '',
    ...(model.input.kind === 'image'
      ? [
          '# e.g. with Pillow (resizing differs slightly from the lab\'s, which uses libvips):',
          `# image = PIL.Image.open("x.png").convert("${model.input.preprocessing.channels === 1 ? 'L' : 'RGB'}").resize((${model.input.preprocessing.width}, ${model.input.preprocessing.height}))`,
          '# pixels = torch.tensor(numpy.asarray(image))',
          '# probabilities = model(normalize(pixels)).softmax(dim=1)',
          '# print(class_names[int(probabilities.argmax())])',
        ]
      : ['# probabilities = model(normalize(torch.tensor([[x, y]]))).softmax(dim=1)']),
    '',
  ];
  return lines.join('\n');
}

function normalizeFunction(model: TrainedModel): string[] {
  if (model.input.kind === 'vector') {
    return [
      'def normalize(points):',
      `    """points: float tensor [batch, ${model.input.size}], given as they are."""`,
      '    return points.float()',
    ];
  }
  const { preprocessing: p, normalization: n } = model.input;
  const head = [
    'def normalize(pixels):',
    `    """pixels: uint8 tensor [${p.height}, ${p.width}${p.channels === 3 ? ', 3' : ''}] (rows, columns${p.channels === 3 ? ', RGB' : ''}): ${describeInput(model.input)}."""`,
    '    x = pixels.reshape(1, -1).float() / 255',
  ];
  switch (n.kind) {
    case 'scale':
      return [...head, '    return x'];
    case 'mean-image':
      return [...head, '    mean = torch.tensor(preprocessing["normalization"]["mean"])', '    return x - mean'];
    case 'per-channel':
      return [
        ...head,
        `    mean = torch.tensor(preprocessing["normalization"]["mean"]).repeat(${p.width * p.height})`,
        `    std = torch.tensor(preprocessing["normalization"]["std"]).repeat(${p.width * p.height})`,
        '    return (x - mean) / std',
      ];
  }
}
