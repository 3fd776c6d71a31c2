/**
 * `lab train`: trains one model on one source, printing a line per epoch and, with
 * --json, a summary object as the last line (fields as in docs/cli.md).
 */
import { randomUUID } from 'node:crypto';
import { flag, formatHelp, parseArgs, UsageError } from '../args';
import { openCliRun } from '../run-record';
import { impliedInputSize, loadTrainingData, outputOptions, sourceOptions } from '../data-options';
import { buildConfig, checkModelSize, DEFAULTS, describeModel, modelOptions, trainingOptions } from '../train-options';
import { divergenceMessage } from '../../../src-shared/engine/trainer';
import { runSplitCounts } from '../../../src-shared/training/run-data';
import { MIN_TRUSTED_VAL_SAMPLES, type RunSplitCounts } from '../../../src-shared/training/records';
import type { EpochReport, LayerWeights, LossReport, TrainConfig } from '../../../src-shared/engine/types';
import type { EpochTimes } from '../../../src-shared/engine/trainer';
import type { RunWorkerInput } from '../../../src-shared/training/messages';
import { modelOutput } from '../../models';
import { createNodeKernels } from '../../kernels';
import { trainInProcess } from '../../training';

export const summary = 'train a linear classifier or an MLP, printing a line per epoch';

/**
 * How the run loop reports a CLI run: the app's defaults for checkpoints (the initial
 * weights, then every epoch), every mini-batch as its own row (a CLI run has the machine to
 * itself), and the rows written at least once a second so the app sees the run move.
 */
const CLI_RUN_SETTINGS = { checkpointEvery: 1, checkpointMinIntervalMs: 0, maxStepRowsPerSecond: Infinity, progressIntervalMs: 1000 } satisfies Partial<RunWorkerInput>;

const outputFlags = { json: flag('print a summary JSON object as the last line') };
const specs = { ...sourceOptions, ...modelOptions, ...trainingOptions, ...outputFlags, ...outputOptions };

const HELP = formatHelp('npm run lab -- train <source> [model] [training] [--json] [--out FILE] [--db PATH]', [
  { title: 'source', specs: sourceOptions },
  { title: 'model', specs: modelOptions },
  { title: 'training', specs: trainingOptions },
  { title: 'output', specs: { ...outputFlags, ...outputOptions } },
]) + '\n\n--json: each split\'s "dataLoss" is the data loss alone, "regLoss" the penalty λR(W) (the same for every split: it is of the weights),'
  + '\nand "loss" their sum, the total. A line per epoch prints them the same way.'
  + '\n\nexample: npm run lab -- train --toy spiral --model mlp:100 --epochs 200 --lr 0.5';

/** The --json summary (docs/cli.md lists the required fields; the rest are extras). */
export interface TrainSummary {
  runId: string;
  /** epochs completed */
  epochs: number;
  /** training samples through forward+backward+update per second, data loading excluded */
  samplesPerSecond: number;
  train: LossSummary;
  val?: LossSummary;
  test?: LossSummary;
  /** all weight matrices, no biases */
  weights: WeightStats;
  /** the same per dense layer, first layer first */
  layers: WeightStats[];
  diverged: boolean;
  /** accuracy of always answering the training split's most common class: a run below it learnt nothing */
  majorityBaseline: { className: string; accuracy: number };
  /** each split's size and majority-class baseline (train's is majorityBaseline) */
  splits: RunSplitCounts;
  stopReason: string;
  /** wall-clock seconds of each epoch's parts: mini-batches, evaluation, recording (database, model file) */
  epochSeconds: EpochSeconds[];
  /** which kernels trained: native (BLAS) or wasm, and on how many threads */
  kernels: { path: string; name: string; threads: number };
  model: string;
  data: string;
  config: TrainConfig;
}

type EpochSeconds = EpochTimes & { record: number };

interface LossSummary { loss: number; accuracy: number; dataLoss: number; regLoss: number }
interface WeightStats { count: number; zeroFraction: number; nearZeroFraction: number }

