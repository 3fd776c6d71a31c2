/**
 * The lab's size limits, in one table. The contract's schemas and the CLI's option parsers
 * both read them, so a request is refused with a message naming the limit before anything
 * large is allocated (a model whose weights, gradients and optimiser moments would not fit
 * in memory, an image size whose pixel buffers overflow a typed array, a toy set of 10⁹
 * points). The figures keep one training run of the largest allowed model well under 1 GB.
 */
import type { ModelSpec } from './engine/types';

export const LIMITS = {
  /** hidden layers of an MLP */
  hiddenLayers: 8,
  /** units in one hidden layer */
  unitsPerLayer: 4096,
  /**
   * weights + biases of one model. Training holds 4 float32 copies (weights, gradients,
   * two Adam moments) and a checkpoint as bytes and base64: 16 M parameters is ~400 MB.
   */
  parameters: 16_000_000,
  /** classes of a classifier */
  classes: 1000,
  /** image width or height after resizing, in pixels */
  imageSide: 256,
  /** smallest image side */
  minImageSide: 4,
  /** numbers per sample (256×256×3) */
  inputSize: 256 * 256 * 3,
  /** points of a generated toy dataset */
  toySamples: 100_000,
  /** images in one dataset (one float per pixel for each would pass 1 GB long before this at 32×32×3) */
  datasetImages: 1_000_000,
  /** bytes of decoded pixels of one dataset (uint8, samples × inputSize) */
  datasetPixelBytes: 768 * 2 ** 20,
  /** epochs of one run */
  epochs: 10_000,
  /** mini-batch size */
  batchSize: 65_536,
  /**
   * bytes of one model file read from disk: the largest allowed model is ~90 MB as JSON
   * (weights in base64), and JavaScript strings end near 512 MB, so a bigger text never decodes
   */
  modelFileBytes: 256 * 2 ** 20,
  /** bytes of one image file read from disk */
  imageFileBytes: 64 * 2 ** 20,
} as const;

/** Weights and biases of a fully connected model with these layer widths. */
export function parameterCount(model: Pick<ModelSpec, 'inputSize' | 'numClasses'> & { hidden: readonly { units: number }[] }): number {
  const widths = [model.inputSize, ...model.hidden.map((h) => h.units), model.numClasses];
  let total = 0;
  for (let i = 1; i < widths.length; i++) total += widths[i - 1] * widths[i] + widths[i];
  return total;
}

/** Why a model is too large for the lab, naming the limit; null if it fits. */
export function modelSizeProblem(model: Pick<ModelSpec, 'inputSize' | 'numClasses'> & { hidden: readonly { units: number }[] }): string | null {
  if (model.hidden.length > LIMITS.hiddenLayers) return `${model.hidden.length} hidden layers is more than the limit of ${LIMITS.hiddenLayers}`;
  const wide = model.hidden.find((h) => h.units > LIMITS.unitsPerLayer);
  if (wide) return `a hidden layer of ${wide.units.toLocaleString('en-US')} units is more than the limit of ${LIMITS.unitsPerLayer.toLocaleString('en-US')} units per layer`;
  if (model.inputSize > LIMITS.inputSize) return `an input of ${model.inputSize.toLocaleString('en-US')} numbers per sample is more than the limit of ${LIMITS.inputSize.toLocaleString('en-US')} (256×256×3)`;
  const parameters = parameterCount(model);
  if (parameters > LIMITS.parameters) {
    return `the model would have ${parameters.toLocaleString('en-US')} parameters, more than the limit of ${LIMITS.parameters.toLocaleString('en-US')} `
      + '(fewer or narrower hidden layers, or smaller images, bring it under)';
  }
  return null;
}

/** Why a dataset of `images` samples of `inputSize` numbers is too large to hold; null if it fits. */
export function datasetSizeProblem(images: number, inputSize: number): string | null {
  if (images > LIMITS.datasetImages) return `${images.toLocaleString('en-US')} images is more than the limit of ${LIMITS.datasetImages.toLocaleString('en-US')} per dataset`;
  const bytes = images * inputSize;
  if (bytes > LIMITS.datasetPixelBytes) {
    return `${images.toLocaleString('en-US')} images of ${inputSize.toLocaleString('en-US')} values need ${(bytes / 2 ** 20).toFixed(0)} MB of pixels, `
      + `more than the limit of ${LIMITS.datasetPixelBytes / 2 ** 20} MB per dataset (choose a smaller size or grayscale)`;
  }
  return null;
}
