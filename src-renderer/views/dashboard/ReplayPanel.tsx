/**
 * Replay and change of course on the run dashboard: what reproduces the run (dataset
 * content, app version, kernel path, threads), a Re-run button that trains it again and then
 * says whether the result is bit-identical, and, for a paused run, new learning rate or λ
 * from where it stopped (marked on every curve).
 */

import { useMemo, useState } from 'react';
import { describeCourseChange, configAt } from '../../../src-shared/training/course';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import type { Run } from '../../state/types';
import type { ChartMarker } from '../../components/SeriesChart';
import { formatHyper, formatNumber } from '../../format';

/** The run's course changes, as markers for per-epoch and per-step charts; `reload` after a change. */
export function useCourseMarkers(run: Run): { epoch: ChartMarker[]; step: ChartMarker[]; reload: () => void } {
  const course = useCourse(run);
  const markers = useMemo(() => {
    const changes = course.data?.changes ?? [];
    const label = (i: number) => describeCourseChange(changes[i], configAt(run.config, changes, changes[i].step - 1));
    return {
      epoch: changes.map((c, i) => ({ x: c.epoch, label: label(i) })),
      step: changes.map((c, i) => ({ x: c.step, label: label(i) })),
    };
  }, [course.data, run.config]);
  return { ...markers, reload: course.reload };
}

function useCourse(run: Run) {
  const api = useApi();
  return useApiValue(() => api.getCourse({ id: run.id }), `course-${run.id}`, run.status);
}

