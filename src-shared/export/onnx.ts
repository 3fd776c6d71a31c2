/**
 * ONNX export (and reading back the ONNX files we write, for prediction).
 *
 * The graph, opset 13 (IR version 7):
 *
 *   input [batch × inputSize]  (the flattened H×W×C image, already normalised)
 *     → features.* (a fixed feature transform, when the model has one; see `featureNodes`)
 *     → Gemm(layers.0.weight [inputs × units], layers.0.bias [units]) → Relu | LeakyRelu | Sigmoid | Tanh
 *     → …
 *     → Gemm(layers.K.weight, layers.K.bias) → Softmax(axis 1) → probabilities [batch × classes]   (softmax models)
 *                                                                → scores        [batch × classes]   (SVM models)
 *
 * Gemm computes input·B + C with B stored [inputs × units], exactly our W, so the weights
 * go in as they are. Identity activations add no node. Class names, preprocessing and the
 * rest of what the lab knows travel in `metadata_props` (JSON values).
 */
import { z } from 'zod';
import type { ActivationKind, HiddenLayerSpec, LayerWeights } from '../engine/types';
import { DEFAULT_LEAKY_ALPHA } from '../engine/activations';
import { bytesToFloat32, float32ToBytes } from './bytes';
import { checkModel, describeArchitecture, describeInput, inputSizeOf, ModelError, type TrainedModel } from './model';
import { modelSpec } from '../engine/config';
import type { FeatureTransform } from '../features/transforms';
import { describeIssues, ModelFileError, modelInputSchema, nativeModelSchema } from './native';
import { fieldFloat, fieldText, ProtoError, ProtoWriter, readFields, repeatedInts, WireType, type ProtoField } from './protobuf';

export const ONNX_OPSET = 13;
/** The IR version that goes with opset 13 (ONNX 1.8). */
export const ONNX_IR_VERSION = 7;
export const ONNX_INPUT_NAME = 'input';

/** metadata_props keys (values are JSON, except app_version and model_name). */
export const ONNX_METADATA = {
  format: 'neural_lab_format',
  name: 'model_name',
  appVersion: 'app_version',
  classNames: 'class_names',
  preprocessing: 'preprocessing',
  output: 'output',
  architecture: 'architecture',
  training: 'training_config',
  metrics: 'final_metrics',
  createdAt: 'created_at',
} as const;

/** ONNX TensorProto.DataType FLOAT */
const FLOAT = 1;
/** AttributeProto.AttributeType */
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;

// Field numbers from onnx.proto.
const Model = { irVersion: 1, producerName: 2, producerVersion: 3, domain: 4, modelVersion: 5, docString: 6, graph: 7, opsetImport: 8, metadataProps: 14 };
const Graph = { node: 1, name: 2, initializer: 5, docString: 10, input: 11, output: 12 };
const Node = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 };
const Attribute = { name: 1, f: 2, i: 3, type: 20 };
const Tensor = { dims: 1, dataType: 2, floatData: 4, name: 8, rawData: 9 };
const ValueInfo = { name: 1, type: 2 };
const TypeProto = { tensorType: 1 };
const TensorType = { elemType: 1, shape: 2 };
const Shape = { dim: 1 };
const Dimension = { value: 1, param: 2 };
const OpsetId = { domain: 1, version: 2 };
const Entry = { key: 1, value: 2 };

const ACTIVATION_OPS: Record<Exclude<ActivationKind, 'identity'>, string> = {
  relu: 'Relu',
  'leaky-relu': 'LeakyRelu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
};

/** The output's name: probabilities for softmax models, raw scores for SVM models. */
export function onnxOutputName(model: Pick<TrainedModel, 'loss'>): string {
  return model.loss === 'softmax' ? 'probabilities' : 'scores';
}

/** Why a model cannot be written as ONNX (its feature transform has no ONNX operators), or null. */
export function onnxRefusal(model: Pick<TrainedModel, 'architecture'>): string | null {
  const kind = model.architecture.features?.kind;
  if (kind === 'color-histogram' || kind === 'hog') {
    return `the ${kind === 'hog' ? 'HOG' : 'color histogram'} features count pixels into bins, which ONNX has no operators for; export as native JSON (the lab's predict applies them)`;
  }
  return null;
}

/** Output name of the feature subgraph: the first Gemm reads it. */
const FEATURES_OUTPUT = 'features';
/** Node names of the feature subgraph start with this, so reading back can skip it. */
const FEATURE_NODE_PREFIX = 'features.';

