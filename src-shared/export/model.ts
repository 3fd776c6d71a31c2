/**
 * A trained model as it leaves the lab: weights plus everything needed to use them on a
 * new input (class names, the input's preprocessing and normalisation) and to know where
 * they came from (training config, final metrics, app version). Every export format is
 * written from this, and native JSON and our ONNX files read back into it.
 */
import type { ImagePreprocessing } from '../data/dataset';
import type { Normalization } from '../data/normalize';
import type { LayerWeights, LossKind, ModelSpec, TrainConfig } from '../engine/types';
import { featureProblem, featureSize } from '../features/transforms';

/**
 * What the model reads. `image`: a file fitted to W×H×C uint8 pixels by `preprocessing`,
 * flattened row by row with channels interleaved (H×W×C), then normalised. `vector`:
 * `size` numbers given as they are (the toy datasets' 2-D points).
 */
export type ModelInput =
  | { kind: 'image'; preprocessing: ImagePreprocessing; normalization: Normalization }
  | { kind: 'vector'; size: number };

/** Loss and accuracy of one split; null where a value was not a finite number (a diverged run). */
export interface SplitMetrics {
  loss: number | null;
  accuracy: number | null;
  dataLoss?: number | null;
  regLoss?: number | null;
}

export interface FinalMetrics {
  /** epochs completed */
  epochs: number;
  train?: SplitMetrics;
  val?: SplitMetrics;
  test?: SplitMetrics;
}

/** Where the weights came from (a run in the lab's store), when known. */
export interface ModelOrigin {
  runId?: number;
  checkpointId?: number;
  epoch?: number;
  step?: number;
}

export interface TrainedModel {
  name: string;
  /** layer sizes and hidden activations */
  architecture: ModelSpec;
  /** 'softmax': the outputs are probabilities; 'svm': raw class scores (hinge loss) */
  loss: LossKind;
  /** label k is classNames[k]; numClasses of them */
  classNames: string[];
  input: ModelInput;
  /** dense layers, first first; W is [inputs × units] row-major (scores = x·W + b) */
  layers: LayerWeights[];
  /** how it was trained, when known */
  training: TrainConfig | null;
  metrics: FinalMetrics | null;
  /** the lab version that wrote it */
  appVersion: string;
  /** ISO 8601 time of export */
  createdAt: string;
  origin: ModelOrigin | null;
}

/** A model that does not hang together; the message says what is wrong. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** Number of values an input of this kind has (H·W·C for images). */
export function inputSizeOf(input: ModelInput): number {
  return input.kind === 'image' ? input.preprocessing.width * input.preprocessing.height * input.preprocessing.channels : input.size;
}

/**
 * Checks that the parts of `model` fit each other: layer shapes follow the architecture,
 * activations match, the input has as many values as the first layer reads, one unique
 * class name per output, normalisation statistics of the right length, finite weights.
 * Throws ModelError saying what does not fit.
 */
