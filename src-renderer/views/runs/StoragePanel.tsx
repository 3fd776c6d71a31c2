import { useCallback, useEffect, useState } from 'react';
import type { EventOf, ResponseOf } from '../../../src-shared/api/contract';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { errorMessage, unwrap, useApi } from '../../state/api';
import { showToast } from '../../state/toasts';
import { formatBytes, formatCount } from '../../format';

type Storage = ResponseOf<'getStorage'>;

/** Runs listed by size; the rest are summed in one line. */
const listedRuns = 12;

/**
 * Where the lab's disk space goes: the database file, its log, free space inside it, the
 * largest runs; and Compact, which gives the free space back with a progress bar. Deleting
 * runs frees space on its own a little at a time; Compact finishes the job at once.
 */
export function StoragePanel({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const [storage, setStorage] = useState<Storage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<EventOf<'storageProgress'> | null>(null);
  const [compacting, setCompacting] = useState(false);

  const load = useCallback(() => {
    unwrap(api.getStorage()).then(setStorage, (e: unknown) => setError(errorMessage(e)));
  }, [api]);
  useEffect(load, [load]);

  const compact = () => {
    const jobId = `compact-${Date.now()}`;
    setCompacting(true);
    setProgress(null);
    const off = api.onStorageProgress((event) => {
      if (event.jobId === jobId) setProgress(event);
    });
    unwrap(api.compactStorage({ jobId }))
      .then(
        (result) => showToast(`Compacted: ${formatBytes(result.beforeBytes)} → ${formatBytes(result.afterBytes)}`, 'ok'),
        (e: unknown) => showToast(errorMessage(e), 'error'),
      )
      .finally(() => {
        off();
        setCompacting(false);
        setProgress(null);
        load();
      });
  };

  const total = storage ? storage.fileBytes + storage.walBytes : 0;
  const rest = storage ? storage.runs.slice(listedRuns) : [];
  return (
    <Dialog
      title="Storage"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Close
          </button>
          <button className="btn primary" data-testid="storage-compact" disabled={!storage || compacting} onClick={compact}>
            {compacting ? 'Compacting…' : 'Compact'}
          </button>
        </>
      }
    >
      {error && <p className="error">{error}</p>}
      {!storage && !error && <p className="muted">Measuring…</p>}
      {storage && (
        <div className="storage" data-testid="storage-panel">
          <p className="muted" title={storage.path}>
            {storage.path}
          </p>
          <dl className="facts">
            <dt>Database</dt>
            <dd data-testid="storage-total">{formatBytes(total)}</dd>
            <dt>Free inside the file</dt>
            <dd data-testid="storage-free">{formatBytes(storage.freeBytes)}</dd>
            <dt>Write-ahead log</dt>
            <dd>{formatBytes(storage.walBytes)}</dd>
          </dl>
          {!storage.incremental && (
            <p className="muted">This database is from an older version: the first Compact rebuilds it once (pause training runs first); after that, space comes back on its own.</p>
          )}
          {compacting && (
            <div>
              <ProgressBar value={progress && progress.total > 0 ? progress.done / progress.total : null} label="Compacting" />
              <p className="muted">{progress?.phase === 'rebuilding' ? 'Rebuilding the file…' : 'Giving free space back…'}</p>
            </div>
          )}
          <table className="table compact">
            <thead>
              <tr>
                <th>Run</th>
                <th>Epochs kept</th>
                <th className="num">Size</th>
              </tr>
            </thead>
            <tbody>
              {storage.runs.slice(0, listedRuns).map((run) => (
                <tr key={run.runId}>
                  <td>{run.name || `Run ${run.runId}`}</td>
                  <td>{formatCount(run.checkpoints)}</td>
                  <td className="num">{formatBytes(run.bytes)}</td>
                </tr>
              ))}
              {rest.length > 0 && (
                <tr>
                  <td>{formatCount(rest.length)} more runs</td>
                  <td />
                  <td className="num">{formatBytes(rest.reduce((sum, run) => sum + run.bytes, 0))}</td>
                </tr>
              )}
              {storage.runs.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    No runs: the file holds datasets and settings only.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
