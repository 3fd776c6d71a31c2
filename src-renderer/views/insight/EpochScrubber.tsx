/**
 * A slider over a run's checkpoints with a play button that replays training epoch by
 * epoch. The position is an index into the checkpoint list or 'latest', which keeps
 * following new checkpoints while the run trains.
 */

import { useEffect } from 'react';
import type { Checkpoint } from '../../state/types';
import { checkpointLabel } from './weights';

export type ScrubPosition = number | 'latest';

export function resolvePosition(position: ScrubPosition, count: number): number {
  if (count === 0) return -1;
  return position === 'latest' ? count - 1 : Math.min(Math.max(0, position), count - 1);
}

export function EpochScrubber({
  checkpoints,
  position,
  onChange,
  playing,
  onPlayingChange,
  stepMs = 600,
  testId,
  loading = false,
}: {
  checkpoints: readonly Checkpoint[];
  position: ScrubPosition;
  onChange: (position: ScrubPosition) => void;
  playing: boolean;
  onPlayingChange: (playing: boolean) => void;
  stepMs?: number;
  testId?: string;
  /** the checkpoint list has not arrived yet (not the same as a run with none) */
  loading?: boolean;
}) {
  const count = checkpoints.length;
  const index = resolvePosition(position, count);

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      if (index >= count - 1) onPlayingChange(false);
      else onChange(index + 1 === count - 1 ? 'latest' : index + 1);
    }, stepMs);
    return () => clearTimeout(timer);
  }, [playing, index, count, stepMs, onChange, onPlayingChange]);

  if (count === 0 && loading) {
    return (
      <div className="insight-scrubber muted small" role="status" data-testid={testId} data-loading="true">
        Loading checkpoints…
      </div>
    );
  }
  if (count === 0) return <div className="insight-scrubber muted small">No checkpoints yet: a run saves its initial weights as it starts, then one checkpoint per epoch.</div>;
  const current = checkpoints[index];
  return (
    <div className="insight-scrubber" data-testid={testId}>
      <button
        type="button"
        className="btn"
        aria-label={playing ? 'Pause replay' : 'Replay training'}
        title={playing ? 'Pause replay' : 'Replay how the weights formed, epoch by epoch'}
        onClick={() => {
          if (!playing && index >= count - 1) onChange(0);
          onPlayingChange(!playing);
        }}
        disabled={count < 2}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        min={0}
        max={count - 1}
        step={1}
        value={index}
        aria-label="Checkpoint"
        onChange={(event) => {
          onPlayingChange(false);
          const next = Number(event.target.value);
          onChange(next === count - 1 ? 'latest' : next);
        }}
        disabled={count < 2}
      />
      <span className="num nowrap insight-scrubber-label">
        {checkpointLabel(current)} <span className="faint">· {index + 1} of {count}</span>
      </span>
    </div>
  );
}
