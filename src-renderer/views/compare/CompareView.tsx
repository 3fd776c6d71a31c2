/**
 * View 7, Compare: runs side by side. Overlaid curves (live while they train), each run's
 * status with its controls, and a table of only the settings that differ. L1 vs L2 twins
 * open here right after they start.
 */

import { useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../../state/api';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { LIVE_SERIES_INTERVAL_MS, useLiveSeries, type SeriesKey } from '../../state/live-series';
import { isActive, type MetricSeries, type Run } from '../../state/types';
import { seriesPoints } from '../../chart-data';
import { SeriesChart, type ChartSeries } from '../../components/SeriesChart';
import { StatusBadge } from '../../components/StatusBadge';
import { PauseResumeButtons } from '../../components/PauseResumeButtons';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState } from '../../components/EmptyState';
import { differingSettings, describeModel, describeRegularizer, settingLabel } from '../../describe';
import { formatCount, formatEta, formatNumber, formatPercent } from '../../format';
import { usePalette, type ChartPalette } from '../../theme';
import { runControl } from '../runs/run-actions';
import { baselineText, noBetterThanBaseline, shownSummary } from '../../run-summary';
import { showToast } from '../../state/toasts';
import { runFraction } from '../runs/RunsView';

/**
 * Points per run and series. Four runs share a half-width chart and their points fall on
 * different steps, so each run's mini-batch loss gets 250 (decimated on the server, each
 * bucket's extremes kept): a chart of ~1,000 rows, what recharts draws in a few tens of ms.
 * Per-epoch series are short anyway.
 */
const compareBatchPoints = 250;
const compareEpochPoints = 600;
/** Twins are compared while they train: both curves keep the dashboard's pace. */
const compareIntervalMs = LIVE_SERIES_INTERVAL_MS;
const batchKeys: SeriesKey[] = [{ split: 'batch', name: 'dataLoss' }];

const metrics: { id: string; label: string; split: MetricSeries['split']; name: string; x: 'epoch' | 'step'; percent?: boolean }[] = [
  { id: 'valAcc', label: 'Validation accuracy', split: 'val', name: 'accuracy', x: 'epoch', percent: true },
  { id: 'valData', label: 'Validation data loss', split: 'val', name: 'dataLoss', x: 'epoch' },
  { id: 'trainData', label: 'Train data loss (per epoch)', split: 'train', name: 'dataLoss', x: 'epoch' },
  { id: 'trainAcc', label: 'Train accuracy', split: 'train', name: 'accuracy', x: 'epoch', percent: true },
  { id: 'reg', label: 'Penalty λR(W)', split: 'train', name: 'regLoss', x: 'epoch' },
  { id: 'total', label: 'Total train loss (data loss + penalty λR(W))', split: 'train', name: 'loss', x: 'epoch' },
];

/** Two runs of one L1 vs L2 twin start: same model, seed and split, one L1 and one L2. */
function areTwins(runs: readonly Run[]): boolean {
  const [a, b] = runs;
  if (runs.length !== 2 || a.twinGroup === null || a.twinGroup !== b.twinGroup) return false;
  const kinds = new Set([a.config.regularizer.kind, b.config.regularizer.kind]);
  return kinds.has('l1') && kinds.has('l2');
}

/** Colour of each compared run: the twins' fixed L1/L2 colours when that is what they are. */
export function runColor(run: Run, index: number, palette: ChartPalette, runs: readonly Run[]): string {
  const twinPair = runs.length === 2 && runs[0].twinGroup !== null && runs[0].twinGroup === runs[1].twinGroup;
  if (twinPair && run.config.regularizer.kind === 'l1') return palette.l1;
  if (twinPair && run.config.regularizer.kind === 'l2') return palette.l2;
  return palette.series[index % palette.series.length];
}

