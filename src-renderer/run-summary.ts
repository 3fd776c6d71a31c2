/**
 * The numbers a run's cards, list row and Compare column show, with one meaning whether
 * the run is training, paused or finished: the last completed epoch's data loss, penalty
 * λR(W) and accuracies. Live progress carries them as soon as an epoch ends; the run
 * record keeps the same values once the run stops, so nothing jumps on pause.
 */

import type { Run, RunProgress } from './state/types';
import { MIN_TRUSTED_VAL_SAMPLES, type SplitCount } from '../src-shared/training/records';
import { formatPercent } from './format';

export type RunSummary = Run['summary'];

/** The last completed epoch's numbers: the live ones while it trains, each falling back to the record's. */
export function shownSummary(run: Run, progress: RunProgress | undefined): RunSummary {
  if (run.status !== 'running' || !progress) return run.summary;
  const live = progress.summary;
  return {
    trainDataLoss: live.trainDataLoss ?? run.summary.trainDataLoss,
    trainPenalty: live.trainPenalty ?? run.summary.trainPenalty,
    trainAccuracy: live.trainAccuracy ?? run.summary.trainAccuracy,
    valDataLoss: live.valDataLoss ?? run.summary.valDataLoss,
    valAccuracy: live.valAccuracy ?? run.summary.valAccuracy,
  };
}

/** "majority 66.7 %": what always answering the split's most common class scores. */
export function baselineText(split: SplitCount | null | undefined): string | null {
  return split ? `majority ${formatPercent(split.majorityAccuracy)}` : null;
}

/** True when `accuracy` does not beat always answering the split's most common class. */
export function noBetterThanBaseline(accuracy: number | null, split: SplitCount | null | undefined): boolean {
  return accuracy !== null && !!split && accuracy <= split.majorityAccuracy + 1e-9;
}

/** Why a validation split is too small to trust, or null when it is large enough (or absent: that is said elsewhere). */
export function smallValidationWarning(split: SplitCount | null | undefined): string | null {
  if (!split || split.samples >= MIN_TRUSTED_VAL_SAMPLES) return null;
  return `Only ${split.samples} validation ${split.samples === 1 ? 'image' : 'images'}: validation accuracy moves in steps of ${formatPercent(1 / split.samples)}, too coarse to trust. Use ${MIN_TRUSTED_VAL_SAMPLES} or more.`;
}
