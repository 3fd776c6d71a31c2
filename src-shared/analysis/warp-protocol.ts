/** Messages between the space-warping view and its trainer (src-renderer/views/insight/warp.worker.ts). */

import type { WarpSettings, WarpSnapshot } from './warp-session';
import type { PlaneChoice, WarpScene } from './warp-scene';
import type { PaceMessage } from '../training/pace';

/**
 * How fast the net trains: a few steps per frame to watch the plane bend, or as many as fit
 * in a frame's time budget.
 */
export type WarpSpeed = 'slow' | 'normal' | 'fast';

export type WarpCommand =
  | { type: 'settings'; settings: WarpSettings }
  | { type: 'running'; running: boolean }
  | { type: 'speed'; speed: WarpSpeed }
  | { type: 'reset' }
  /** which hidden layer and plane the scene shows */
  | { type: 'view'; layer: number; plane: PlaneChoice }
  /** a pace other than real time, or Step (one mini-batch or epoch, then held), as training runs have */
  | PaceMessage;

/**
 * A snapshot of the net with the scene drawn from it (built next to the training, off the
 * UI thread: a scene of a big net takes tens of milliseconds); `scene` is null when it
 * could not be built (the message says why).
 */
export type WarpEvent =
  | { type: 'snapshot'; snapshot: WarpSnapshot; scene: WarpScene | null; sceneError: string | null }
  | { type: 'error'; message: string };

/** Mini-batches per tick for each speed (fast: whatever fits in `fastBudgetMs`). */
export const stepsPerTick: Record<WarpSpeed, number> = { slow: 1, normal: 6, fast: Infinity };
export const fastBudgetMs = 10;
/** one tick per frame, roughly */
export const tickMs = 16;
/** snapshots posted at most this often (the view draws at most this often) */
export const snapshotMs = 33;
