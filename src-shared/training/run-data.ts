import { stratifiedSplit } from '../data/split';
import { imageSource } from '../data/image-source';
import { fitNormalization, type Normalization } from '../data/normalize';
import { arraySource, denseSource, subsetSource } from '../engine/source';
import type { SampleSource } from '../engine/types';
import { makeToyDataset } from '../toy/datasets';
import type { WorkerData } from './messages';
import type { RunSplitCounts, SplitCount } from './records';
import { majorityBaseline } from '../analysis/baseline';

export interface RunSources {
  train: SampleSource;
  /** absent when the split holds out no validation samples */
  val?: SampleSource;
  /** image data: the statistics fitted on the training rows (a model file keeps them) */
  normalization?: Normalization;
  /** label k is classNames[k] */
  classNames: readonly string[];
}

/**
 * The training and validation samples of a run, rebuilt the same way every time (a
 * resumed run must see exactly the data it started with). Toy data is generated from its
 * seed and split by the run's split seed; image data arrives split, and its normalisation
 * statistics are fitted on the training rows only.
 */
export function runSources(data: WorkerData): RunSources {
  if (data.kind === 'toy') {
    const { toy, samples, noise, seed, classes } = data.spec;
    const points = makeToyDataset(toy, { samples, noise, seed, classes });
    const all = arraySource(points.x, points.labels, 2);
    const rows = stratifiedSplit(points.labels, { val: data.split.val, test: data.split.test }, data.split.seed);
    return { train: subsetSource(all, rows.train), val: rows.val.length > 0 ? subsetSource(all, rows.val) : undefined, classNames: points.classNames };
  }
  const normalization = fitNormalization(data.normalization, data.dataset, data.train);
  return {
    // normalised once into one buffer per split (up to denseSource's cap), so no epoch
    // normalises a pixel again
    train: denseSource(imageSource(data.dataset, data.train, normalization)),
    val: data.val.length > 0 ? denseSource(imageSource(data.dataset, data.val, normalization)) : undefined,
    normalization,
    classNames: data.dataset.classNames,
  };
}

/**
 * How many samples each split of a run holds and what always answering its most common
 * class scores: the numbers a run's accuracy is read against (a 66.7 % on a 6-image
 * validation split with 4 horses is no learning at all).
 */
export function runSplitCounts(sources: Pick<RunSources, 'train' | 'val' | 'classNames'>): RunSplitCounts {
  const count = (source: SampleSource): SplitCount => {
    const baseline = majorityBaseline(source.labels);
    return { samples: source.length, majorityClass: sources.classNames[baseline.classIndex] ?? `class ${baseline.classIndex}`, majorityAccuracy: baseline.accuracy };
  };
  return { train: count(sources.train), val: sources.val && sources.val.length > 0 ? count(sources.val) : null };
}
