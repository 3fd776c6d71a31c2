import type { RunStatus } from '../state/types';

const labels: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
  diverged: 'Diverged',
  interrupted: 'Interrupted',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge ${status}`} data-status={status}>
      <span className="dot" />
      {labels[status]}
    </span>
  );
}
