import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RegularizerSpec, TrainConfig } from '../../src-shared/engine/types';
import type { RunFinishedEvent, RunWorkerInput, TrainingEvents, WorkerData } from '../../src-shared/training/messages';
import { RESUMABLE_RUN_STATUSES, type RunDataSpec, type RunRecord, type RunSplitSpec, type RunStatus } from '../../src-shared/training/records';
import type { CourseChange } from '../../src-shared/training/course';
import { diskWriteProblem, HEARTBEAT_MS, StoreError, type LabStore } from '../store';
import { RunQueue, slotOf } from './run-queue';
import { RunSupervisor, type SupervisorContext } from './run-supervisor';
import type { RunPace, StepUnit } from '../../src-shared/training/pace';
import { SharedDatasetCache, type DatasetLoader } from './shared-dataset-cache';

export type { DatasetLoader, LoadedDataset } from './shared-dataset-cache';

/** What to train. The split defaults to 10% validation, seeded by the config's seed. */
export interface RunSpec {
  experimentId?: number | null;
  name?: string;
  config: TrainConfig;
  data: RunDataSpec;
  split?: RunSplitSpec;
  /** learning-rate and λ changes to make at their steps (a re-run repeats its original's) */
  course?: CourseChange[];
  /** the run this one re-runs */
  replayOf?: number;
}

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

type Listener<K extends keyof TrainingEvents> = (event: TrainingEvents[K]) => void;

/**
 * Runs training in the background: a queue (RunQueue) feeding at most `maxConcurrent`
 * worker threads, one run each, each watched by a RunSupervisor; image datasets are shared
 * between runs (SharedDatasetCache). Main is the only database writer: workers post
 * messages and the supervisors record them. Every run's last event is `finished`.
 */
/** How often a live app beats its own runs' heartbeat and looks for runs whose owner died (the issue asks for "within seconds"). */
const OWNER_WATCH_MS = HEARTBEAT_MS;

export class TrainingService {
  readonly maxConcurrent: number;
  private readonly queue = new RunQueue();
  private readonly active = new Map<number, RunSupervisor>();
  /** the slot each training run counts against (slotOf): twins share one */
  private readonly activeSlots = new Map<number, string>();
  /** each run's pace as last set in this session (absent: real time) */
  private readonly paces = new Map<number, RunPace>();
  private readonly datasets: SharedDatasetCache | null;
  private readonly context: SupervisorContext;
  private readonly progressIntervalMs: number;
  private readonly listeners: { [K in keyof TrainingEvents]: Set<Listener<K>> } = { progress: new Set(), finished: new Set(), status: new Set() };
  private closing = false;
  private ownerWatch: ReturnType<typeof setInterval> | null = null;
  /** runs whose failure could not be written (full disk): still 'running' in the database until resume or delete records it */
  private readonly unrecordedFailures = new Map<number, string>();

