import { describe, expect, it } from 'vitest';
import { baselineText, noBetterThanBaseline, shownSummary, smallValidationWarning } from '../../src-renderer/run-summary';
import type { Run, RunProgress } from '../../src-renderer/state/types';
import { NO_EPOCH_SUMMARY } from '../../src-shared/training/records';

const recorded = { trainDataLoss: 0.6, trainPenalty: 0.03, trainAccuracy: 0.7, valDataLoss: 0.8, valAccuracy: 0.65 };
/** Only the fields shownSummary reads. */
const run = (status: Run['status']) => ({ status, summary: recorded }) as Run;
const progress = (summary: RunProgress['summary']) => ({ summary, dataLoss: 0.001, regLoss: 0.5, accuracy: 1 }) as RunProgress;
const split = (samples: number, majorityAccuracy: number) => ({ samples, majorityClass: 'horse', majorityAccuracy });

describe('the numbers a run card shows', () => {
  it('are the last epoch\'s, live while training, never the recent mini-batches\' means', () => {
    const live = { ...recorded, trainDataLoss: 0.5, trainPenalty: 0.04 };
    expect(shownSummary(run('running'), progress(live))).toEqual(live);
    // a resumed run before its first epoch of this session: the recorded epoch's numbers
    expect(shownSummary(run('running'), progress(NO_EPOCH_SUMMARY))).toEqual(recorded);
    // once stopped, the record (which holds what was last shown live)
    expect(shownSummary(run('paused'), progress(live))).toEqual(recorded);
    expect(shownSummary(run('done'), undefined)).toEqual(recorded);
  });

  it('read accuracy against the majority class, and a validation split under 30 images as too coarse', () => {
    expect(baselineText(split(6, 4 / 6))).toBe('majority 66.7%');
    expect(baselineText(null)).toBeNull();
    expect(noBetterThanBaseline(4 / 6, split(6, 4 / 6))).toBe(true);
    expect(noBetterThanBaseline(5 / 6, split(6, 4 / 6))).toBe(false);
    expect(noBetterThanBaseline(null, split(6, 4 / 6))).toBe(false);
    expect(smallValidationWarning(split(6, 4 / 6))).toBe('Only 6 validation images: validation accuracy moves in steps of 16.7%, too coarse to trust. Use 30 or more.');
    expect(smallValidationWarning(split(30, 0.5))).toBeNull();
    expect(smallValidationWarning(null)).toBeNull();
  });
});
