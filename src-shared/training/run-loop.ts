import { sparsityOfAll } from '../analysis/histogram';
import { decodeTrainerState, encodeTrainerState } from '../engine/state';
import { Trainer } from '../engine/trainer';
import { referenceKernels, type Kernels } from '../engine/kernels';
import type { EpochReport, SampleSource } from '../engine/types';
import type { EpochMetrics, WeightSparsity } from './records';
import type { ControlMessage, FinalWorkerMessage, ProgressMessage, RunWorkerInput, SavedStateMessage, StepRow, WorkerMessage } from './messages';
import { encodeWeightsSnapshot } from './history';
import { runSources, runSplitCounts } from './run-data';
import { StepGate, type PaceMessage } from './pace';
import { HealthProbe } from './health-probe';
import { configAt, type CourseChange } from './course';

export interface RunLoopHost {
  /** sends a message to main; `state` buffers may be transferred */
  post(message: WorkerMessage): void;
  /** the latest control request from main, if any */
  request(): ControlMessage['type'] | null;
  /**
   * Resolves once main has acknowledged `count` checkpoints as stored (`checkpoint-stored`
   * messages), or as soon as a control request arrives.
   */
  checkpointsStored(count: number): Promise<void>;
  /** lets pending messages from main arrive (the loop calls it after each report, so at least every `progressIntervalMs`) */
  yieldToEvents(): Promise<void>;
  /** milliseconds, monotonic */
  now(): number;
  /** pace and step requests from main since the last call (none: always real time) */
  paceMessages?(): PaceMessage[];
  /** waits `ms` while control messages arrive (pacing a run that is held or slowed down) */
  sleep?(ms: number): Promise<void>;
  kernels?: Kernels;
  /** threads the kernels compute on (default 1), recorded for replay */
  threads?: number;
  /** each completed epoch as the trainer reports it (the CLI prints a line per epoch) */
  onEpoch?(report: EpochReport, trainer: Trainer): void;
}

/** How a session ended, and the trainer it ended with (null when the trainer could not be built). */
export interface RunSession {
  final: FinalWorkerMessage;
  trainer: Trainer | null;
}

/**
 * One run's training session inside a worker: trains step by step, reports progress at
 * most every `progressIntervalMs`, checkpoints the initial weights (epoch 0, on a fresh
 * start) and then every `checkpointEvery` epochs (spaced at least `checkpointMinIntervalMs`
 * apart; a checkpoint waits until main has stored the previous one, so a fast run never
 * gets more than one state ahead of the database), measures the weights' sparsity with each epoch's metrics,
 * obeys pause/cancel at the next mini-batch, and always ends by posting exactly one final message.
 * Everything main must write before a checkpoint (steps, epoch reports) is posted before
 * it, so a checkpoint in the database never runs ahead of its metrics.
 * The app's workers run it (src-main/training/run-worker.ts), and so does the CLI, in its own process.
 */
export async function runTrainingSession(input: RunWorkerInput, host: RunLoopHost): Promise<RunSession> {
  /** the trainer now (a change of course replaces it) */
  const session: { trainer: Trainer | null } = { trainer: null };
  const final = await (async () => {
    const sources = runSources(input.data);
    const { train, val, normalization } = sources;
    host.post({ type: 'kernels', runId: input.runId, kernel: (host.kernels ?? referenceKernels).name, threads: host.threads ?? 1 });
    host.post({ type: 'splits', runId: input.runId, splits: runSplitCounts(sources) });
    if (input.data.kind === 'images' && normalization) {
      const { dataset, preprocessing } = input.data;
      host.post({ type: 'input', runId: input.runId, input: { classNames: dataset.classNames, preprocessing, normalization } });
    }
    const state = input.state ? decodeTrainerState(input.state) : undefined;
    const course = [...(input.course ?? [])].sort((a, b) => a.step - b.step);
    session.trainer = new Trainer(configAt(input.config, course, state?.step ?? 0), train, val, { kernels: host.kernels, state });
    return trainUntilStopped(session as { trainer: Trainer }, { train, val }, course, input, host);
  })().catch((error: unknown): FinalWorkerMessage => ({ type: 'failed', runId: input.runId, error: describeError(error) }));
  host.post(final);
  return { final, trainer: session.trainer };
}