export async function run(args: string[]): Promise<number> {
  const { options, positionals, help } = parseArgs(args, specs, 'train');
  if (help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for "train" (it takes only options; see lab train --help)`);

  // image features count pixel values in [0, 1]: centred or standardised pixels would fall outside their bins
  if ((options.features === 'color-histogram' || options.features === 'hog') && options.toy === undefined) {
    if (options.norm !== undefined && options.norm !== 'scale') throw new UsageError(`--features ${options.features} reads pixels scaled to [0,1]; use --norm scale (or leave --norm out)`);
    options.norm = 'scale';
  }
  // Refuse a model over the limits before any data is read or decoded.
  checkModelSize(options.model ?? [], impliedInputSize(options), 2);
  const data = await loadTrainingData(options, options.seed ?? DEFAULTS.seed);
  const config = buildConfig(options, { ...data, image: data.imageInput?.preprocessing });
  // --out FILE: checked now, written when training ends (native JSON)
  const modelFile = options.out !== undefined ? modelOutput(options.out, data) : null;
  // --db (default: the app's database): recorded as the app would rebuild the data.
  const record = await openCliRun(options.db, { name: data.description, config, data: data.recorded, split: data.split });
  // native BLAS when built (NEURAL_LAB_NATIVE=off turns it off), else WebAssembly SIMD, on
  // --threads threads (default: all cores on a two-core machine, else all but one)
  const kernels = await createNodeKernels({ threads: options.threads });

  const { optimizer, regularizer } = config;
  console.log(`training ${describeModel(config)} on ${data.description}: ${data.train.length} train / ${data.val?.length ?? 0} val samples, `
    + `${config.loss} loss, ${optimizer.kind} lr ${optimizer.lr}, batch ${config.batchSize}, reg ${describeRegularizer(config)}`
    + `${regularizer.proximal ? ' (proximal)' : ''}, seed ${config.seed}`);
  let last: EpochReport | undefined;
  const epochSeconds: EpochSeconds[] = [];
  let recordSeconds = 0;
  let session;
  try {
    session = await trainInProcess({ runId: record?.runId ?? 1, config, data: data.samples, state: null, ...CLI_RUN_SETTINGS }, {
      kernels,
      post: (message) => {
        const recording = performance.now();
        record?.record(message);
        recordSeconds += (performance.now() - recording) / 1000;
      },
      onEpoch: (report, epochTrainer) => {
        epochSeconds.push({ ...epochTrainer.lastEpochTimes, record: recordSeconds });
        recordSeconds = 0;
        last = report;
        modelFile?.epoch(report);
        console.log(formatEpoch(report, config.epochs));
      },
    });
  } finally {
    record?.close();
  }
  const { final, trainer } = session;
  if (final.type === 'failed' || !trainer) throw new Error(final.type === 'failed' ? final.error : 'training ended without a trainer');
  if (trainer.stopReason === 'diverged') {
    console.log(`stopped: ${divergenceMessage(trainer.step)}: --lr ${Number((config.optimizer.lr / 10).toPrecision(2))}`);
  }
  const written = await modelFile?.finish(trainer);
  if (written) console.log(`model written to ${written.file.path}`);
  // the numbers the app shows next to a run's accuracy (the same rule, src-shared/training/run-data.ts)
  const splits = runSplitCounts(data);
  if (last && last.train.accuracy <= splits.train.majorityAccuracy) {
    console.log(`warning: train accuracy ${(100 * last.train.accuracy).toFixed(1)}% is no better than always answering "${splits.train.majorityClass}" (${(100 * splits.train.majorityAccuracy).toFixed(1)}%)`);
  }
  if (splits.val && splits.val.samples < MIN_TRUSTED_VAL_SAMPLES) {
    console.log(`warning: only ${splits.val.samples} validation samples: validation accuracy moves in steps of ${(100 / splits.val.samples).toFixed(1)} points (use ${MIN_TRUSTED_VAL_SAMPLES} or more)`);
  }

  if (options.json) {
    const { samples, seconds } = trainer.throughput;
    const result: TrainSummary = {
      runId: record ? String(record.runId) : randomUUID(),
      epochs: trainer.epoch,
      samplesPerSecond: seconds > 0 ? samples / seconds : 0,
      train: lossSummary(last?.train ?? trainer.evaluate(data.train)),
      ...(last?.val ? { val: lossSummary(last.val) } : {}),
      ...(data.test ? { test: lossSummary(trainer.evaluate(data.test)) } : {}),
      weights: weightStats(trainer.layerWeights()),
      layers: trainer.layerWeights().map((layer) => weightStats([layer])),
      diverged: trainer.stopReason === 'diverged',
      majorityBaseline: { className: splits.train.majorityClass, accuracy: splits.train.majorityAccuracy },
      splits,
      stopReason: trainer.stopReason ?? 'done',
      epochSeconds: epochSeconds.map((e) => ({ train: round4(e.train), evaluate: round4(e.evaluate), record: round4(e.record) })),
      kernels: { path: kernels.path, name: kernels.name, threads: kernels.threads },
      model: describeModel(config),
      data: data.description,
      config,
    };
    console.log(JSON.stringify(result));
  }
  kernels.close();
  return 0;
}

const round4 = (x: number) => Number(x.toFixed(4));

/**
 * One epoch as a line. Each number says what it is, as the app's cards do: the data loss
 * and the penalty λR(W) apart, and their sum only where it is called the total.
 */
function formatEpoch(report: EpochReport, epochs: number): string {
  const width = String(epochs).length;
  const accuracy = (r: LossReport) => `acc ${(100 * r.accuracy).toFixed(1)}%`;
  const parts = [
    `epoch ${String(report.epoch).padStart(width)}/${epochs}`,
    `data loss ${report.train.dataLoss.toFixed(4)} + penalty λR(W) ${report.train.regLoss.toFixed(4)} = total ${report.train.loss.toFixed(4)}  ${accuracy(report.train)}`,
  ];
  if (report.val) parts.push(`val data loss ${report.val.dataLoss.toFixed(4)}  ${accuracy(report.val)}`);
  parts.push(`lr ${Number(report.lr.toPrecision(4))}`, `${Math.round(report.samplesPerSecond)} samples/s`);
  return parts.join('  |  ');
}

function describeRegularizer({ regularizer: r }: TrainConfig): string {
  switch (r.kind) {
    case 'none': return 'none';
    case 'l1': return `l1:${r.l1}`;
    case 'l2': return `l2:${r.l2}`;
    case 'elastic': return `elastic:${r.l1},${r.l2}`;
  }
}

function lossSummary(r: LossReport): LossSummary {
  return { loss: r.loss, accuracy: r.accuracy, dataLoss: r.dataLoss, regLoss: r.regLoss };
}

/** Share of weights exactly zero and with |w| < 1e-3, over the given layers' weight matrices. */
function weightStats(layers: LayerWeights[]): WeightStats {
  let count = 0, zero = 0, nearZero = 0;
  for (const { w } of layers) {
    count += w.length;
    for (let i = 0; i < w.length; i++) {
      if (w[i] === 0) zero++;
      if (Math.abs(w[i]) < 1e-3) nearZero++;
    }
  }
  return { count, zeroFraction: count ? zero / count : 0, nearZeroFraction: count ? nearZero / count : 0 };
}
