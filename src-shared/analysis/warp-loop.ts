/**
 * The loop that trains a WarpSession tick by tick and reports snapshots with their
 * scenes: the same code runs inside the view's Web Worker
 * (src-renderer/views/insight/warp.worker.ts) and, when a worker cannot start, on the UI
 * thread in frame-sized slices.
 */

import { WarpSession, warpDataset, type WarpSettings } from './warp-session';
import { buildWarpScene, defaultSceneOptions, type PlaneChoice, type WarpScene } from './warp-scene';
import type { ToyDataset } from '../toy/datasets';
import type { Kernels } from '../engine/kernels';
import { StepGate } from '../training/pace';
import { fastBudgetMs, snapshotMs, stepsPerTick, tickMs, type WarpCommand, type WarpEvent, type WarpSpeed } from './warp-protocol';

export interface WarpLoopHost {
  post(event: WarpEvent): void;
  /** runs `tick` again after about `ms` */
  schedule(tick: () => void, ms: number): void;
  now(): number;
  /** fresh kernels for each trainer (default: the engine's reference kernels) */
  makeKernels?(): Kernels;
}

export class WarpLoop {
  private session: WarpSession | null = null;
  private running = true;
  private speed: WarpSpeed = 'normal';
  private scheduled = false;
  private lastPost = -Infinity;
  private stopped = false;
  private view: { layer: number; plane: PlaneChoice } = { layer: 0, plane: { kind: 'auto' } };
  private data: { key: string; dataset: ToyDataset } | null = null;
  /** real time: the speed setting rules; otherwise the gate says when the next mini-batch may run */
  private readonly gate = new StepGate();

  constructor(private readonly host: WarpLoopHost) {}

  handle(command: WarpCommand): void {
    try {
      switch (command.type) {
        case 'settings':
          if (this.session) this.session.update(command.settings);
          else this.session = new WarpSession(command.settings, this.host.makeKernels?.bind(this.host));
          break;
        case 'running':
          this.running = command.running;
          break;
        case 'speed':
          this.speed = command.speed;
          break;
        case 'reset':
          this.session?.reset();
          break;
        case 'view':
          this.view = { layer: command.layer, plane: command.plane };
          break;
        case 'pace':
        case 'step':
          this.gate.apply(command);
          break;
      }
      this.postSnapshot();
      this.wake();
    } catch (error) {
      this.host.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private wake(): void {
    if (this.scheduled || this.stopped || !this.running || !this.session || this.session.finished) return;
    const wait = this.gate.current.kind === 'realtime' ? tickMs : this.gate.waitMs(this.host.now());
    if (wait === Infinity) return; // held: the next Step wakes it
    this.scheduled = true;
    this.host.schedule(() => this.tick(), wait);
  }

  private tick(): void {
    this.scheduled = false;
    const session = this.session;
    if (this.stopped || !session || !this.running) return;
    try {
      let stepDone = false;
      if (this.gate.current.kind === 'realtime') {
        const budget = this.speed === 'fast' ? fastBudgetMs : Infinity;
        session.train(budget, () => this.host.now(), stepsPerTick[this.speed]);
      } else if (this.gate.waitMs(this.host.now()) === 0) {
        // paced or stepped: one mini-batch at a time, each shown
        stepDone = this.gate.stepped(this.host.now(), session.trainOne(), session.stepsPerEpoch) || this.gate.current.kind !== 'held';
      }
      if (stepDone || session.finished || this.host.now() - this.lastPost >= snapshotMs) this.postSnapshot();
    } catch (error) {
      this.host.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.wake();
  }

  private postSnapshot(): void {
    if (!this.session) return;
    this.lastPost = this.host.now();
    const snapshot = this.session.snapshot();
    let scene: WarpScene | null = null;
    let sceneError: string | null = null;
    try {
      const data = this.dataset(snapshot.settings);
      scene = buildWarpScene({ layers: snapshot.layers, activations: snapshot.activations, features: snapshot.features }, data.x, data.labels.length, { ...defaultSceneOptions, ...this.view });
    } catch (error) {
      sceneError = error instanceof Error ? error.message : String(error);
    }
    this.host.post({ type: 'snapshot', snapshot, scene, sceneError });
  }

  /** The points the session trains on (regenerated only when the data settings change). */
  private dataset(settings: WarpSettings): ToyDataset {
    const key = JSON.stringify([settings.toy, settings.classes, settings.samples, settings.noise, settings.dataSeed]);
    if (this.data?.key !== key) this.data = { key, dataset: warpDataset(settings) };
    return this.data.dataset;
  }
}