/**
 * The fixed feature transform as ONNX nodes from `input` [batch × 2] to `features`, using
 * only float initializers: columns are picked by MatMul with a selection matrix, θ =
 * atan2(y, x) is Atan(y/x) corrected by quadrant with Where (opset 13 has no Atan2).
 */
function featureNodes(t: FeatureTransform, graph: ProtoWriter): ProtoWriter[] {
  const nodes: ProtoWriter[] = [];
  const constant = (name: string, dims: number[], values: number[]) => {
    graph.message(Graph.initializer, tensor(`${FEATURE_NODE_PREFIX}${name}`, dims, Float32Array.from(values)));
    return `${FEATURE_NODE_PREFIX}${name}`;
  };
  const op = (type: string, inputs: string[], output: string, attribute?: ProtoWriter) => {
    const name = `${FEATURE_NODE_PREFIX}${output}`;
    const n = node(type, name, inputs, output === FEATURES_OUTPUT ? FEATURES_OUTPUT : name);
    if (attribute) n.message(Node.attribute, attribute);
    nodes.push(n);
    return output === FEATURES_OUTPUT ? FEATURES_OUTPUT : name;
  };
  const concat = (inputs: string[]) => op('Concat', inputs, FEATURES_OUTPUT, intAttribute('axis', 1));
  const px = () => op('MatMul', [ONNX_INPUT_NAME, constant('pick_x', [2, 1], [1, 0])], 'x');
  const py = () => op('MatMul', [ONNX_INPUT_NAME, constant('pick_y', [2, 1], [0, 1])], 'y');
  switch (t.kind) {
    case 'polar': {
      const x = px(), y = py();
      const r = op('Sqrt', [op('Add', [op('Mul', [x, x], 'xx'), op('Mul', [y, y], 'yy')], 'rr')], 'r');
      const pi = constant('pi', [], [Math.PI]);
      const atan = op('Atan', [op('Div', [y, x], 'y_over_x')], 'atan');
      const zero = constant('zero', [], [0]);
      const leftHalf = op('Where', [op('Less', [y, zero], 'y_negative'), op('Sub', [atan, pi], 'atan_minus_pi'), op('Add', [atan, pi], 'atan_plus_pi')], 'left');
      const onAxis = op('Mul', [op('Sign', [y], 'sign_y'), constant('half_pi', [], [Math.PI / 2])], 'on_y_axis');
      const notRight = op('Where', [op('Less', [x, zero], 'x_negative'), leftHalf, onAxis], 'not_right');
      const theta = op('Where', [op('Greater', [x, zero], 'x_positive'), atan, notRight], 'theta');
      concat([r, theta]);
      return nodes;
    }
    case 'polynomial': {
      const x = px(), y = py();
      concat([x, y, op('Mul', [x, x], 'xx'), op('Mul', [y, y], 'yy'), op('Mul', [x, y], 'xy')]);
      return nodes;
    }
    case 'sincos': {
      const scaled = op('Mul', [ONNX_INPUT_NAME, constant('pi', [], [Math.PI])], 'pi_x');
      const both = op('Concat', [op('Sin', [scaled], 'sin'), op('Cos', [scaled], 'cos')], 'sin_cos', intAttribute('axis', 1));
      // (sin πx, sin πy, cos πx, cos πy) → (sin πx, cos πx, sin πy, cos πy)
      op('MatMul', [both, constant('order', [4, 4], [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1])], FEATURES_OUTPUT);
      return nodes;
    }
    case 'color-histogram':
    case 'hog':
      throw new ModelError(`no ONNX nodes for ${t.kind} features`); // encodeOnnx refuses these first (onnxRefusal)
  }
}

