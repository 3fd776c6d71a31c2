import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImageDataset } from '../../src-shared/data/dataset';
import type { SplitIndices } from '../../src-shared/data/split';
import type { RegularizerSpec, TrainConfig } from '../../src-shared/engine/types';
import {
  workerMessageSchema,
  isFinalMessage,
  type ControlMessage,
  type FinalWorkerMessage,
  type MainToWorkerMessage,
  type ProgressMessage,
  type RunFinishedEvent,
  type RunProgressEvent,
  type RunWorkerInput,
  type SharedImageDataset,
  type TrainingEvents,
  type WorkerData,
} from '../../src-shared/training/messages';
import { RESUMABLE_RUN_STATUSES, type RunDataSpec, type RunRecord, type RunSplitSpec, type RunStatus } from '../../src-shared/training/records';
import { StoreError, type LabStore } from '../store';
import { diskWriteProblem } from '../store/write-errors';
import { RunRecorder } from './recorder';

/** What to train. The split defaults to 10% validation, seeded by the config's seed. */
export interface RunSpec {
  experimentId?: number | null;
  name?: string;
  config: TrainConfig;
  data: RunDataSpec;
  split?: RunSplitSpec;
}

/** An image dataset from the store, decoded, with the rows of each split. */
export interface LoadedDataset {
  dataset: ImageDataset;
  splits: SplitIndices;
}

/** Supplied by the dataset service: loads dataset `datasetId` of the store and splits it. */
export type DatasetLoader = (datasetId: number, split: RunSplitSpec) => Promise<LoadedDataset>;

/** Starts the thread that trains one run; the default runs `script` with `input` as workerData. */
export type WorkerSpawner = (script: string | URL, input: RunWorkerInput) => Worker;

export interface TrainingServiceOptions {
  /** runs training at once (default: cores − 1, at least 1) */
  maxConcurrent?: number;
  /**
   * The worker entry (run-worker.ts). Default: the source file next to this module,
   * which needs tsx; a production build passes its bundled file (electron-vite `?modulePath`).
   */
  workerScript?: string | URL;
  spawnWorker?: WorkerSpawner;
  /** required to train on image datasets (dataset kind 'dataset') */
  loadDataset?: DatasetLoader;
  /**
   * checkpoint after every this many epochs (default 1: every epoch), plus the initial
   * weights as epoch 0 when a run starts fresh (not on resume), so a run of E epochs keeps
   * E + 1 states, epochs 0…E, for the epoch scrubbers. 0: only when a run ends or pauses.
   */
  checkpointEvery?: number;
  /**
   * …and an epoch's at most once per this many milliseconds (default 0: no spacing). A
   * state holds the weights and the optimiser's slots: ~2 KB for a small toy MLP, ~630 KB
   * for 784-100-10 with momentum. A larger value thins the checkpoints of fast runs.
   */
  checkpointMinIntervalMs?: number;
  /** progress events per run at most this often (default 50 ms, i.e. ≤ 20 a second) */
  progressIntervalMs?: number;
  /**
   * Per-step ('batch') metric rows recorded per run, at most this many a second (default
   * 200; Infinity: every mini-batch). Faster runs (toy data does ~10,000 steps a second)
   * record means over consecutive mini-batches, which keeps main's writes to a few
   * milliseconds a second per run.
   */
  maxStepRowsPerSecond?: number;
  /** how long a worker has to answer pause or cancel before it is terminated (default 10 s) */
  stopTimeoutMs?: number;
}

type Listener<K extends keyof TrainingEvents> = (event: TrainingEvents[K]) => void;

