/**
 * `lab train --out FILE`: the model a Trainer holds, written as native JSON.
 */
import { statSync } from 'node:fs';
import type { ImagePreprocessing } from '../../src-shared/data/dataset';
import type { Normalization } from '../../src-shared/data/normalize';
import type { Trainer } from '../../src-shared/engine/trainer';
import type { EpochReport, LossReport, SampleSource } from '../../src-shared/engine/types';
import type { ModelInput, SplitMetrics, TrainedModel } from '../../src-shared/export/model';
import { ExportError, splitOutputPath } from './files';
import { APP_VERSION, exportModel, type ExportResult } from './service';

/** What the trainer does not know about its model. */
export interface TrainedModelInfo {
  name: string;
  classNames: string[];
  input: ModelInput;
  /** the last epoch's report, for the final metrics */
  lastEpoch?: EpochReport;
  /** loss and accuracy on the test split, when there is one */
  test?: LossReport;
}

/** The trainer's current weights with everything needed to use them. */
export function trainedModel(trainer: Trainer, info: TrainedModelInfo): TrainedModel {
  const split = (r: LossReport): SplitMetrics => ({ loss: finite(r.loss), accuracy: finite(r.accuracy), dataLoss: finite(r.dataLoss), regLoss: finite(r.regLoss) });
  return {
    name: info.name,
    architecture: trainer.config.model,
    loss: trainer.config.loss,
    classNames: info.classNames,
    input: info.input,
    layers: trainer.layerWeights(),
    training: trainer.config,
    metrics: {
      epochs: trainer.epoch,
      ...(info.lastEpoch ? { train: split(info.lastEpoch.train) } : {}),
      ...(info.lastEpoch?.val ? { val: split(info.lastEpoch.val) } : {}),
      ...(info.test ? { test: split(info.test) } : {}),
    },
    appVersion: APP_VERSION,
    createdAt: new Date().toISOString(),
    origin: null,
  };
}

/** Writes the trainer's model to `path` as native JSON (atomically). */
export async function writeTrainedModel(path: string, trainer: Trainer, info: TrainedModelInfo): Promise<ExportResult> {
  return exportModel(trainedModel(trainer, info), 'json', path);
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** What `lab train` knows about its data, as far as the model file needs it. */
export interface TrainingDataInfo {
  description: string;
  classNames: string[];
  inputSize: number;
  /** image sources: how files became inputs */
  imageInput?: { preprocessing: ImagePreprocessing; normalization: Normalization };
  test?: SampleSource;
}

/**
 * `lab train --out FILE`: checks FILE before any training (a plain name in an existing
 * folder), remembers the last epoch, and writes the model once training ends.
 */
export function modelOutput(path: string, data: TrainingDataInfo): { epoch(report: EpochReport): void; finish(trainer: Trainer): Promise<ExportResult> } {
  const { folder } = splitOutputPath(path);
  let info;
  try {
    info = statSync(folder);
  } catch {
    throw new ExportError(`--out ${path}: the folder ${folder} does not exist`);
  }
  if (!info.isDirectory()) throw new ExportError(`--out ${path}: ${folder} is not a folder`);
  let lastEpoch: EpochReport | undefined;
  return {
    epoch(report) {
      lastEpoch = report;
    },
    finish(trainer) {
      return writeTrainedModel(path, trainer, {
        name: data.description,
        classNames: data.classNames,
        input: data.imageInput ? { kind: 'image', ...data.imageInput } : { kind: 'vector', size: data.inputSize },
        lastEpoch,
        test: data.test ? trainer.evaluate(data.test) : undefined,
      });
    },
  };
}