async function trainUntilStopped(session: { trainer: Trainer }, data: { train: SampleSource; val?: SampleSource }, course: readonly CourseChange[], input: RunWorkerInput, host: RunLoopHost): Promise<FinalWorkerMessage> {
  const { runId, config } = input;
  const { train, val } = data;
  let trainer = session.trainer;
  let health = new HealthProbe(trainer, val ?? train);
  /** course changes still ahead: each rebuilds the trainer from its exact state with the new settings */
  let pending = course.filter((c) => c.step > trainer.step);
  const stepsPerEpoch = Math.ceil(train.length / config.batchSize);
  const totalSteps = config.epochs * stepsPerEpoch;
  const sessionStart = host.now();
  const sessionFirstStep = trainer.step;
  let steps: StepRow[] = [];
  let epochReports: EpochMetrics[] = [];
  let lastReport = sessionStart;
  let lastCheckpoint = sessionStart;
  let lastThroughput = trainer.throughput;
  let samplesPerSecond = 0;
  /** step rows that may still be sent (a token bucket refilled at maxStepRowsPerSecond, holding a second's worth) */
  let rowAllowance = 0;
  const gate = new StepGate(input.pace);
  /** longest single wait while paced, so pause and cancel are still answered at once */
  const paceSliceMs = 25;

  /** Posts what happened since the last report; `last` flushes every pending step. */
  const report = (last = false) => {
    const now = host.now();
    const throughput = trainer.throughput;
    const seconds = throughput.seconds - lastThroughput.seconds;
    if (seconds > 0) samplesPerSecond = (throughput.samples - lastThroughput.samples) / seconds;
    const sessionSteps = trainer.step - sessionFirstStep;
    const rate = input.maxStepRowsPerSecond;
    rowAllowance = Math.min(rate, rowAllowance + (rate * (now - lastReport)) / 1000);
    // Out of rows for now: the steps wait for the next report (or are merged into one at the end).
    const rows = Math.floor(rowAllowance);
    let pending: StepRow[] = [];
    if (steps.length > rows) {
      if (rows > 0 || last) steps = mergeSteps(steps, Math.max(1, rows));
      else [pending, steps] = [steps, []];
    }
    rowAllowance = Math.max(0, rowAllowance - steps.length);
    const message: ProgressMessage = {
      type: 'progress', runId, epoch: trainer.epoch, epochs: config.epochs, step: trainer.step, stepsPerEpoch,
      trainSeconds: (now - lastReport) / 1000,
      samplesPerSecond,
      etaSeconds: sessionSteps > 0 ? (Math.max(0, totalSteps - trainer.step) * (now - sessionStart)) / sessionSteps / 1000 : null,
      steps, epochReports,
    };
    host.post(message);
    steps = pending;
    epochReports = [];
    lastReport = now;
    lastThroughput = throughput;
  };
  let checkpointsPosted = 0;
  const saved = <T extends SavedStateMessage['type']>(type: T) => ({ type, runId, ...savedState(trainer) });
  const postCheckpoint = async () => {
    await host.checkpointsStored(checkpointsPosted);
    if (host.request() !== null) return; // the loop answers it at once
    host.post(saved('checkpoint'));
    checkpointsPosted++;
    lastCheckpoint = host.now();
    await host.yieldToEvents();
  };

  // The weights training starts from, so an epoch scrubber can replay from the initialisation.
  // A resumed run has them already (and its state is no initialisation).
  if (input.state === null && input.checkpointEvery > 0 && !trainer.finished) await postCheckpoint();

  while (!trainer.finished) {
    const request = host.request();
    if (request === 'cancel') {
      report(true);
      return { type: 'cancelled', runId };
    }
    if (request === 'pause') {
      report(true);
      return saved('paused');
    }
    for (const message of host.paceMessages?.() ?? []) gate.apply(message);
    const wait = host.sleep ? gate.waitMs(host.now()) : 0;
    if (wait > 0) {
      // slowed down or held: what has been trained so far is shown while waiting
      if (steps.length > 0 || epochReports.length > 0) report(true);
      await host.sleep!(Math.min(wait, paceSliceMs));
      continue;
    }
    if ((trainer.step + 1) % stepsPerEpoch === 0) health.captureBefore();
    if (pending.length > 0 && pending[0].step === trainer.step) {
      trainer = new Trainer(configAt(config, course, trainer.step), train, val, { kernels: host.kernels, state: trainer.saveState() });
      session.trainer = trainer;
      health = new HealthProbe(trainer, val ?? train);
      lastThroughput = trainer.throughput;
      pending = pending.filter((c) => c.step > trainer.step);
    }
    const step = trainer.trainStep();
    const stepDone = gate.stepped(host.now(), step.epochEnd, stepsPerEpoch);
    steps.push({ epoch: step.epoch + 1, step: step.step, dataLoss: step.dataLoss, regLoss: step.regLoss, loss: step.loss, accuracy: step.accuracy });
    if (step.epochEnd || step.diverged) {
      const epochReport = trainer.epochReport();
      host.onEpoch?.(epochReport, trainer);
      const { epoch: _completed, diverged: _diverged, ...numbers } = epochReport;
      const weights = weightSparsity(trainer.layerWeights().map((layer) => layer.w));
      const layers = step.diverged ? null : health.measure();
      epochReports.push({ ...numbers, epoch: step.epochEnd ? trainer.epoch : trainer.epoch + 1, step: trainer.step, weights, ...(layers ? { health: layers } : {}) });
      const due = input.checkpointEvery > 0 && step.epochEnd && trainer.epoch % input.checkpointEvery === 0 && !trainer.finished
        && host.now() - lastCheckpoint >= input.checkpointMinIntervalMs;
      if (due) {
        report();
        await postCheckpoint();
        continue;
      }
    }
    if (stepDone || host.now() - lastReport >= input.progressIntervalMs) {
      report(stepDone);
      await host.yieldToEvents();
    }
  }
  report(true);
  return trainer.stopReason === 'diverged' ? saved('diverged') : saved('done');
}