/** Writes `model` as an ONNX file. */
export function encodeOnnx(model: TrainedModel): Uint8Array {
  checkModel(model);
  const refusal = onnxRefusal(model);
  if (refusal) throw new ModelError(`cannot export as ONNX: ${refusal}`);
  const spec = model.architecture;
  const graph = new ProtoWriter();
  const nodes: ProtoWriter[] = spec.features ? featureNodes(spec.features, graph) : [];
  let current = spec.features ? FEATURES_OUTPUT : ONNX_INPUT_NAME;
  model.layers.forEach((layer, i) => {
    const weight = `layers.${i}.weight`;
    const bias = `layers.${i}.bias`;
    graph.message(Graph.initializer, tensor(weight, [layer.inputs, layer.units], layer.w));
    graph.message(Graph.initializer, tensor(bias, [layer.units], layer.b));
    const last = i === model.layers.length - 1;
    const gemmOut = last && model.loss === 'svm' ? 'scores' : `layers.${i}.scores`;
    nodes.push(node('Gemm', `layers.${i}.gemm`, [current, weight, bias], gemmOut));
    current = gemmOut;
    if (!last) {
      const hidden = spec.hidden[i];
      if (hidden.activation === 'identity') return;
      const out = `layers.${i}.${hidden.activation}`;
      const act = node(ACTIVATION_OPS[hidden.activation], `layers.${i}.activation`, [current], out);
      if (hidden.activation === 'leaky-relu') act.message(Node.attribute, floatAttribute('alpha', hidden.alpha ?? DEFAULT_LEAKY_ALPHA));
      nodes.push(act);
      current = out;
    }
  });
  if (model.loss === 'softmax') {
    const softmax = node('Softmax', 'softmax', [current], 'probabilities');
    softmax.message(Node.attribute, intAttribute('axis', 1));
    nodes.push(softmax);
    current = 'probabilities';
  }
  for (const n of nodes) graph.message(Graph.node, n);
  graph.string(Graph.name, graphName(model.name));
  graph.string(Graph.docString, docString(model));
  graph.message(Graph.input, valueInfo(ONNX_INPUT_NAME, spec.inputSize));
  graph.message(Graph.output, valueInfo(current, spec.numClasses));

  const metadata: Record<string, string> = {
    [ONNX_METADATA.format]: '1',
    [ONNX_METADATA.name]: model.name,
    [ONNX_METADATA.appVersion]: model.appVersion,
    [ONNX_METADATA.createdAt]: model.createdAt,
    [ONNX_METADATA.classNames]: JSON.stringify(model.classNames),
    [ONNX_METADATA.preprocessing]: JSON.stringify(model.input),
    [ONNX_METADATA.output]: onnxOutputName(model),
    [ONNX_METADATA.architecture]: JSON.stringify(spec),
    ...(model.training ? { [ONNX_METADATA.training]: JSON.stringify(model.training) } : {}),
    ...(model.metrics ? { [ONNX_METADATA.metrics]: JSON.stringify(model.metrics) } : {}),
  };

  const out = new ProtoWriter()
    .uint(Model.irVersion, ONNX_IR_VERSION)
    .string(Model.producerName, 'Neural Lab')
    .string(Model.producerVersion, model.appVersion)
    .string(Model.domain, 'app.neural-lab')
    .uint(Model.modelVersion, 1)
    .string(Model.docString, docString(model))
    .message(Model.graph, graph)
    .message(Model.opsetImport, new ProtoWriter().string(OpsetId.domain, '').uint(OpsetId.version, ONNX_OPSET));
  for (const [key, value] of Object.entries(metadata)) {
    out.message(Model.metadataProps, new ProtoWriter().string(Entry.key, key).string(Entry.value, value));
  }
  return out.finish();
}

function tensor(name: string, dims: number[], values: Float32Array): ProtoWriter {
  const t = new ProtoWriter();
  for (const d of dims) t.uint(Tensor.dims, d);
  return t.uint(Tensor.dataType, FLOAT).string(Tensor.name, name).bytes(Tensor.rawData, float32ToBytes(values));
}

function node(opType: string, name: string, inputs: string[], output: string): ProtoWriter {
  const n = new ProtoWriter();
  for (const input of inputs) n.string(Node.input, input);
  return n.string(Node.output, output).string(Node.name, name).string(Node.opType, opType);
}

function floatAttribute(name: string, value: number): ProtoWriter {
  return new ProtoWriter().string(Attribute.name, name).float(Attribute.f, value).uint(Attribute.type, ATTRIBUTE_FLOAT);
}

function intAttribute(name: string, value: number): ProtoWriter {
  return new ProtoWriter().string(Attribute.name, name).uint(Attribute.i, value).uint(Attribute.type, ATTRIBUTE_INT);
}

/** A float tensor [batch × size] with a named (dynamic) batch dimension. */
function valueInfo(name: string, size: number): ProtoWriter {
  const shape = new ProtoWriter()
    .message(Shape.dim, new ProtoWriter().string(Dimension.param, 'batch'))
    .message(Shape.dim, new ProtoWriter().uint(Dimension.value, size));
  const tensorType = new ProtoWriter().uint(TensorType.elemType, FLOAT).message(TensorType.shape, shape);
  return new ProtoWriter().string(ValueInfo.name, name).message(ValueInfo.type, new ProtoWriter().message(TypeProto.tensorType, tensorType));
}

