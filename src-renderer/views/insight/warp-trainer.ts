/**
 * The loop that trains a WarpSession tick by tick and reports snapshots: the same code
 * runs inside the worker (warp.worker.ts) and, when a worker cannot start, on the UI
 * thread in frame-sized slices.
 */

import { WarpSession } from '../../../src-shared/analysis/warp-session';
import { fastBudgetMs, snapshotMs, stepsPerTick, tickMs, type WarpCommand, type WarpEvent, type WarpSpeed } from './warp-protocol';

export interface WarpLoopHost {
  post(event: WarpEvent): void;
  /** runs `tick` again after about `ms` */
  schedule(tick: () => void, ms: number): void;
  now(): number;
}

export class WarpLoop {
  private session: WarpSession | null = null;
  private running = true;
  private speed: WarpSpeed = 'normal';
  private scheduled = false;
  private lastPost = -Infinity;
  private stopped = false;

  constructor(private readonly host: WarpLoopHost) {}

  handle(command: WarpCommand): void {
    try {
      switch (command.type) {
        case 'settings':
          if (this.session) this.session.update(command.settings);
          else this.session = new WarpSession(command.settings);
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
    this.scheduled = true;
    this.host.schedule(() => this.tick(), tickMs);
  }

  private tick(): void {
    this.scheduled = false;
    const session = this.session;
    if (this.stopped || !session || !this.running) return;
    try {
      const budget = this.speed === 'fast' ? fastBudgetMs : Infinity;
      session.train(budget, () => this.host.now(), stepsPerTick[this.speed]);
      if (session.finished || this.host.now() - this.lastPost >= snapshotMs) this.postSnapshot();
    } catch (error) {
      this.host.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.wake();
  }

  private postSnapshot(): void {
    if (!this.session) return;
    this.lastPost = this.host.now();
    this.host.post({ type: 'snapshot', snapshot: this.session.snapshot() });
  }
}