/** The trainer's full resumable state and its float16 weights snapshot, as a saved-state message carries them. */
export function savedState(trainer: Trainer): Pick<SavedStateMessage, 'epoch' | 'step' | 'state' | 'snapshot'> {
  const state = trainer.saveState();
  return { epoch: trainer.epoch, step: trainer.step, state: encodeTrainerState(state), snapshot: encodeWeightsSnapshot(state) };
}

/** Exactly-zero and near-zero shares of the weight matrices `weights` (first layer first), over all and over the first. */
export function weightSparsity(weights: readonly ArrayLike<number>[]): WeightSparsity {
  const all = sparsityOfAll(weights);
  const first = sparsityOfAll(weights.slice(0, 1));
  return {
    zeroFraction: all.zeroFraction,
    nearZeroFraction: all.nearZeroFraction,
    firstLayerZeroFraction: first.zeroFraction,
    firstLayerNearZeroFraction: first.nearZeroFraction,
  };
}

/** `steps` as `count` rows, each the mean of a run of consecutive steps, labelled with the run's last step. */
export function mergeSteps(steps: StepRow[], count: number): StepRow[] {
  const merged: StepRow[] = [];
  for (let g = 0; g < count; g++) {
    const group = steps.slice(Math.floor((g * steps.length) / count), Math.floor(((g + 1) * steps.length) / count));
    const mean = (key: 'dataLoss' | 'regLoss' | 'loss' | 'accuracy') => group.reduce((sum, s) => sum + s[key], 0) / group.length;
    const last = group[group.length - 1];
    merged.push({ epoch: last.epoch, step: last.step, dataLoss: mean('dataLoss'), regLoss: mean('regLoss'), loss: mean('loss'), accuracy: mean('accuracy') });
  }
  return merged;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