function graphName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned === '' ? 'neural_lab_model' : cleaned;
}

function docString(model: TrainedModel): string {
  const classes = model.classNames.length <= 20 ? model.classNames.join(', ') : `${model.classNames.slice(0, 20).join(', ')}, …`;
  const output = model.loss === 'softmax'
    ? `'probabilities' [batch × ${model.architecture.numClasses}] (softmax)`
    : `'scores' [batch × ${model.architecture.numClasses}] (raw SVM class scores; the highest wins)`;
  return [
    `Neural Lab model "${model.name}": ${describeArchitecture(model.architecture)}, ${model.architecture.numClasses} classes (${classes}).`,
    `Input '${ONNX_INPUT_NAME}' float32 [batch × ${model.architecture.inputSize}]: ${describeInput(model.input)}`
      + (model.input.kind === 'image' ? ', flattened row by row with channels interleaved (H×W×C); see metadata "preprocessing".' : '.'),
    `Output ${output}. Class names: metadata "class_names".`,
  ].join('\n');
}

// ── reading ───────────────────────────────────────────────────────────────────────

/** The ONNX magic is protobuf field 1 (ir_version) as a varint: byte 0x08. */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x08 && bytes[1] > 0 && bytes[1] < 0x80;
}

interface ParsedNode {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, ProtoField[]>;
}

/**
 * Reads an ONNX file this lab wrote back into a model (for prediction and templates).
 * Accepts the graph shape above; anything else gets a ModelFileError saying what was
 * found instead. Nothing is returned unless the whole file is sound.
 */
