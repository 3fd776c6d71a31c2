/**
 * What the whole app shows about runs, datasets and long jobs, kept current from the
 * contract's events: runs and datasets are loaded once and refreshed on status changes;
 * progress events are kept per run. Subscribers are notified at most a few times a second
 * however fast events arrive, so three training runs never flood React with renders.
 */

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { NeuralLabApi } from '../../src-shared/api/contract';
import type { Dataset, Experiment, ImportProgress, Run, RunProgress } from './types';

/** A long action the header lists while it runs (imports; runs are listed from `runs`). */
export interface Job {
  id: string;
  label: string;
  progress: ImportProgress | null;
  cancel: () => void;
}

export interface LabSnapshot {
  runs: Run[];
  progress: ReadonlyMap<number, RunProgress>;
  datasets: Dataset[];
  experiments: Experiment[];
  jobs: Job[];
  /** true once the first lists arrived */
  loaded: boolean;
  /** last failure to reach main, shown in the header */
  connectionError: string | null;
}

const notifyIntervalMs = 250;
const externalRefreshIntervalMs = 1000;

export class LabState {
  private snapshot: LabSnapshot = { runs: [], progress: new Map(), datasets: [], experiments: [], jobs: [], loaded: false, connectionError: null };
  private readonly listeners = new Set<() => void>();
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private lastNotify = 0;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly importListeners = new Map<string, (event: ImportProgress) => void>();
  private runRefresh = new Set<number>();
  /** runs fetched again once because they were listed before their split sizes were recorded */
  private readonly splitsAsked = new Set<number>();
  private runRefreshTimer: ReturnType<typeof setTimeout> | null = null;
  private externalRefreshTimer: ReturnType<typeof setTimeout> | null = null;
  private lastExternalRefresh = 0;

  constructor(readonly api: NeuralLabApi) {}

  start(): void {
    this.unsubscribe.push(
      this.api.onRunProgress((event) => {
        const progress = new Map(this.snapshot.progress);
        progress.set(event.runId, event);
        const known = this.snapshot.runs.find((r) => r.id === event.runId);
        // A progress event for a run we have not listed yet (started by the CLI), whose status moved
        // on, or whose split sizes were recorded after it was listed (they come as training starts).
        if (!known || known.status !== event.status || (known.splits === null && !this.splitsAsked.has(event.runId))) {
          if (known?.splits === null) this.splitsAsked.add(event.runId);
          this.scheduleRunRefresh(event.runId);
        }
        this.set({ progress }, false);
      }),
      this.api.onRunStatus((event) => this.scheduleRunRefresh(event.runId)),
      this.api.onRunFinished((event) => this.scheduleRunRefresh(event.runId)),
      this.api.onLabChanged(() => this.scheduleExternalRefresh()),
      this.api.onImportProgress((event) => {
        this.importListeners.get(event.jobId)?.(event);
        const jobs = this.snapshot.jobs.map((job) => (job.id === event.jobId ? { ...job, progress: event } : job));
        this.set({ jobs }, false);
      }),
    );
    void this.refreshAll();
  }

  /**
   * Another process changed the database: everything listed is fetched again, at most once
   * a second (a CLI run writes about once a second while it trains).
   */
  private scheduleExternalRefresh(): void {
    if (this.externalRefreshTimer) return;
    const wait = Math.max(0, externalRefreshIntervalMs - (Date.now() - this.lastExternalRefresh));
    this.externalRefreshTimer = setTimeout(() => {
      this.externalRefreshTimer = null;
      this.lastExternalRefresh = Date.now();
      void Promise.all([this.refreshRuns(), this.refreshDatasets(), this.refreshExperiments()]);
    }, wait);
  }