/** A run that holds a worker slot: from leaving the queue until its worker has exited. */
interface ActiveRun {
  runId: number;
  recorder: RunRecorder;
  worker: Worker | null;
  /** what the user asked of it last */
  request: ControlMessage['type'] | null;
  /** resume as soon as the requested pause has landed */
  resumeAfterPause: boolean;
  /** the final message (or the failure standing in for one) has been recorded */
  ended: boolean;
  /** the `finished` event once emitted: waitFor answers with it while the worker is still exiting */
  finishedEvent: RunFinishedEvent | null;
  datasetKey: string | null;
  stopTimer: NodeJS.Timeout | null;
  lastEmit: number;
  pendingProgress: RunProgressEvent | null;
  progressTimer: NodeJS.Timeout | null;
  lastProgress: RunProgressEvent | null;
  exited: Promise<void>;
  markExited: () => void;
}

/** Default concurrency: leave one core to the UI and main. */
export function defaultMaxConcurrent(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Default twins: the run's own strength (or 1e-3) as L1 with the proximal step (exact zeros), and as L2. */
export function defaultTwinRegularizers(config: TrainConfig): [RegularizerSpec, RegularizerSpec] {
  const strength = config.regularizer.l1 || config.regularizer.l2 || 1e-3;
  return [
    { kind: 'l1', l1: strength, l2: 0, proximal: true },
    { kind: 'l2', l1: 0, l2: strength, proximal: false },
  ];
}

/**
 * Runs training in the background: a FIFO queue feeding at most `maxConcurrent` worker
 * threads, one run each. Main is the only database writer: workers post messages and
 * the service records them (RunRecorder). Every run's last event is `finished`.
 */
export class TrainingService {
  readonly maxConcurrent: number;
  private readonly workerScript: string | URL;
  private readonly spawnWorker: WorkerSpawner;
  private readonly checkpointEvery: number;
  private readonly checkpointMinIntervalMs: number;
  private readonly progressIntervalMs: number;
  private readonly maxStepRowsPerSecond: number;
  private readonly stopTimeoutMs: number;
  /** waiting runs, in order; twins wait and start as one unit */
  private readonly queue: number[][] = [];
  private readonly active = new Map<number, ActiveRun>();
  private readonly datasets = new Map<string, { payload: Promise<{ dataset: SharedImageDataset; splits: SplitIndices }>; users: number }>();
  private readonly listeners: { [K in keyof TrainingEvents]: Set<Listener<K>> } = { progress: new Set(), finished: new Set(), status: new Set() };
  private closing = false;
  /** runs whose failure could not be written (full disk): still 'running' in the database until resume or delete records it */
  private readonly unrecordedFailures = new Map<number, string>();

  constructor(private readonly store: LabStore, private readonly options: TrainingServiceOptions = {}) {
    const max = options.maxConcurrent ?? defaultMaxConcurrent();
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`maxConcurrent must be a whole number ≥ 1, got ${max}`);
    this.maxConcurrent = max;
    this.workerScript = options.workerScript ?? new URL('./run-worker.ts', import.meta.url);
    this.spawnWorker = options.spawnWorker ?? spawnRunWorker;
    this.checkpointEvery = options.checkpointEvery ?? 1;
    this.checkpointMinIntervalMs = options.checkpointMinIntervalMs ?? 0;
    this.progressIntervalMs = options.progressIntervalMs ?? 50;
    this.maxStepRowsPerSecond = options.maxStepRowsPerSecond ?? 200;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  }

  // ── subscriptions ───────────────────────────────────────────────────────────────

  /** Subscribes to `progress`, `status` or `finished` events; returns the unsubscribe function. */
  on<K extends keyof TrainingEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners[name] as Set<Listener<K>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Resolves with the run's next `finished` event; at once with its status if this service is not training it. */
  waitFor(runId: number): Promise<RunFinishedEvent> {
    const run = this.store.requireRun(runId);
    if (!this.active.has(runId) && !this.queue.some((unit) => unit.includes(runId))) {
      if (run.status === 'queued' || run.status === 'running') {
        return Promise.reject(new StoreError(`run ${runId} is ${run.status} but not in this service's queue (recover() puts queued runs back)`));
      }
      return Promise.resolve({ runId, status: run.status, error: run.error });
    }
    // Its end was already announced and the worker is only exiting: no `finished` is coming.
    const ended = this.active.get(runId)?.finishedEvent;
    if (ended && !this.active.get(runId)!.resumeAfterPause) return Promise.resolve(ended);
    return new Promise((resolve) => {
      const off = this.on('finished', (event) => {
        if (event.runId !== runId) return;
        off();
        resolve(event);
      });
    });
  }

  /** Resolves when nothing is queued or training. */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0) {
      await Promise.all([...this.active.values()].map((a) => a.exited));
    }
  }

  private emit<K extends keyof TrainingEvents>(name: K, event: TrainingEvents[K]): void {
    for (const listener of [...this.listeners[name]] as Listener<K>[]) {
      try {
        listener(event);
      } catch (error) {
        // A subscriber's bug must not stop training or recording.
        console.error(`training service: a '${name}' listener threw:`, error);
      }
    }
  }

  // ── commands ────────────────────────────────────────────────────────────────────

  /** Queues a run; it starts when a worker slot is free. */
  start(spec: RunSpec): RunRecord {
    const run = this.createRun(spec, spec.config, null, spec.name ?? '');
    this.enqueue([run.id]);
    return this.store.requireRun(run.id);
  }

  /**
   * The same config, seed, data and split twice, with two regularisers (default L1 vs L2),
   * queued as one unit so they train side by side: they start together when two slots
   * are free, or, with a single slot, together once nothing else is training.
   */
  startTwins(spec: RunSpec, regularizers: [RegularizerSpec, RegularizerSpec] = defaultTwinRegularizers(spec.config)): { twinGroup: string; runs: [RunRecord, RunRecord] } {
    const twinGroup = randomUUID();
    const base = spec.name?.trim() || 'twins';
    const ids = regularizers.map((regularizer) =>
      this.createRun(spec, { ...spec.config, regularizer }, twinGroup, `${base} · ${regularizer.kind.toUpperCase()}`).id,
    );
    this.enqueue(ids);
    return { twinGroup, runs: [this.store.requireRun(ids[0]), this.store.requireRun(ids[1])] };
  }

  /**
   * Pauses a run: a training one saves its exact state (mid-epoch) and gives up its
   * slot; a queued one leaves the queue.
   */
  pause(runId: number): RunRecord {
    const run = this.store.requireRun(runId);
    const active = this.active.get(runId);
    if (active) {
      active.resumeAfterPause = false;
      if (!active.ended && active.request === null) this.request(active, 'pause');
    } else if (this.dequeue(runId) || run.status === 'queued') {
      this.changeStatus(runId, 'paused');
      this.emit('finished', { runId, status: 'paused', error: null });
    } else {
      throw new StoreError(`run ${runId} is ${run.status}; only queued or training runs can be paused`);
    }
    return this.store.requireRun(runId);
  }

  /** Continues a paused, interrupted or failed run from its last saved state (queued first). */
  resume(runId: number): RunRecord {
    const run = this.store.requireRun(runId);
    const active = this.active.get(runId);
    if (active) {
      // Its worker is still winding down: resume once it has gone.
      const willStop = active.ended ? RESUMABLE_RUN_STATUSES.includes(run.status) : active.request === 'pause';
      if (!willStop) throw new StoreError(active.ended ? `run ${runId} is ${run.status} and cannot be resumed` : `run ${runId} is already training`);
      active.resumeAfterPause = true;
      return run;
    }
    this.recordUnrecordedFailure(runId);
    try {
      this.store.prepareResume(runId);
    } catch (error) {
      const disk = diskWriteProblem(error, this.store.path, runId, false);
      if (disk) throw new StoreError(disk, { cause: error });
      throw error;
    }
    this.emit('status', { runId, status: 'queued', error: null });
    this.enqueue([runId]);
    return this.store.requireRun(runId);
  }

  /** Stops a run for good. A queued, paused or interrupted run is just marked cancelled. */
  cancel(runId: number): RunRecord {
    const active = this.active.get(runId);
    if (active) active.resumeAfterPause = false;
    if (active && !active.ended) {
      if (active.request !== 'cancel') this.request(active, 'cancel');
      return this.store.requireRun(runId);
    }
    const run = this.store.requireRun(runId);
    if (this.dequeue(runId) || ['queued', 'paused', 'interrupted'].includes(run.status)) {
      this.changeStatus(runId, 'cancelled');
      this.emit('finished', { runId, status: 'cancelled', error: null });
    } else {
      throw new StoreError(`run ${runId} is ${run.status} and cannot be cancelled`);
    }
    return this.store.requireRun(runId);
  }

  /** Writes the failure of a run whose end could not be recorded (full disk); a StoreError says why if it still cannot. */
  private recordUnrecordedFailure(runId: number): void {
    const error = this.unrecordedFailures.get(runId);
    if (error === undefined) return;
    try {
      this.store.finishRun(runId, 'failed', { error });
    } catch (writeError) {
      throw new StoreError(diskWriteProblem(writeError, this.store.path, runId, false) ?? `cannot record run ${runId}'s failure: ${(writeError as Error).message}`, { cause: writeError });
    }
    this.unrecordedFailures.delete(runId);
  }

  /** Deletes a run with all it recorded, cancelling it first if it is training. */
  async deleteRun(runId: number): Promise<boolean> {
    await this.stopRuns([runId]);
    this.unrecordedFailures.delete(runId);
    return this.store.deleteRun(runId);
  }

  /** Deletes an experiment with all its runs, cancelling those still training. */
  async deleteExperiment(experimentId: number): Promise<boolean> {
    const runs = this.store.listRuns({ experimentId }).map((r) => r.id);
    await this.stopRuns(runs);
    return this.store.deleteExperiment(experimentId);
  }

  private async stopRuns(runIds: number[]): Promise<void> {
    for (const id of runIds) this.dequeue(id);
    const training = runIds.map((id) => this.active.get(id)).filter((a): a is ActiveRun => a !== undefined);
    for (const active of training) {
      active.resumeAfterPause = false;
      if (!active.ended && active.request !== 'cancel') this.request(active, 'cancel');
    }
    await Promise.all(training.map((a) => a.exited));
  }

  /**
   * At app start: runs a crash left 'running' become 'interrupted' (resumable), and runs
   * still 'queued' go back into the queue in the order they were created.
   */
  recover(): { interrupted: number[]; queued: number[] } {
    const interrupted = this.store.recoverInterruptedRuns();
    for (const runId of interrupted) {
      const run = this.store.requireRun(runId);
      this.emit('status', { runId, status: 'interrupted', error: run.error });
      this.emit('finished', { runId, status: 'interrupted', error: run.error });
    }
    const waiting = this.store.listRuns({ status: ['queued'], sort: 'createdAt', descending: false })
      .filter((r) => !this.active.has(r.id) && !this.queue.some((unit) => unit.includes(r.id)));
    const units: number[][] = [];
    for (const run of waiting) {
      const twinUnit = run.twinGroup ? units.find((u) => this.store.getRun(u[0])?.twinGroup === run.twinGroup) : undefined;
      if (twinUnit) twinUnit.push(run.id);
      else units.push([run.id]);
    }
    for (const unit of units) this.enqueue(unit);
    return { interrupted, queued: waiting.map((r) => r.id) };
  }

  /**
   * For quitting: pauses every training run (their exact state is saved, so they resume
   * where they were) and waits for the workers to exit. Queued runs stay queued in the
   * database for `recover` on the next start.
   */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.queue.length = 0;
    for (const active of this.active.values()) {
      active.resumeAfterPause = false;
      if (!active.ended && active.request === null) this.request(active, 'pause');
    }
    await Promise.all([...this.active.values()].map((a) => a.exited));
  }

  /** Runs holding a worker slot, and runs waiting for one, in queue order. */
  snapshot(): { training: number[]; queued: number[] } {
    return { training: [...this.active.keys()], queued: this.queue.flat() };
  }

  // ── queue ───────────────────────────────────────────────────────────────────────

  private createRun(spec: RunSpec, config: TrainConfig, twinGroup: string | null, name: string): RunRecord {
    const run = this.store.createRun({
      experimentId: spec.experimentId ?? null,
      name,
      config,
      data: spec.data,
      split: spec.split ?? { val: 0.1, test: 0, seed: config.seed },
      twinGroup,
    });
    this.emit('status', { runId: run.id, status: 'queued', error: null });
    return run;
  }

  private enqueue(unit: number[]): void {
    if (this.closing) return;
    this.queue.push(unit);
    this.schedule();
  }

  private dequeue(runId: number): boolean {
    for (let i = 0; i < this.queue.length; i++) {
      const at = this.queue[i].indexOf(runId);
      if (at < 0) continue;
      this.queue[i].splice(at, 1);
      if (this.queue[i].length === 0) this.queue.splice(i, 1);
      return true;
    }
    return false;
  }

  /** Starts queued units in order while they fit; a unit larger than the limit starts on an idle service. */
  private schedule(): void {
    while (!this.closing && this.queue.length > 0) {
      const unit = this.queue[0];
      if (this.active.size > 0 && this.active.size + unit.length > this.maxConcurrent) return;
      this.queue.shift();
      for (const runId of unit) this.launch(runId);
    }
  }

  // ── one run ─────────────────────────────────────────────────────────────────────

  private launch(runId: number): void {
    try {
      this.changeStatus(runId, 'running');
    } catch (error) {
      // Deleted or changed behind the queue's back: nothing to train.
      console.error(`training service: run ${runId} cannot start:`, (error as Error).message);
      return;
    }
    let markExited!: () => void;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const active: ActiveRun = {
      runId, recorder: new RunRecorder(this.store, runId), worker: null, request: null, resumeAfterPause: false, ended: false, finishedEvent: null,
      datasetKey: null, stopTimer: null, lastEmit: 0, pendingProgress: null, progressTimer: null, lastProgress: null, exited, markExited,
    };
    this.active.set(runId, active);
    void this.startWorker(active).catch((error: unknown) => {
      this.end(active, 'failed', `could not start training: ${(error as Error).message}`);
      this.release(active);
    });
  }

  private async startWorker(active: ActiveRun): Promise<void> {
    const run = this.store.requireRun(active.runId);
    const data = await this.workerData(active, run);
    // Paused or cancelled while the data was loading: end without ever training.
    if (active.request !== null) {
      this.end(active, active.request === 'cancel' ? 'cancelled' : 'paused', null);
      return this.release(active);
    }
    const input: RunWorkerInput = {
      runId: run.id,
      config: run.config,
      data,
      state: this.store.latestCheckpoint(run.id)?.state ?? null,
      checkpointEvery: this.checkpointEvery,
      checkpointMinIntervalMs: this.checkpointMinIntervalMs,
      progressIntervalMs: this.progressIntervalMs,
      maxStepRowsPerSecond: this.maxStepRowsPerSecond,
    };
    const worker = this.spawnWorker(this.workerScript, input);
    active.worker = worker;
    worker.on('message', (message: unknown) => this.onMessage(active, message));
    worker.on('error', (error: Error) => this.end(active, 'failed', `the training worker crashed: ${error.message}`));
    worker.on('exit', (code) => {
      // Gone without a final message: terminated (after a stop request that went unanswered), killed or out of memory.
      if (active.request === 'cancel') this.end(active, 'cancelled', null);
      else if (active.request === 'pause') this.end(active, 'interrupted', 'the worker did not pause in time; resume continues from the last checkpoint');
      else this.end(active, 'failed', `the training worker stopped unexpectedly (exit code ${code}) before finishing`);
      this.release(active);
    });
  }

  private async workerData(active: ActiveRun, run: RunRecord): Promise<WorkerData> {
    if (run.data.kind === 'toy') return { kind: 'toy', spec: run.data, split: run.split };
    const { datasetId, normalisation } = run.data;
    const load = this.options.loadDataset;
    if (!load) throw new Error('this service has no dataset loader, so it can only train on toy data');
    const key = `${datasetId}:${JSON.stringify(run.split)}`;
    let entry = this.datasets.get(key);
    if (!entry) {
      entry = { payload: load(datasetId, run.split).then(({ dataset, splits }) => ({ dataset: shareDataset(dataset), splits })), users: 0 };
      this.datasets.set(key, entry);
      entry.payload.catch(() => this.datasets.delete(key));
    }
    entry.users++;
    active.datasetKey = key;
    const { dataset, splits } = await entry.payload;
    return { kind: 'images', dataset, train: splits.train, val: splits.val, normalisation };
  }

  private request(active: ActiveRun, type: ControlMessage['type']): void {
    active.request = type;
    if (!active.worker) return; // still loading data: startWorker checks the request
    active.worker.postMessage({ type } satisfies ControlMessage);
    if (active.stopTimer) clearTimeout(active.stopTimer);
    active.stopTimer = setTimeout(() => void active.worker?.terminate(), this.stopTimeoutMs);
  }

  private onMessage(active: ActiveRun, raw: unknown): void {
    if (active.ended) return;
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.runId !== active.runId) {
      const why = parsed.success ? `it is about run ${parsed.data.runId}` : parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      this.end(active, 'failed', `the training worker sent an invalid message (${why})`);
      void active.worker?.terminate();
      return;
    }
    const message = parsed.data;
    if (isFinalMessage(message)) {
      this.end(active, message.type, message.type === 'failed' ? message.error : null, message);
      return;
    }
    try {
      active.recorder.record(message);
    } catch (error) {
      this.end(active, 'failed', diskWriteProblem(error, this.store.path, active.runId) ?? `could not record progress: ${(error as Error).message}`);
      void active.worker?.terminate();
      return;
    }
    if (message.type === 'progress') this.progress(active, message);
    // The worker sends its next checkpoint only after this: main never falls behind a fast run.
    else active.worker?.postMessage({ type: 'checkpoint-stored', step: message.step } satisfies MainToWorkerMessage);
  }

  /**
   * Records the run's end once (the worker's final message, or `status` when the worker
   * could not send one), then emits its last progress, its status and `finished`.
   */
  private end(active: ActiveRun, status: RunFinishedEvent['status'], error: string | null, message?: FinalWorkerMessage): void {
    if (active.ended) return;
    active.ended = true;
    if (active.stopTimer) clearTimeout(active.stopTimer);
    const { runId } = active;
    try {
      if (message) active.recorder.record(message);
      else this.store.finishRun(runId, status, { error });
      error = this.store.requireRun(runId).error;
    } catch (recordError) {
      status = 'failed';
      error = diskWriteProblem(recordError, this.store.path, runId) ?? `could not record the end of the run: ${(recordError as Error).message}`;
      try {
        this.store.finishRun(runId, 'failed', { error });
      } catch {
        // The database itself is failing (a full disk): the event below still tells the UI, and resume records it first.
        this.unrecordedFailures.set(runId, error);
      }
    }
    this.flushProgress(active);
    this.emit('status', { runId, status, error });
    active.finishedEvent = { runId, status, error };
    this.emit('finished', active.finishedEvent);
  }

  /** Frees the slot once the worker is gone, and lets the queue move. */
  private release(active: ActiveRun): void {
    if (this.active.get(active.runId) !== active) return;
    if (active.progressTimer) clearTimeout(active.progressTimer);
    if (active.stopTimer) clearTimeout(active.stopTimer);
    if (active.datasetKey) {
      const entry = this.datasets.get(active.datasetKey);
      if (entry && --entry.users <= 0) this.datasets.delete(active.datasetKey);
    }
    this.active.delete(active.runId);
    active.markExited();
    if (active.resumeAfterPause && !this.closing) {
      try {
        this.resume(active.runId);
      } catch (error) {
        console.error(`training service: run ${active.runId} cannot resume:`, (error as Error).message);
      }
    }
    this.schedule();
  }

  private progress(active: ActiveRun, message: ProgressMessage): void {
    const mean = (key: 'dataLoss' | 'regLoss' | 'accuracy') => {
      if (message.steps.length === 0) return active.lastProgress?.[key] ?? null;
      return finiteOrNull(message.steps.reduce((sum, s) => sum + s[key], 0) / message.steps.length);
    };
    const lastVal = message.epochReports.at(-1)?.val;
    const event: RunProgressEvent = {
      runId: active.runId,
      status: 'running',
      epoch: message.epoch,
      epochs: message.epochs,
      step: message.step,
      stepsPerEpoch: message.stepsPerEpoch,
      dataLoss: mean('dataLoss'),
      regLoss: mean('regLoss'),
      accuracy: mean('accuracy'),
      valLoss: lastVal ? finiteOrNull(lastVal.loss) : active.lastProgress?.valLoss ?? null,
      valAccuracy: lastVal ? finiteOrNull(lastVal.accuracy) : active.lastProgress?.valAccuracy ?? null,
      samplesPerSecond: Number.isFinite(message.samplesPerSecond) ? message.samplesPerSecond : 0,
      etaSeconds: message.etaSeconds !== null && Number.isFinite(message.etaSeconds) ? message.etaSeconds : null,
    };
    active.lastProgress = event;
    // Throttle: at most one event per interval, the latest numbers win, the last one is never lost.
    active.pendingProgress = event;
    const wait = active.lastEmit + this.progressIntervalMs - Date.now();
    if (wait <= 0) this.flushProgress(active);
    else if (!active.progressTimer) active.progressTimer = setTimeout(() => this.flushProgress(active), wait);
  }

  private flushProgress(active: ActiveRun): void {
    if (active.progressTimer) clearTimeout(active.progressTimer);
    active.progressTimer = null;
    const event = active.pendingProgress;
    if (!event) return;
    active.pendingProgress = null;
    active.lastEmit = Date.now();
    this.emit('progress', event);
  }

  private changeStatus(runId: number, status: RunStatus): void {
    const run = this.store.setRunStatus(runId, status);
    this.emit('status', { runId, status, error: run.error });
  }
}

/**
 * Starts a run worker. A `.ts` entry (development, tests) is loaded through tsx's module
 * hooks, registered inside the worker before the entry is imported; Node 20 does not
 * carry `--import tsx` from execArgv into a worker's own module loading.
 */
export function spawnRunWorker(script: string | URL, input: RunWorkerInput): Worker {
  const url = script instanceof URL ? script : pathToFileURL(script);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: input });
  // import.meta.resolve is missing where tsx compiled this module as CommonJS; a bare
  // specifier in an eval'd worker then resolves from the working directory.
  const tsx = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

/** Pixels and labels moved into shared memory once, so every run's worker reads the same bytes. */
function shareDataset(dataset: ImageDataset): SharedImageDataset {
  const share = <T extends Uint8Array | Int32Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T => {
    if (array.buffer instanceof SharedArrayBuffer) return array;
    const shared = make(new SharedArrayBuffer(array.byteLength));
    shared.set(array);
    return shared;
  };
  return {
    width: dataset.width,
    height: dataset.height,
    channels: dataset.channels,
    classNames: dataset.classNames,
    pixels: share(dataset.pixels, (b) => new Uint8Array(b)),
    labels: share(dataset.labels, (b) => new Int32Array(b)),
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