export function checkModel(model: TrainedModel): void {
  const { architecture: spec, layers } = model;
  const fail = (why: string): never => { throw new ModelError(why); };
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!positiveInt(spec.inputSize)) fail(`input size must be a positive whole number, got ${spec.inputSize}`);
  if (!(Number.isInteger(spec.numClasses) && spec.numClasses >= 2)) fail(`a model needs at least 2 classes, got ${spec.numClasses}`);
  if (layers.length !== spec.hidden.length + 1) {
    fail(`the architecture has ${spec.hidden.length + 1} dense layers but ${layers.length} weight sets are given`);
  }
  const features = spec.features && featureProblem(spec.features, spec.inputSize);
  if (features) fail(features);
  let inputs = spec.features ? featureSize(spec.features) : spec.inputSize;
  layers.forEach((layer, i) => {
    const last = i === layers.length - 1;
    const units = last ? spec.numClasses : spec.hidden[i].units;
    const activation = last ? 'none' : spec.hidden[i].activation;
    const where = `layer ${i + 1}`;
    if (layer.inputs !== inputs || layer.units !== units) fail(`${where} is ${layer.inputs}×${layer.units}, the architecture says ${inputs}×${units}`);
    if (layer.activation !== activation) fail(`${where} has activation ${layer.activation}, the architecture says ${activation}`);
    if (layer.w.length !== inputs * units) fail(`${where}: weights hold ${layer.w.length} values, expected ${inputs}×${units} = ${inputs * units}`);
    if (layer.b.length !== units) fail(`${where}: biases hold ${layer.b.length} values, expected ${units}`);
    const bad = firstNonFinite(layer.w) ?? firstNonFinite(layer.b);
    if (bad !== null) fail(`${where} contains ${bad} (training diverged?); such a model cannot be used`);
    inputs = units;
  });
  if (model.classNames.length !== spec.numClasses) fail(`${model.classNames.length} class names for ${spec.numClasses} classes`);
  const seen = new Set<string>();
  model.classNames.forEach((name, k) => {
    if (name.trim() === '') fail(`class ${k} has an empty name`);
    if (seen.has(name)) fail(`class name "${name}" appears twice`);
    seen.add(name);
  });
  const size = inputSizeOf(model.input);
  if (size !== spec.inputSize) fail(`the input has ${size} values but the first layer reads ${spec.inputSize}`);
  if (model.input.kind === 'image') {
    const { preprocessing: pre, normalization: norm } = model.input;
    if (norm.kind === 'mean-image' && norm.mean.length !== size) fail(`the mean image has ${norm.mean.length} values, the input has ${size}`);
    if (norm.kind === 'per-channel' && (norm.mean.length !== pre.channels || norm.std.length !== pre.channels)) {
      fail(`per-channel statistics are for ${norm.mean.length} channels, the input has ${pre.channels}`);
    }
  }
  if (model.training && !sameShape(model.training.model, spec)) fail('the training config describes a different model than the architecture');
  if (model.training && model.training.loss !== model.loss) fail(`the training config says loss ${model.training.loss}, the model says ${model.loss}`);
}

function sameShape(a: ModelSpec, b: ModelSpec): boolean {
  return a.inputSize === b.inputSize && a.numClasses === b.numClasses && a.hidden.length === b.hidden.length
    && JSON.stringify(a.features ?? null) === JSON.stringify(b.features ?? null)
    && a.hidden.every((h, i) => h.units === b.hidden[i].units && h.activation === b.hidden[i].activation);
}

function firstNonFinite(values: Float32Array): string | null {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return String(values[i]);
  return null;
}

/** "mlp 3072-100-10 relu" / "linear 3072-10" / "linear 2-polar-10": the shape in a few words. */
export function describeArchitecture(spec: ModelSpec): string {
  const sizes = [spec.inputSize, ...(spec.features ? [`${spec.features.kind}(${featureSize(spec.features)})`] : []), ...spec.hidden.map((h) => h.units), spec.numClasses].join('-');
  if (spec.hidden.length === 0) return `linear ${sizes}`;
  const acts = [...new Set(spec.hidden.map((h) => h.activation))];
  return `mlp ${sizes} ${acts.length === 1 ? acts[0] : spec.hidden.map((h) => h.activation).join(',')}`;
}

/** "32×32 RGB image, cover, per-channel normalisation" / "2 numbers". */
export function describeInput(input: ModelInput): string {
  if (input.kind === 'vector') return `${input.size} numbers`;
  const { preprocessing: p, normalization: n } = input;
  const norm = n.kind === 'scale' ? 'pixels / 255' : n.kind === 'mean-image' ? 'pixels / 255 minus the training mean image' : '(pixels / 255 − mean) / std per channel';
  return `${p.width}×${p.height} ${p.channels === 1 ? 'gray' : 'RGB'} image (${p.fit}), ${norm}`;
}