export function decodeOnnx(bytes: Uint8Array): TrainedModel {
  const invalid = (why: string) => new ModelFileError('invalid', `invalid ONNX model: ${why}`);
  if (bytes.length === 0) throw new ModelFileError('empty', 'the file is empty');
  try {
    const modelFields = readFields(bytes);
    const irVersion = modelFields.find((f) => f.field === Model.irVersion && f.type === WireType.Varint);
    const graphField = modelFields.find((f) => f.field === Model.graph && f.type === WireType.LengthDelimited);
    if (!irVersion || !graphField) throw new ModelFileError('not-a-model', 'not an ONNX model (no IR version or graph)');
    const opset = modelFields.filter((f) => f.field === Model.opsetImport).map((f) => readFields(f.bytes))
      .map((fs) => ({ domain: text(fs, OpsetId.domain) ?? '', version: fs.find((x) => x.field === OpsetId.version)?.int ?? 0 }))
      .find((o) => o.domain === '' || o.domain === 'ai.onnx');
    if (!opset || opset.version < ONNX_OPSET) throw invalid(`needs opset ${ONNX_OPSET} or later, the file imports ${opset ? opset.version : 'none'}`);
    const metadata = new Map<string, string>();
    for (const f of modelFields.filter((x) => x.field === Model.metadataProps)) {
      const entry = readFields(f.bytes);
      metadata.set(text(entry, Entry.key) ?? '', text(entry, Entry.value) ?? '');
    }

    const graph = readFields(graphField.bytes);
    const initializers = new Map<string, { dims: number[]; values: Float32Array }>();
    for (const f of graph.filter((x) => x.field === Graph.initializer)) {
      const t = readFields(f.bytes);
      const name = text(t, Tensor.name) ?? '';
      const dims = repeatedInts(t, Tensor.dims);
      const dataType = t.find((x) => x.field === Tensor.dataType)?.int;
      if (dataType !== FLOAT) throw invalid(`initializer "${name}" is not float32 (data type ${dataType})`);
      initializers.set(name, { dims, values: tensorValues(name, t, dims, invalid) });
    }
    const nodes: ParsedNode[] = graph.filter((x) => x.field === Graph.node).map((f) => {
      const n = readFields(f.bytes);
      const attributes = new Map<string, ProtoField[]>();
      for (const a of n.filter((x) => x.field === Node.attribute)) {
        const fs = readFields(a.bytes);
        attributes.set(text(fs, Attribute.name) ?? '', fs);
      }
      return {
        name: text(n, Node.name) ?? '',
        opType: text(n, Node.opType) ?? '',
        inputs: n.filter((x) => x.field === Node.input).map(fieldText),
        outputs: n.filter((x) => x.field === Node.output).map(fieldText),
        attributes,
      };
    });
    const inputs = graph.filter((x) => x.field === Graph.input).map((f) => text(readFields(f.bytes), ValueInfo.name) ?? '')
      .filter((name) => !initializers.has(name));
    const outputs = graph.filter((x) => x.field === Graph.output).map((f) => text(readFields(f.bytes), ValueInfo.name) ?? '');
    if (inputs.length !== 1 || outputs.length !== 1) throw invalid(`expected one input and one output, found ${inputs.length} and ${outputs.length}`);

    const required = (key: string) => {
      const value = metadata.get(key);
      if (value === undefined) {
        throw new ModelFileError('not-a-model', `this ONNX model has no "${key}" in its metadata: the lab predicts only with ONNX models it exported itself`);
      }
      return value;
    };
    const json = <T>(key: string, schema: z.ZodType<T>, value: string): T => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw invalid(`metadata "${key}" is not valid JSON`);
      }
      const result = schema.safeParse(parsed);
      if (!result.success) throw invalid(`metadata "${key}": ${describeIssues(result.error)}`);
      return result.data;
    };
    // The feature subgraph (ours, named features.*) is recognised by name; its transform is
    // the one the architecture metadata names, and the chain starts at its output.
    const architectureText = metadata.get(ONNX_METADATA.architecture);
    const features = architectureText === undefined ? undefined : json(ONNX_METADATA.architecture, modelSpec, architectureText).features;
    const featureCount = nodes.findIndex((n) => !n.name.startsWith(FEATURE_NODE_PREFIX));
    if ((featureCount > 0) !== (features !== undefined)) {
      throw invalid(features ? `the metadata names ${features.kind} features but the graph has no feature nodes` : 'the graph has feature nodes but the metadata names no feature transform');
    }
    if (features && nodes[featureCount - 1].outputs[0] !== FEATURES_OUTPUT) throw invalid(`the feature nodes do not end in "${FEATURES_OUTPUT}"`);

    // Follow the chain Gemm → activation → … → Gemm → (Softmax) from the input (or the features).
    const layers: LayerWeights[] = [];
    const hidden: HiddenLayerSpec[] = [];
    let current = features ? FEATURES_OUTPUT : inputs[0];
    let softmax = false;
    nodes.slice(Math.max(0, featureCount)).forEach((n, index) => {
      const where = `node ${index + 1} (${n.opType})`;
      if (n.inputs[0] !== current || n.outputs.length !== 1) throw invalid(`${where} does not continue the chain from "${current}"`);
      if (softmax) throw invalid(`${where} follows the Softmax; the lab reads Softmax only as the last node`);
      if (n.opType === 'Gemm') {
        if (layers.length > hidden.length) hidden.push({ units: layers[layers.length - 1].units, activation: 'identity' });
        layers.push(readGemm(n, initializers, where, invalid));
      } else if (n.opType === 'Softmax') {
        softmax = true;
      } else {
        const activation = (Object.keys(ACTIVATION_OPS) as (keyof typeof ACTIVATION_OPS)[]).find((k) => ACTIVATION_OPS[k] === n.opType)
          ?? (n.opType === 'Identity' ? 'identity' as const : undefined);
        if (!activation) throw invalid(`${where}: the lab reads only Gemm, Relu, LeakyRelu, Sigmoid, Tanh, Identity and Softmax`);
        if (layers.length !== hidden.length + 1) throw invalid(`${where} is not right after a Gemm`);
        const alphaField = n.attributes.get('alpha')?.find((x) => x.field === Attribute.f);
        const alpha = activation === 'leaky-relu' ? (alphaField ? fieldFloat(alphaField) : DEFAULT_LEAKY_ALPHA) : undefined;
        hidden.push({ units: layers[layers.length - 1].units, activation, ...(alpha !== undefined ? { alpha } : {}) });
      }
      current = n.outputs[0];
    });
    if (layers.length === 0) throw invalid('the graph has no Gemm layers');
    if (hidden.length >= layers.length) throw invalid('the graph ends with an activation instead of a Gemm (or Softmax)');
    if (current !== outputs[0]) throw invalid(`the chain ends at "${current}", not at the graph output "${outputs[0]}"`);
    layers.forEach((layer, i) => { layer.activation = i < hidden.length ? hidden[i].activation : 'none'; });

    const classNames = json(ONNX_METADATA.classNames, z.array(z.string()), required(ONNX_METADATA.classNames));
    const input = json(ONNX_METADATA.preprocessing, modelInputSchema, required(ONNX_METADATA.preprocessing));
    const trainingText = metadata.get(ONNX_METADATA.training);
    const metricsText = metadata.get(ONNX_METADATA.metrics);
    const model: TrainedModel = {
      name: metadata.get(ONNX_METADATA.name) ?? 'ONNX model',
      architecture: {
        inputSize: features ? inputSizeOf(input) : layers[0].inputs, numClasses: layers[layers.length - 1].units, hidden,
        ...(features ? { features } : {}),
      },
      loss: softmax ? 'softmax' : 'svm',
      classNames,
      input,
      layers,
      training: trainingText === undefined ? null : json(ONNX_METADATA.training, nativeModelSchema.shape.training, trainingText),
      metrics: metricsText === undefined ? null : json(ONNX_METADATA.metrics, nativeModelSchema.shape.metrics, metricsText),
      appVersion: metadata.get(ONNX_METADATA.appVersion) ?? '',
      createdAt: metadata.get(ONNX_METADATA.createdAt) ?? '',
      origin: null,
    };
    checkModel(model);
    return model;
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    if (error instanceof ProtoError) throw new ModelFileError('truncated', `not a readable ONNX file (${error.message}; cut off or damaged?)`);
    if (error instanceof ModelError) throw invalid(error.message);
    throw error;
  }
}