export function ReplayPanel({ run }: { run: Run }) {
  const api = useApi();
  const navigate = useNavigate();
  const store = useLabStore();
  const runs = useLab((s) => s.runs);
  const info = useApiValue(() => api.getReplayInfo({ id: run.id }), `replay-${run.id}`, `${run.status}-${runs.length}`);
  const original = info.data?.replayOf ?? null;
  const originalRun = runs.find((r) => r.id === original);
  const comparable = original !== null && run.status === 'done' && originalRun?.status === 'done';
  const comparison = useApiValue(comparable ? () => api.compareReplay({ original: original!, replay: run.id }) : null, `compare-replay-${original}-${run.id}`, run.status);
  const [error, setError] = useState<string | null>(null);
  const finished = run.status === 'done' || run.status === 'diverged';
  const provenance = info.data?.provenance;

  const rerun = async () => {
    setError(null);
    const result = await api.rerunRun({ id: run.id });
    if (!result.ok) return setError(result.error.message);
    store.upsertRun(result.value);
    navigate({ view: 'run', runId: result.value.id });
  };

  return (
    <div className="panel" data-testid="replay-panel">
      <div className="panel-head">
        <h2>Replay</h2>
        <span className="muted small">what reproduces this run</span>
        <span className="spacer" />
        {finished && (
          <button className="btn" onClick={() => void rerun()} data-testid="rerun" title="Train the same run again from scratch and compare">
            Re-run
          </button>
        )}
      </div>
      <div className="panel-body">
        <div className="shortcut-list">
          <span className="muted small">Config and seed</span>
          <span className="num">recorded with the run (seed {run.config.seed}, split seed {run.split.seed})</span>
          <span className="muted small">Dataset content</span>
          <span className="num ellipsis">{provenance?.datasetHash ?? '—'}</span>
          <span className="muted small">App version</span>
          <span className="num">{run.appVersion}</span>
          <span className="muted small">Kernel path · threads</span>
          <span className="num" data-testid="replay-kernel">{provenance ? `${provenance.kernel} · ${provenance.threads}` : 'recorded when it starts training'}</span>
          {original !== null && (
            <>
              <span className="muted small">Re-run of</span>
              <span>
                <button className="btn small" onClick={() => navigate({ view: 'run', runId: original })}>#{original} {originalRun?.name ?? ''}</button>
              </span>
            </>
          )}
        </div>
        {comparable && comparison.data && (
          <div className={`notice ${comparison.data.identical ? 'ok' : 'warn'}`} style={{ marginTop: 10 }} data-testid="replay-verdict" data-identical={comparison.data.identical}>
            {comparison.data.identical
              ? `Bit-identical to run #${original}: all ${comparison.data.metrics.compared} epoch metrics and ${comparison.data.weights?.compared ?? 0} final weights match exactly.`
              : `Differs from run #${original}: ${comparison.data.metrics.differing} of ${comparison.data.metrics.compared} epoch metrics and ${comparison.data.weights?.differing ?? '?'} of ${comparison.data.weights?.compared ?? '?'} weights, by at most ${formatNumber(Math.max(comparison.data.metrics.maxAbsDifference, comparison.data.weights?.maxAbsDifference ?? 0), 3)}.`}
            {comparison.data.setupDifferences.length > 0 && (
              <> Different setup: {comparison.data.setupDifferences.map((d) => `${d.what} ${d.original} → ${d.replay}`).join('; ')}.</>
            )}
          </div>
        )}
        {original !== null && !comparable && run.status !== 'done' && <div className="muted small" style={{ marginTop: 8 }}>The comparison with run #{original} appears when this re-run is done.</div>}
        {error && <div className="notice error" style={{ marginTop: 8 }}>{error}</div>}
      </div>
    </div>
  );
}

/** New learning rate or λ for a paused run, applied from where it stopped. */
export function ChangeCoursePanel({ run, onChanged }: { run: Run; onChanged: () => void }) {
  const api = useApi();
  const course = useCourse(run);
  const current = course.data?.current;
  const { kind } = run.config.regularizer;
  const [lr, setLr] = useState('');
  const [l1, setL1] = useState('');
  const [l2, setL2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (run.status !== 'paused') return null;

  const apply = async () => {
    const parse = (text: string, what: string) => {
      if (text.trim() === '') return undefined;
      const v = Number(text);
      if (!Number.isFinite(v)) throw new Error(`${what}: "${text}" is not a number`);
      return v;
    };
    let request;
    try {
      request = { id: run.id, lr: parse(lr, 'learning rate'), l1: parse(l1, 'λ1'), l2: parse(l2, 'λ2') };
    } catch (e) {
      return setError((e as Error).message);
    }
    setBusy(true);
    setError(null);
    const result = await api.changeCourse(request);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setLr('');
    setL1('');
    setL2('');
    course.reload();
    onChanged();
  };
  return (
    <div className="panel panel-body" data-testid="change-course">
      <div className="row" style={{ flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
        <strong>Change course</strong>
        <span className="muted small">new settings apply from where the run stopped, are recorded, and are marked on its curves</span>
        <label className="insight-select">
          <span className="muted small">Learning rate (now {formatHyper(current?.lr)})</span>
          <input className="input" value={lr} onChange={(e) => setLr(e.target.value)} placeholder={String(current?.lr ?? '')} data-testid="course-lr" style={{ width: 110 }} />
        </label>
        {(kind === 'l1' || kind === 'elastic') && (
          <label className="insight-select">
            <span className="muted small">λ1 (now {formatHyper(current?.l1)})</span>
            <input className="input" value={l1} onChange={(e) => setL1(e.target.value)} placeholder={String(current?.l1 ?? '')} style={{ width: 110 }} />
          </label>
        )}
        {(kind === 'l2' || kind === 'elastic') && (
          <label className="insight-select">
            <span className="muted small">λ2 (now {formatHyper(current?.l2)})</span>
            <input className="input" value={l2} onChange={(e) => setL2(e.target.value)} placeholder={String(current?.l2 ?? '')} data-testid="course-l2" style={{ width: 110 }} />
          </label>
        )}
        <button className="btn" onClick={() => void apply()} disabled={busy || (lr === '' && l1 === '' && l2 === '')} data-testid="apply-course">
          Apply
        </button>
      </div>
      {course.data && course.data.changes.length > 0 && (
        <ul className="small muted" style={{ margin: '8px 0 0' }} data-testid="course-changes">
          {course.data.changes.map((c) => (
            <li key={c.step}>from step {c.step} (after epoch {c.epoch}): {describeCourseChange(c, configAt(run.config, course.data!.changes, c.step - 1))}</li>
          ))}
        </ul>
      )}
      {error && <div className="notice error" style={{ marginTop: 8 }}>{error}</div>}
    </div>
  );
}
