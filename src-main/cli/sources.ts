/**
 * Where `lab train` gets its data and where its results go: the source options (--toy,
 * --data, --idx, …), the train/val/test split, and the outputs (--out, --db). Toy data
 * works now; image sources, the database and model files arrive with their own issues
 * and until then stop with a clear message.
 */
import { randomUUID } from 'node:crypto';
import { bad, choice, custom, flag, number, parseNumber, text, UsageError, type ParsedOptions } from './args';
import { stratifiedSplit } from '../../src-shared/data/split';
import { arraySource, subsetSource } from '../../src-shared/engine/source';
import type { EpochReport, SampleSource, TrainConfig } from '../../src-shared/engine/types';
import type { Trainer } from '../../src-shared/engine/trainer';
import { defaultToyNoise, makeToyDataset, TOY_KINDS, toyHasClassCount } from '../../src-shared/toy/datasets';

export const DEFAULT_SAMPLES = 300;
export const DEFAULT_VAL_SPLIT = 0.1;

export const sourceOptions = {
  toy: choice(TOY_KINDS, 'a generated 2-D dataset'),
  samples: number('N', `toy: number of points (default ${DEFAULT_SAMPLES})`, { integer: true, min: 2 }),
  noise: number('X', `toy: noise (default ${TOY_KINDS.map((k) => `${k} ${defaultToyNoise(k)}`).join(', ')})`, { min: 0 }),
  classes: number('K', 'toy: spiral arms / blobs (default 3)', { integer: true, min: 2, max: 100 }),
  data: text('FOLDER', 'images, one subfolder per class (or FOLDER/train/<class>, FOLDER/test/<class>)'),
  idx: custom(['IMAGES.gz', 'LABELS.gz'], 'MNIST / Fashion-MNIST training files', (values) => ({ images: values[0], labels: values[1] })),
  'test-idx': custom(['IMAGES.gz', 'LABELS.gz'], 'MNIST / Fashion-MNIST test files', (values) => ({ images: values[0], labels: values[1] })),
  size: custom(['WxH'], 'images: resize to W×H pixels (default 32x32)', ([value], option) => {
    const match = /^(\d+)x(\d+)$/.exec(value);
    const width = match ? Number(match[1]) : 0;
    const height = match ? Number(match[2]) : 0;
    if (!(width >= 1 && height >= 1 && width <= 4096 && height <= 4096)) throw bad(option, 'WIDTHxHEIGHT, e.g. 32x32', value);
    return { width, height };
  }),
  gray: flag('images: convert to grayscale'),
  'val-split': custom(['F'], `share of the training data held out for validation, 0 ≤ F < 1 (default ${DEFAULT_VAL_SPLIT})`,
    ([value], option) => parseNumber(value, option, { min: 0, max: 1, exclusiveMax: true })),
};

export const outputOptions = {
  out: text('FILE', 'write the trained model as native JSON'),
  db: text('PATH', 'record the run in this SQLite database'),
};

export type SourceOptions = ParsedOptions<typeof sourceOptions>;
export type OutputOptions = ParsedOptions<typeof outputOptions>;

export interface TrainingData {
  /** e.g. "spiral (3 classes, noise 0.2)" */
  description: string;
  train: SampleSource;
  val?: SampleSource;
  test?: SampleSource;
  inputSize: number;
  numClasses: number;
  classNames: string[];
}

const IMAGE_ONLY = ['size', 'gray', 'test-idx'] as const;
const TOY_ONLY = ['samples', 'noise', 'classes'] as const;

/** Loads the chosen source and splits off validation data (stratified, seeded). */
export async function loadTrainingData(options: SourceOptions, seed: number): Promise<TrainingData> {
  const chosen = (['toy', 'data', 'idx'] as const).filter((name) => options[name] !== undefined);
  if (chosen.length === 0) throw new UsageError('no data source: give --toy KIND, --data FOLDER or --idx IMAGES.gz LABELS.gz');
  if (chosen.length > 1) throw new UsageError(`choose one data source, not ${chosen.map((c) => `--${c}`).join(' and ')}`);
  if (options['test-idx'] !== undefined && options.idx === undefined) throw new UsageError('--test-idx goes with --idx');

  if (options.toy !== undefined) {
    const imageOnly = IMAGE_ONLY.find((name) => options[name] !== undefined);
    if (imageOnly) throw new UsageError(`--${imageOnly} applies to image sources, not --toy`);
    if (options.classes !== undefined && !toyHasClassCount(options.toy)) {
      throw new UsageError(`--classes applies to spiral and blobs; ${options.toy} always has 2 classes`);
    }
    const noise = options.noise ?? defaultToyNoise(options.toy);
    const toy = makeToyDataset(options.toy, { samples: options.samples ?? DEFAULT_SAMPLES, noise, classes: options.classes, seed });
    const all = arraySource(toy.x, toy.labels, 2);
    return {
      description: `${options.toy} (${toy.numClasses} classes, noise ${noise})`,
      ...splitOff(all, options['val-split'] ?? DEFAULT_VAL_SPLIT, seed),
      inputSize: 2,
      numClasses: toy.numClasses,
      classNames: toy.classNames,
    };
  }

  const toyOnly = TOY_ONLY.find((name) => options[name] !== undefined);
  if (toyOnly) throw new UsageError(`--${toyOnly} applies to --toy only`);
  throw new UsageError(`--${chosen[0]} is not available yet: image datasets arrive with their own issue (use --toy for now)`);
}

function splitOff(all: SampleSource, valFraction: number, seed: number): { train: SampleSource; val?: SampleSource } {
  if (valFraction === 0) return { train: all };
  const split = stratifiedSplit(all.labels, { val: valFraction }, seed);
  if (split.train.length === 0) throw new UsageError(`--val-split ${valFraction} leaves no training data`);
  return { train: subsetSource(all, split.train), val: split.val.length > 0 ? subsetSource(all, split.val) : undefined };
}

/** What a run reports to its outputs as it goes. */
export interface RunOutputs {
  /** the run's id: the database's once --db is available, a generated one until then */
  readonly runId: string;
  epoch(report: EpochReport): void;
  /** after training: write the model (--out), close the run record (--db) */
  finish(trainer: Trainer): Promise<void>;
}

export async function openRunOutputs(options: OutputOptions, _config: TrainConfig, _data: TrainingData): Promise<RunOutputs> {
  if (options.db !== undefined) throw new UsageError('--db is not available yet: the experiment database arrives with its own issue');
  if (options.out !== undefined) throw new UsageError('--out is not available yet: model export arrives with its own issue');
  return {
    runId: randomUUID(),
    epoch: () => {},
    finish: async () => {},
  };
}