function text(fields: ProtoField[], field: number): string | undefined {
  const f = fields.find((x) => x.field === field && x.type === WireType.LengthDelimited);
  return f ? fieldText(f) : undefined;
}

function tensorValues(name: string, fields: ProtoField[], dims: number[], invalid: (why: string) => Error): Float32Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const raw = fields.find((x) => x.field === Tensor.rawData);
  let values: Float32Array;
  if (raw) {
    if (raw.bytes.length !== count * 4) throw invalid(`initializer "${name}" holds ${raw.bytes.length} bytes, its shape [${dims.join(', ')}] needs ${count * 4}`);
    values = bytesToFloat32(raw.bytes);
  } else {
    const floats: number[] = [];
    for (const f of fields.filter((x) => x.field === Tensor.floatData)) {
      if (f.type === WireType.Fixed32) floats.push(fieldFloat(f));
      else for (let o = 0; o + 4 <= f.bytes.length; o += 4) floats.push(new DataView(f.bytes.buffer, f.bytes.byteOffset + o, 4).getFloat32(0, true));
    }
    if (floats.length !== count) throw invalid(`initializer "${name}" holds ${floats.length} values, its shape [${dims.join(', ')}] needs ${count}`);
    values = Float32Array.from(floats);
  }
  return values;
}

function readGemm(
  n: ParsedNode,
  initializers: Map<string, { dims: number[]; values: Float32Array }>,
  where: string,
  invalid: (why: string) => Error,
): LayerWeights {
  const intAttr = (name: string, fallback: number) => n.attributes.get(name)?.find((x) => x.field === Attribute.i)?.int ?? fallback;
  const floatAttr = (name: string) => {
    const f = n.attributes.get(name)?.find((x) => x.field === Attribute.f);
    return f ? fieldFloat(f) : 1;
  };
  if (intAttr('transA', 0) !== 0 || floatAttr('alpha') !== 1 || floatAttr('beta') !== 1) throw invalid(`${where}: only plain Gemm (no transA, alpha = beta = 1) is read`);
  const b = initializers.get(n.inputs[1] ?? '');
  const c = initializers.get(n.inputs[2] ?? '');
  if (!b || !c) throw invalid(`${where}: weights and bias must be initializers`);
  if (b.dims.length !== 2) throw invalid(`${where}: weights of shape [${b.dims.join(', ')}], expected a matrix`);
  const transB = intAttr('transB', 0) === 1;
  const [inputs, units] = transB ? [b.dims[1], b.dims[0]] : [b.dims[0], b.dims[1]];
  if (c.dims.length !== 1 || c.dims[0] !== units) throw invalid(`${where}: bias of shape [${c.dims.join(', ')}], expected [${units}]`);
  let w = b.values;
  if (transB) {
    w = new Float32Array(inputs * units);
    for (let j = 0; j < units; j++) for (let i = 0; i < inputs; i++) w[i * units + j] = b.values[j * inputs + i];
  }
  return { inputs, units, activation: 'none', w, b: c.values };
}
