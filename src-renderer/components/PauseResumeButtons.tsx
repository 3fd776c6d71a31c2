import { isActive, RESUMABLE_STATUSES, type Run } from '../state/types';

/** Pause for a queued or training run, Resume for one that can go on; the run tables share them. */
export function PauseResumeButtons({ run, onControl }: { run: Run; onControl: (command: 'pause' | 'resume') => void }) {
  return (
    <>
      {isActive(run.status) && (
        <button className="btn small" onClick={() => onControl('pause')} data-testid="pause-run">
          Pause
        </button>
      )}
      {RESUMABLE_STATUSES.includes(run.status) && (
        <button className="btn small" onClick={() => onControl('resume')} data-testid="resume-run">
          Resume
        </button>
      )}
    </>
  );
}