export function CompareView({ runIds }: { runIds: number[] }) {
  const navigate = useNavigate();
  const allRuns = useLab((s) => s.runs);
  const loaded = useLab((s) => s.loaded);
  const palette = usePalette();
  const [metric, setMetric] = useState(metrics[0].id);
  const runs = useMemo(() => runIds.map((id) => allRuns.find((r) => r.id === id)).filter((r): r is Run => r !== undefined), [runIds, allRuns]);
  const ids = useMemo(() => runs.map((r) => r.id), [runs]);
  const chosen = metrics.find((m) => m.id === metric) ?? metrics[0];
  // Two fetch loops, one per chart: each asks only for what its chart draws, the metric
  // chart only when an epoch ends, so the two charts update at different moments.
  const batch = useLiveSeries(ids, batchKeys, compareBatchPoints, 'step', compareIntervalMs);
  const chosenKeys = useMemo(() => [{ split: chosen.split, name: chosen.name }], [chosen]);
  const perEpoch = useLiveSeries(ids, chosenKeys, compareEpochPoints, chosen.x, compareIntervalMs);
  // rebuilt only when a run's answer or the runs themselves change, so the charts (memo) skip the rest
  const batchSeries = useMemo<ChartSeries[]>(
    () =>
      runs.map((r, i) => ({
        id: `run${r.id}`,
        label: r.name,
        color: runColor(r, i, palette, runs),
        width: 1.3,
        points: seriesPoints(batch.byRun.get(r.id)?.[0], 'step'),
      })),
    [runs, palette, batch.byRun],
  );
  const metricSeries = useMemo<ChartSeries[]>(
    () =>
      runs.map((r, i) => ({
        id: `run${r.id}`,
        label: r.name,
        color: runColor(r, i, palette, runs),
        points: seriesPoints(perEpoch.byRun.get(r.id)?.[0], chosen.x),
      })),
    [runs, palette, perEpoch.byRun, chosen.x],
  );
  const error = batch.error ?? perEpoch.error;

  const picker = (
    <div className="row">
      <RunPicker runs={allRuns} chosen={runIds} onChange={(ids) => navigate({ view: 'compare', runIds: ids })} />
      <ImportMetricsButton onImported={(run, sourceRunId) => navigate({ view: 'compare', runIds: [...new Set([...runIds, sourceRunId, run.id])] })} />
    </div>
  );

  if (loaded && runs.length === 0) {
    const twins = allRuns.find((r) => r.twinGroup !== null);
    const twin = twins ? allRuns.filter((r) => r.twinGroup === twins.twinGroup).map((r) => r.id) : [];
    return (
      <div className="view">
        <Head picker={picker} />
        <div className="panel">
          <EmptyState
            art="⇆"
            title={allRuns.length === 0 ? 'No runs to compare yet' : 'Pick runs to compare'}
            action={
              allRuns.length === 0 ? (
                <button className="btn primary" onClick={() => navigate({ view: 'new' })}>
                  New experiment
                </button>
              ) : twin.length === 2 ? (
                <button className="btn primary" onClick={() => navigate({ view: 'compare', runIds: twin })}>
                  Compare the latest L1 vs L2 twins
                </button>
              ) : (
                <button className="btn primary" onClick={() => navigate({ view: 'runs' })}>
                  Choose in the runs list
                </button>
              )
            }
          >
            Overlaid curves and the settings that differ. Start "L1 vs L2 twins" in a new experiment to compare two regularizers on the same model, seed and split.
          </EmptyState>
        </div>
      </div>
    );
  }

  const differences = differingSettings(runs);

  return (
    <div className="view" data-testid="compare-view">
      <Head picker={picker} />
      {runs.length === 2 && (
        <div className="row" data-testid="look-inside">
          <span className="small muted">Look inside these two:</span>
          {areTwins(runs) ? (
            <>
              <button className="btn small" onClick={() => navigate({ view: 'sparsity', runIds: runs.map((r) => r.id) })} data-testid="open-sparsity">
                Sparsity L1 vs L2
              </button>
              {runs.map((r) => (
                <button key={r.id} className="btn small" onClick={() => navigate({ view: 'templates', runId: r.id })}>
                  Templates of {describeRegularizer(r.config.regularizer).split(' ')[0]}
                </button>
              ))}
            </>
          ) : (
            <>
              <button className="btn small" onClick={() => navigate({ view: 'sparsity', runIds: runs.map((r) => r.id) })} data-testid="open-sparsity">
                Sparsity side by side
              </button>
              {runs.map((r) => (
                <button key={r.id} className="btn small" onClick={() => navigate({ view: 'templates', runId: r.id })}>
                  Templates of #{r.id}
                </button>
              ))}
            </>
          )}
        </div>
      )}
      <div className="panel">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th style={{ width: 200 }}>Progress</th>
                <th>Regularizer</th>
                <th className="right">Val acc</th>
                <th className="right">Val data loss</th>
                <th className="right">Train data loss</th>
                <th className="right">Penalty λR(W)</th>
                <th className="right">Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r, i) => (
                <CompareRow key={r.id} run={r} color={runColor(r, i, palette, runs)} />
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="grid-2">
        <div className="panel panel-body">
          <SeriesChart title="Data loss per mini-batch" series={batchSeries} xLabel="step" testId="compare-batch-loss" smoothable />
        </div>
        <div className="panel panel-body">
          <div className="row" style={{ marginBottom: 4 }}>
            <select className="select" value={metric} onChange={(e) => setMetric(e.target.value)} aria-label="Metric">
              {metrics.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <SeriesChart series={metricSeries} xLabel={chosen.x} percent={chosen.percent} height={196} testId="compare-metric" />
        </div>
      </div>
      <div className="panel">
        <div className="panel-head">
          <h2>Settings that differ</h2>
          <span className="small muted">{differences.length === 0 ? 'none: the runs were trained the same way' : `${differences.length} of them`}</span>
        </div>
        {differences.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="differences">
              <thead>
                <tr>
                  <th>Setting</th>
                  {runs.map((r, i) => (
                    <th key={r.id} style={{ color: runColor(r, i, palette, runs) }}>
                      {r.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {differences.map((d) => (
                  <tr key={d.path}>
                    <td title={d.path} data-path={d.path}>
                      {settingLabel(d.path)}
                    </td>
                    {d.values.map((v, i) => (
                      <td key={i} className="num">
                        {typeof v === 'number' ? formatNumber(v, 4) : v === undefined ? '–' : String(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {error && <div className="notice error">{error}</div>}
    </div>
  );
}

function Head({ picker }: { picker: ReactNode }) {
  return (
    <div className="view-head">
      <div className="grow">
        <h1>Compare</h1>
        <p>Curves on shared axes, and only the settings that differ.</p>
      </div>
      {picker}
    </div>
  );
}

/**
 * Reads the metrics.jsonl a PyTorch project exported from a run wrote (train.py) and records
 * it as a run beside that one, to compare their curves.
 */
function ImportMetricsButton({ onImported }: { onImported: (run: Run, sourceRunId: number) => void }) {
  const api = useApi();
  const store = useLabStore();
  const [busy, setBusy] = useState(false);
  const read = async (file: File) => {
    setBusy(true);
    try {
      const result = await api.importRunMetrics({ fileName: file.name, content: await file.text() });
      if (!result.ok) {
        showToast(`Could not import ${file.name}: ${result.error.message}`, 'error');
        return;
      }
      store.upsertRun(result.value.run);
      showToast(`Imported "${result.value.run.name}"`, 'ok');
      onImported(result.value.run, result.value.sourceRunId);
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className={`btn${busy ? ' disabled' : ''}`} title="The metrics.jsonl that train.py of an exported PyTorch project wrote">
      {busy ? 'Importing…' : 'Import a PyTorch run…'}
      <input
        type="file"
        accept=".jsonl,.json,application/json"
        hidden
        disabled={busy}
        data-testid="import-metrics-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
    </label>
  );
}

function RunPicker({ runs, chosen, onChange }: { runs: Run[]; chosen: number[]; onChange: (ids: number[]) => void }) {
  const available = runs.filter((r) => !chosen.includes(r.id));
  return (
    <div className="row">
      {chosen.map((id) => {
        const run = runs.find((r) => r.id === id);
        return (
          <span key={id} className="tag">
            {run?.name ?? `#${id}`}
            <button className="btn ghost small icon-only" aria-label={`Remove ${run?.name ?? id}`} onClick={() => onChange(chosen.filter((x) => x !== id))}>
              ✕
            </button>
          </span>
        );
      })}
      <select className="select" value="" onChange={(e) => e.target.value && onChange([...chosen, Number(e.target.value)])} aria-label="Add a run" disabled={available.length === 0}>
        <option value="">Add a run…</option>
        {available.map((r) => (
          <option key={r.id} value={r.id}>
            #{r.id} {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function CompareRow({ run, color }: { run: Run; color: string }) {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const progress = useLab((s) => s.progress.get(run.id));
  const active = isActive(run.status);
  const summary = shownSummary(run, progress);
  const control = async (command: 'pause' | 'resume') => {
    const updated = await runControl(api, run, command);
    if (updated) store.upsertRun(updated);
  };
  return (
    <tr data-run-id={run.id} data-status={run.status}>
      <td>
        <div className="row nowrap">
          <span style={{ width: 10, height: 10, borderRadius: 2, background: color, flex: 'none' }} />
          <button className="link-button ellipsis" style={{ maxWidth: 260 }} onClick={() => navigate({ view: 'run', runId: run.id })} title={describeModel(run.config.model)}>
            {run.name}
          </button>
        </div>
      </td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        <div className="progress-block" style={{ gap: 3 }}>
          <ProgressBar value={run.status === 'queued' ? 0 : runFraction(run, progress)} paused={!active && run.status !== 'done'} label={`${run.name} progress`} />
          <span className="small muted num nowrap">
            epoch {formatCount(progress?.epoch ?? run.epochsDone)}/{formatCount(run.config.epochs)}
            {run.status === 'running' ? ` · ${formatEta(progress?.etaSeconds)}` : ''}
          </span>
        </div>
      </td>
      <td className="nowrap">{describeRegularizer(run.config.regularizer)}</td>
      <td className="right num">
        <span className={noBetterThanBaseline(summary.valAccuracy, run.splits?.val) ? 'warn-text' : undefined} data-testid="compare-val-acc">{formatPercent(summary.valAccuracy)}</span>
        {run.splits?.val && <div className="small faint nowrap" data-testid="compare-val-baseline">{baselineText(run.splits.val)}</div>}
      </td>
      <td className="right num" data-testid="compare-val-data-loss">{formatNumber(summary.valDataLoss)}</td>
      <td className="right num" data-testid="compare-train-data-loss">{formatNumber(summary.trainDataLoss)}</td>
      <td className="right num" data-testid="compare-penalty">{formatNumber(summary.trainPenalty)}</td>
      <td className="right">
        <div className="row nowrap" style={{ justifyContent: 'flex-end', gap: 4 }}>
          <PauseResumeButtons run={run} onControl={(command) => void control(command)} />
        </div>
      </td>
    </tr>
  );
}