  constructor(private readonly store: LabStore, options: TrainingServiceOptions = {}) {
    const max = options.maxConcurrent ?? defaultMaxConcurrent();
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`maxConcurrent must be a whole number ≥ 1, got ${max}`);
    this.maxConcurrent = max;
    this.datasets = options.loadDataset ? new SharedDatasetCache(options.loadDataset) : null;
    this.progressIntervalMs = options.progressIntervalMs ?? 50;
    const workerScript = options.workerScript ?? new URL('./run-worker.ts', import.meta.url);
    const spawnWorker = options.spawnWorker ?? spawnRunWorker;
    this.context = {
      store,
      settings: {
        checkpointEvery: options.checkpointEvery ?? 1,
        checkpointMinIntervalMs: options.checkpointMinIntervalMs ?? 0,
        progressIntervalMs: this.progressIntervalMs,
        maxStepRowsPerSecond: options.maxStepRowsPerSecond ?? 200,
      },
      stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
      workerData: (run) => this.workerData(run),
      startWorker: (input) => spawnWorker(workerScript, input),
      emit: (name, event) => this.emit(name, event),
      unrecordedFailure: (runId, error) => this.unrecordedFailures.set(runId, error),
      exited: (supervisor, thenResume) => this.release(supervisor, thenResume),
      paceOf: (runId) => this.paces.get(runId) ?? { kind: 'realtime' },
    };
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
    const supervisor = this.active.get(runId);
    if (!supervisor && !this.queue.has(runId)) {
      if (run.status === 'queued' || run.status === 'running') {
        return Promise.reject(new StoreError(`run ${runId} is ${run.status} but not in this service's queue (recover() puts queued runs back)`));
      }
      return Promise.resolve({ runId, status: run.status, error: run.error });
    }
    // Its end was already announced and the worker is only exiting: no `finished` is coming.
    const ended = supervisor?.announcedEnd;
    if (ended) return Promise.resolve(ended);
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
   * queued as one unit that takes one slot, so they start together and train side by side
   * (a resumed twin joins its partner at once, never queues behind it).
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
    const supervisor = this.active.get(runId);
    // A run whose end is recorded while its worker exits answers from its record (a cancel may have followed the end).
    if (supervisor && !(supervisor.hasEnded && run.status !== 'paused')) {
      supervisor.pause();
    } else if (this.queue.remove(runId) || run.status === 'queued') {
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
    const supervisor = this.active.get(runId);
    if (supervisor) {
      if (supervisor.hasEnded && !RESUMABLE_RUN_STATUSES.includes(run.status)) throw new StoreError(`run ${runId} is ${run.status} and cannot be resumed`);
      // Its worker is still winding down: resume once it has gone.
      supervisor.resume();
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

  /** Sets how fast a run trains: at once while it trains, and whenever it is resumed in this session. */
  setPace(runId: number, pace: RunPace): RunRecord {
    const run = this.store.requireRun(runId);
    this.paces.set(runId, pace);
    this.active.get(runId)?.pace({ type: 'pace', pace });
    return run;
  }

  /** One more mini-batch or epoch of a training run, after which it is held until the next Step. */
  step(runId: number, unit: StepUnit): RunRecord {
    const run = this.store.requireRun(runId);
    const supervisor = this.active.get(runId);
    if (!supervisor?.canStep) {
      throw new StoreError(`run ${runId} is ${run.status}; Step moves a training run on (resume it first, or set its pace to "hold" before resuming)`);
    }
    this.paces.set(runId, { kind: 'held' });
    supervisor.pace({ type: 'step', unit });
    return run;
  }

  /** Stops a run for good. A queued, paused or interrupted run is just marked cancelled. */
  cancel(runId: number): RunRecord {
    const supervisor = this.active.get(runId);
    if (supervisor) {
      supervisor.cancel();
      // still stopping, or ended by this very call (a worker that had not started yet)
      const after = this.store.requireRun(runId);
      if (!supervisor.hasEnded || after.status === 'cancelled') return after;
    }
    const run = this.store.requireRun(runId);
    if (this.queue.remove(runId) || ['queued', 'paused', 'interrupted'].includes(run.status)) {
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
    this.refuseRunsOwnedElsewhere([runId], `run ${runId}`);
    await this.stopRuns([runId]);
    this.unrecordedFailures.delete(runId);
    // a slice at a time: a long run's rows would hold the main thread for seconds
    return this.store.space.deleteRun(runId);
  }

  /** Deletes an experiment with all its runs, cancelling those still training. */
  async deleteExperiment(experimentId: number): Promise<boolean> {
    const runs = this.store.listRuns({ experimentId }).map((r) => r.id);
    this.refuseRunsOwnedElsewhere(runs, `experiment ${experimentId}`);
    await this.stopRuns(runs);
    for (const runId of runs) await this.store.space.deleteRun(runId);
    return this.store.deleteExperiment(experimentId);
  }

  /** A run another process trains cannot be stopped from here, so it is not deleted under that process. */
  private refuseRunsOwnedElsewhere(runIds: number[], what: string): void {
    const [busy] = this.store.runsOwnedElsewhere(runIds);
    if (!busy) return;
    throw new StoreError(`cannot delete ${what}: run ${busy.id} is training in another process (pid ${busy.pid}, e.g. \`lab train --db\`) that this app cannot stop; `
      + 'stop it there (Ctrl+C) or wait for it to end, then delete');
  }

  private async stopRuns(runIds: number[]): Promise<void> {
    for (const id of runIds) this.queue.remove(id);
    const training = runIds.map((id) => this.active.get(id)).filter((a): a is RunSupervisor => a !== undefined);
    for (const supervisor of training) supervisor.cancel();
    await Promise.all(training.map((a) => a.exited));
  }

  /**
   * At app start: runs a crash left 'running' become 'interrupted' (resumable), and runs
   * still 'queued' go back into the queue in the order they were created.
   */
  recover(): { interrupted: number[]; queued: number[] } {
    const interrupted = this.markDeadOwnersInterrupted();
    const waiting = this.store.listRuns({ status: ['queued'], sort: 'createdAt', descending: false })
      .filter((r) => !this.active.has(r.id) && !this.queue.has(r.id));
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
   * Runs left 'running' by a process that is gone (a `lab train --db` killed, interrupted
   * or ended by an error) become 'interrupted', announced like any status change.
   */
  markDeadOwnersInterrupted(): number[] {
    const interrupted = this.store.recoverInterruptedRuns();
    for (const runId of interrupted) {
      const run = this.store.requireRun(runId);
      this.emit('status', { runId, status: 'interrupted', error: run.error });
      this.emit('finished', { runId, status: 'interrupted', error: run.error });
    }
    return interrupted;
  }

  /**
   * While the app runs: every `intervalMs`, its own runs' heartbeat is refreshed (so another
   * app on this database sees them alive) and runs whose owner died are marked interrupted,
   * so pause/cancel/resume work on them within seconds, not after a restart.
   */
  watchOwners(intervalMs = OWNER_WATCH_MS): void {
    if (this.ownerWatch) return;
    this.ownerWatch = setInterval(() => {
      try {
        this.markDeadOwnersInterrupted();
        this.store.heartbeatRuns();
      } catch (error) {
        // a locked or full database: the next round tries again
        if (!(error instanceof Error) || !/locked|busy|full/i.test(error.message)) throw error;
      }
    }, intervalMs);
    this.ownerWatch.unref();
  }

  /**
   * For quitting: pauses every training run (their exact state is saved, so they resume
   * where they were) and waits for the workers to exit. Queued runs stay queued in the
   * database for `recover` on the next start.
   */
  async shutdown(): Promise<void> {
    this.closing = true;
    if (this.ownerWatch) clearInterval(this.ownerWatch);
    this.ownerWatch = null;
    this.queue.clear();
    for (const supervisor of this.active.values()) supervisor.pause();
    await Promise.all([...this.active.values()].map((a) => a.exited));
  }

  /** Runs holding a worker slot, and runs waiting for one, in queue order. */
  snapshot(): { training: number[]; queued: number[] } {
    return { training: [...this.active.keys()], queued: this.queue.runIds() };
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
    if (spec.course && spec.course.length > 0) this.store.replays.setCourse(run.id, spec.course);
    if (spec.replayOf !== undefined) this.store.replays.setReplayOf(run.id, spec.replayOf);
    this.emit('status', { runId: run.id, status: 'queued', error: null });
    return run;
  }

  private enqueue(unit: number[]): void {
    if (this.closing) return;
    const run = this.store.getRun(unit[0]);
    this.queue.push(unit, run ? slotOf(run) : `run:${unit[0]}`);
    this.schedule();
  }

  /** Starts queued units while they fit: slots are counted per unit (twins share one). */
  private schedule(): void {
    if (this.closing) return;
    const busy = new Set(this.activeSlots.values());
    for (const unit of this.queue.takeStartable(busy, this.maxConcurrent)) {
      for (const runId of unit) this.launch(runId);
    }
  }

  private launch(runId: number): void {
    try {
      this.changeStatus(runId, 'running');
    } catch (error) {
      // Deleted or changed behind the queue's back: nothing to train.
      console.error(`training service: run ${runId} cannot start:`, (error as Error).message);
      return;
    }
    const supervisor = new RunSupervisor(runId, this.context, this.progressIntervalMs);
    this.active.set(runId, supervisor);
    this.activeSlots.set(runId, slotOf(this.store.requireRun(runId)));
    supervisor.start();
  }

  private workerData(run: RunRecord): { data: Promise<WorkerData>; release: () => void } {
    if (run.data.kind === 'toy') return { data: Promise.resolve({ kind: 'toy', spec: run.data, split: run.split }), release: () => {} };
    if (!this.datasets) throw new Error('this service has no dataset loader, so it can only train on toy data');
    const { normalization } = run.data;
    const { payload, release } = this.datasets.acquire(run.data.datasetId, run.split);
    const data = payload.then(({ dataset, splits, preprocessing }): WorkerData => ({ kind: 'images', dataset, train: splits.train, val: splits.val, normalization, preprocessing }));
    return { data, release };
  }

  /** Frees the slot once the worker is gone, and lets the queue move. */
  private release(supervisor: RunSupervisor, thenResume: boolean): void {
    if (this.active.get(supervisor.runId) !== supervisor) return;
    this.active.delete(supervisor.runId);
    this.activeSlots.delete(supervisor.runId);
    if (thenResume && !this.closing) {
      try {
        this.resume(supervisor.runId);
      } catch (error) {
        console.error(`training service: run ${supervisor.runId} cannot resume:`, (error as Error).message);
      }
    }
    this.schedule();
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
