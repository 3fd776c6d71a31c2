/**
 * Sweeps: two settings of a finished run over a grid (say λ and the learning rate), one run
 * per cell, queued as one experiment. While they train, the heatmap fills in cell by cell
 * (validation accuracy, or the share of exactly-zero weights); every cell opens its run.
 */

import { useMemo, useState } from 'react';
import type { ResponseOf } from '../../../src-shared/api/contract';
import { SWEEP_PARAMS, SWEEP_PARAM_LABELS, type SweepMetric, type SweepParam } from '../../../src-shared/training/sweep';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { EmptyState } from '../../components/EmptyState';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { formatHyper, formatPercent } from '../../format';
import { RunSelect } from '../insight/TemplatesView';

type SweepState = ResponseOf<'getSweep'>;

const metricLabels: Record<SweepMetric, string> = { valAccuracy: 'validation accuracy', zeroFraction: 'share of weights exactly 0' };
const defaultValues: Record<SweepParam, string> = {
  lr: '0.01, 0.03, 0.1', l1: '0, 0.0001, 0.001', l2: '0, 0.001, 0.01', batchSize: '16, 32, 64', width: '16, 64, 128', epochs: '5, 10, 20', seed: '1, 2, 3',
};

export function SweepsView({ sweepId }: { sweepId?: number }) {
  const api = useApi();
  const navigate = useNavigate();
  const runs = useLab((s) => s.runs);
  const listed = useApiValue(() => api.listSweeps(), 'sweeps', runs.length);
  const sweeps = listed.data?.sweeps ?? [];
  const shown = sweepId ?? sweeps[sweeps.length - 1]?.id;
  return (
    <div className="view" data-testid="sweeps-view">
      <div className="view-head">
        <div className="grow" style={{ minWidth: 0 }}>
          <h1>Sweeps</h1>
          <p>Two settings over a grid: one run per cell, through the queue, as one experiment.</p>
        </div>
        {sweeps.length > 0 && (
          <label className="insight-select">
            <span className="muted small">Sweep</span>
            <select className="input" value={shown ?? ''} onChange={(e) => navigate({ view: 'sweeps', sweepId: Number(e.target.value) })} data-testid="sweep-select">
              {sweeps.map((s) => (
                <option key={s.id} value={s.id}>#{s.id} {s.name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <NewSweep onStarted={(id) => {
        listed.reload();
        navigate({ view: 'sweeps', sweepId: id });
      }} />
      {shown !== undefined ? <SweepHeatmap key={shown} sweepId={shown} /> : (
        <div className="panel">
          <EmptyState art="▦" title="No sweeps yet">Pick a trained run above, two settings and their values, and start: the heatmap fills in as the runs finish.</EmptyState>
        </div>
      )}
    </div>
  );
}

function parseValues(text: string): number[] | string {
  const parts = text.split(/[,\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return 'give at least one value';
  const values = parts.map(Number);
  const bad = parts.find((p, i) => !Number.isFinite(values[i]));
  return bad !== undefined ? `"${bad}" is not a number` : values;
}

function NewSweep({ onStarted }: { onStarted: (id: number) => void }) {
  const api = useApi();
  const runs = useLab((s) => s.runs);
  const bases = useMemo(() => runs.filter((r) => r.status === 'done'), [runs]);
  const [baseRunId, setBase] = useState<number | undefined>(undefined);
  const [params, setParams] = useState<[SweepParam, SweepParam]>(['lr', 'l2']);
  const [texts, setTexts] = useState<[string, string]>([defaultValues.lr, defaultValues.l2]);
  const [metric, setMetric] = useState<SweepMetric>('valAccuracy');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = baseRunId ?? bases[0]?.id;
  const parsed = texts.map(parseValues);
  const cells = parsed.every(Array.isArray) ? (parsed[0] as number[]).length * (parsed[1] as number[]).length : 0;

  const start = async () => {
    if (base === undefined) return;
    const problem = parsed.find((p) => typeof p === 'string');
    if (problem) return setError(`Values: ${problem as string}`);
    setBusy(true);
    setError(null);
    const result = await api.startSweep({ baseRunId: base, axes: [{ param: params[0], values: parsed[0] as number[] }, { param: params[1], values: parsed[1] as number[] }], metric });
    setBusy(false);
    if (result.ok) onStarted(result.value.sweep.id);
    else setError(result.error.message);
  };

  if (bases.length === 0) return <div className="panel panel-body muted">A sweep starts from a finished run: train one first.</div>;
  return (
    <div className="panel panel-body" data-testid="new-sweep">
      <div className="row" style={{ flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
        <RunSelect runs={bases} value={base} onChange={setBase} label="Base run (config, data, split)" testId="sweep-base" />
        {([0, 1] as const).map((axis) => (
          <div key={axis} className="row" style={{ gap: 6, alignItems: 'flex-end' }}>
            <label className="insight-select">
              <span className="muted small">{axis === 0 ? 'Rows' : 'Columns'}</span>
              <select className="input" value={params[axis]} data-testid={`sweep-param-${axis}`} onChange={(e) => {
                const param = e.target.value as SweepParam;
                setParams((p) => (axis === 0 ? [param, p[1]] : [p[0], param]));
                setTexts((t) => (axis === 0 ? [defaultValues[param], t[1]] : [t[0], defaultValues[param]]));
              }}>
                {SWEEP_PARAMS.map((p) => (
                  <option key={p} value={p}>{SWEEP_PARAM_LABELS[p]}</option>
                ))}
              </select>
            </label>
            <input className="input" value={texts[axis]} aria-label={`${axis === 0 ? 'Row' : 'Column'} values`} data-testid={`sweep-values-${axis}`} onChange={(e) => {
              const text = e.target.value;
              setTexts((t) => (axis === 0 ? [text, t[1]] : [t[0], text]));
            }} style={{ width: 180 }} />
          </div>
        ))}
        <label className="insight-select">
          <span className="muted small">Heatmap of</span>
          <select className="input" value={metric} onChange={(e) => setMetric(e.target.value as SweepMetric)}>
            <option value="valAccuracy">{metricLabels.valAccuracy}</option>
            <option value="zeroFraction">{metricLabels.zeroFraction}</option>
          </select>
        </label>
        <button className="btn primary" onClick={() => void start()} disabled={busy || base === undefined || cells === 0} data-testid="start-sweep">
          Start {cells > 0 ? `${cells} runs` : 'sweep'}
        </button>
      </div>
      {error && <div className="notice error" style={{ marginTop: 8 }}>{error}</div>}
    </div>
  );
}

function SweepHeatmap({ sweepId }: { sweepId: number }) {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const runs = useLab((s) => s.runs);
  const [cancelling, setCancelling] = useState(false);
  // refetch whenever one of the sweep's runs changes status or finishes an epoch
  const loadedOnce = useApiValue(() => api.getSweep({ id: sweepId }), `sweep-${sweepId}`);
  const ids = new Set(loadedOnce.data?.cells.map((c) => c.runId) ?? []);
  const signature = runs.filter((r) => ids.has(r.id)).map((r) => `${r.id}:${r.status}:${r.epochsDone}`).join('|');
  const loaded = useApiValue(() => api.getSweep({ id: sweepId }), `sweep-${sweepId}`, signature);
  const state: SweepState | null = loaded.data ?? loadedOnce.data;
  if (loaded.error) return <div className="notice error">{loaded.error}</div>;
  if (!state) return <div className="muted">Loading the sweep…</div>;
  const { sweep, cells } = state;
  const [rows, cols] = sweep.axes;
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const running = state.finished < state.total;
  // every cell trains on the same data and split: any recorded run's validation baseline is theirs
  const baseline = sweep.metric === 'valAccuracy' ? runs.find((r) => ids.has(r.id) && r.splits?.val)?.splits?.val : undefined;
  const cancel = async () => {
    setCancelling(true);
    const result = await api.cancelSweep({ id: sweepId });
    setCancelling(false);
    if (result.ok) for (const c of result.value.cells) {
      const run = runs.find((r) => r.id === c.runId);
      if (run && run.status !== c.status) store.upsertRun({ ...run, status: c.status });
    }
  };
  return (
    <div className="panel" data-testid="sweep" data-sweep-id={sweep.id} data-finished={state.finished} data-total={state.total}>
      <div className="panel-head">
        <h2>{sweep.name}</h2>
        <span className="muted small">{metricLabels[sweep.metric]} · {state.finished} of {state.total} runs finished</span>
        <span className="spacer" />
        {running && <button className="btn" onClick={() => void cancel()} disabled={cancelling} data-testid="cancel-sweep">Cancel sweep</button>}
      </div>
      <div className="panel-body">
        <ProgressBar value={state.total > 0 ? state.finished / state.total : 0} label="Sweep progress" />
        <table className="table" data-testid="sweep-heatmap" style={{ marginTop: 12, width: 'auto' }}>
          <thead>
            <tr>
              <th>{SWEEP_PARAM_LABELS[rows.param]} ↓ · {SWEEP_PARAM_LABELS[cols.param]} →</th>
              {cols.values.map((v) => <th key={v} className="num">{formatHyper(v)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.values.map((rv, i) => (
              <tr key={rv}>
                <th className="num">{formatHyper(rv)}</th>
                {cols.values.map((cv, j) => {
                  const cell = cells.find((c) => c.i === i && c.j === j);
                  const t = cell?.value === null || cell?.value === undefined ? null : hi > lo ? (cell.value - lo) / (hi - lo) : 1;
                  return (
                    <td key={cv} style={{ padding: 2 }}>
                      {cell && (
                        <button
                          className="sweep-cell"
                          data-testid="sweep-cell"
                          data-filled={cell.value !== null}
                          data-run-id={cell.runId}
                          title={`Run #${cell.runId}: ${SWEEP_PARAM_LABELS[rows.param]} ${rv}, ${SWEEP_PARAM_LABELS[cols.param]} ${cv}`}
                          onClick={() => navigate({ view: 'run', runId: cell.runId })}
                          style={{ background: t === null ? 'var(--panel-2)' : heat(t), color: t !== null && t > 0.55 ? '#111' : '#fff', width: 96, height: 52, border: 0, borderRadius: 6, cursor: 'pointer' }}
                        >
                          {cell.value === null ? <StatusBadge status={cell.status} /> : <strong className="num">{formatPercent(cell.value, 1)}</strong>}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="muted small" style={{ marginTop: 6 }}>
          Click a cell to open its run. Colors span {values.length > 0 ? `${formatPercent(lo, 1)} … ${formatPercent(hi, 1)}` : 'the values as they arrive'}.
          {baseline && (
            <span data-testid="sweep-baseline">
              {' '}Always answering “{baseline.majorityClass}” scores {formatPercent(baseline.majorityAccuracy, 1)} on the validation split: a cell at or below that learnt nothing.
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** Viridis-like: dark purple (low) → teal → yellow (high). */
function heat(t: number): string {
  const stops: [number, number, number][] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const c = stops[k].map((v, i) => Math.round(v + (stops[k + 1][i] - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