  stop(): void {
    if (this.externalRefreshTimer) clearTimeout(this.externalRefreshTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    if (this.runRefreshTimer) clearTimeout(this.runRefreshTimer);
  }

  getSnapshot = (): LabSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async refreshAll(): Promise<void> {
    await Promise.all([this.refreshRuns(), this.refreshDatasets(), this.refreshExperiments()]);
    this.set({ loaded: true }, true);
  }

  async refreshRuns(): Promise<void> {
    const result = await this.api.listRuns({ sort: 'createdAt', descending: true, limit: 2000 });
    if (!result.ok) return this.fail(result.error.message);
    this.set({ runs: result.value.runs, connectionError: null }, true);
  }

  async refreshDatasets(): Promise<void> {
    const result = await this.api.listDatasets();
    if (!result.ok) return this.fail(result.error.message);
    this.set({ datasets: result.value.datasets, connectionError: null }, true);
  }

  async refreshExperiments(): Promise<void> {
    const result = await this.api.listExperiments();
    if (!result.ok) return this.fail(result.error.message);
    this.set({ experiments: result.value.experiments, connectionError: null }, true);
  }

  /** Puts a changed run (from a command's answer) in place at once. */
  upsertRun(run: Run): void {
    const runs = this.snapshot.runs.some((r) => r.id === run.id)
      ? this.snapshot.runs.map((r) => (r.id === run.id ? run : r))
      : [run, ...this.snapshot.runs];
    this.set({ runs }, true);
  }

  removeRun(id: number): void {
    const progress = new Map(this.snapshot.progress);
    progress.delete(id);
    this.set({ runs: this.snapshot.runs.filter((r) => r.id !== id), progress }, true);
  }

  /** Lists a long job in the header until `finish` is called; progress events for `id` update it. */
  addJob(id: string, label: string, cancel: () => void, onProgress?: (event: ImportProgress) => void): () => void {
    if (onProgress) this.importListeners.set(id, onProgress);
    this.set({ jobs: [...this.snapshot.jobs, { id, label, progress: null, cancel }] }, true);
    return () => {
      this.importListeners.delete(id);
      this.set({ jobs: this.snapshot.jobs.filter((job) => job.id !== id) }, true);
    };
  }

  private fail(message: string): void {
    this.set({ connectionError: message }, true);
  }

  /** Status changes come in bursts (twins, queue moves): one getRun per run per burst. */
  private scheduleRunRefresh(runId: number): void {
    this.runRefresh.add(runId);
    if (this.runRefreshTimer) return;
    this.runRefreshTimer = setTimeout(() => {
      this.runRefreshTimer = null;
      const ids = [...this.runRefresh];
      this.runRefresh.clear();
      void Promise.all(ids.map((id) => this.api.getRun({ id }))).then((results) => {
        let runs = this.snapshot.runs;
        let missing = false;
        for (const result of results) {
          if (!result.ok) continue;
          const run = result.value.run;
          if (runs.some((r) => r.id === run.id)) runs = runs.map((r) => (r.id === run.id ? run : r));
          else missing = true;
        }
        this.set({ runs }, true);
        // New runs change the order and the experiments' counts: reload the lists.
        if (missing) void Promise.all([this.refreshRuns(), this.refreshExperiments()]);
      });
    }, 60);
  }

  private set(patch: Partial<LabSnapshot>, urgent: boolean): void {
    this.snapshot = { ...this.snapshot, ...patch };
    const now = Date.now();
    if (urgent || now - this.lastNotify >= notifyIntervalMs) {
      if (this.notifyTimer) {
        clearTimeout(this.notifyTimer);
        this.notifyTimer = null;
      }
      this.notify();
      return;
    }
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = null;
      this.notify();
    }, notifyIntervalMs - (now - this.lastNotify));
  }

  private notify(): void {
    this.lastNotify = Date.now();
    for (const listener of this.listeners) listener();
  }
}


export const LabStateContext = createContext<LabState | null>(null);

export function useLabStore(): LabState {
  const store = useContext(LabStateContext);
  if (!store) throw new Error('useLabStore outside <LabStateContext.Provider>');
  return store;
}

/**
 * The part of the lab's state a component needs; re-renders only when that part changes.
 * `select` must return something held by the snapshot (derive with useMemo), never a new object.
 */
export function useLab<T>(select: (snapshot: LabSnapshot) => T): T {
  const store = useLabStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
