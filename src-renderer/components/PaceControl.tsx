/**
 * Watching training at a human pace: a pace choice (real time, an epoch a second, a
 * mini-batch a second, …, or held) and Step buttons that train exactly one more
 * mini-batch or epoch and hold there. Shared by the run dashboard (a worker in main)
 * and Space warping (a Web Worker in the page); each says what Step does to it.
 */

import type { RunPace, StepUnit } from '../../src-shared/training/pace';
import { formatCount } from '../format';

export const paceChoices = [
  { id: 'realtime', label: 'Real time', pace: { kind: 'realtime' } },
  { id: 'epoch1', label: '1 epoch/s', pace: { kind: 'epochs', perSecond: 1 } },
  { id: 'batch5', label: '5 batches/s', pace: { kind: 'batches', perSecond: 5 } },
  { id: 'batch1', label: '1 batch/s', pace: { kind: 'batches', perSecond: 1 } },
  { id: 'held', label: 'Hold (step by step)', pace: { kind: 'held' } },
] as const satisfies readonly { id: string; label: string; pace: RunPace }[];

export type PaceChoice = (typeof paceChoices)[number]['id'];

export function paceOf(choice: PaceChoice): RunPace {
  return paceChoices.find((c) => c.id === choice)!.pace;
}

export function PaceControl({
  choice,
  onChoice,
  onStep,
  canStep,
  step,
  epoch,
  stepTitle = 'Train exactly one more mini-batch, then hold',
  testId = 'pace-control',
}: {
  choice: PaceChoice;
  onChoice: (choice: PaceChoice) => void;
  onStep: (unit: StepUnit) => void;
  /** false while there is nothing to step (a run that is not training) */
  canStep: boolean;
  step: number;
  epoch: number;
  stepTitle?: string;
  testId?: string;
}) {
  return (
    <div className="pace-control row" data-testid={testId}>
      <label className="row nowrap small">
        <span className="muted">Pace</span>
        <select className="select" value={choice} onChange={(e) => onChoice(e.target.value as PaceChoice)} aria-label="Pace" data-testid="pace-select">
          {paceChoices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <button className="btn small" disabled={!canStep} onClick={() => onStep('batch')} title={stepTitle} data-testid="step-batch">
        Step 1 batch
      </button>
      <button className="btn small" disabled={!canStep} onClick={() => onStep('epoch')} title="Train to the end of the current epoch, then hold" data-testid="step-epoch">
        Step 1 epoch
      </button>
      <span className="num small muted nowrap" data-testid="step-counter" data-step={step}>
        step {formatCount(step)} · epoch {formatCount(epoch)}
      </span>
    </div>
  );
}
