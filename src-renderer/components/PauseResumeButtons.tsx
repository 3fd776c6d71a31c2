import { isActive, RESUMABLE_STATUSES, type Run } from '../state/types';

export const pauseTitle = 'Pause training: the run stops after the current mini-batch and keeps its weights; Resume continues from there';
export const resumeTitle = 'Resume training from where it stopped, with the same weights and optimizer state';

/** Pause for a queued or training run, Resume for one that can go on; the run tables share them. */
export function PauseResumeButtons({ run, onControl }: { run: Run; onControl: (command: 'pause' | 'resume') => void }) {
  return (
    <>
      {isActive(run.status) && (
        <button className="btn small" onClick={() => onControl('pause')} data-testid="pause-run" title={pauseTitle}>
          Pause
        </button>
      )}
      {RESUMABLE_STATUSES.includes(run.status) && (
        <button className="btn small" onClick={() => onControl('resume')} data-testid="resume-run" title={resumeTitle}>
          Resume
        </button>
      )}
    </>
  );
}
