/**
 * Learning-rate schedules, as a function of the epoch being trained (0-based). The rate
 * is constant within an epoch.
 */
import type { ScheduleSpec } from './types';

/**
 * constant: lr
 * step:     lr · γ^⌊epoch / everyEpochs⌋
 * cosine:   minLr + (lr − minLr) · ½(1 + cos(π · epoch / epochs)), from lr down toward minLr
 */
export function learningRate(schedule: ScheduleSpec, baseLr: number, epoch: number, epochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * Math.pow(schedule.gamma, Math.floor(epoch / schedule.everyEpochs));
    case 'cosine': {
      const progress = epochs > 0 ? Math.min(epoch / epochs, 1) : 0;
      return schedule.minLr + (baseLr - schedule.minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}
