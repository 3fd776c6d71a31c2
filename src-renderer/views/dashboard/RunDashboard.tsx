/**
 * View 4, Run dashboard: one run, live. Progress and controls; loss per epoch with the
 * data part and the regularisation part apart, train against validation; the loss of
 * every mini-batch; accuracy; samples/s; the confusion matrix on the validation split,
 * where a cell opens its misclassified images; the settings it was trained with.
 */

import { useMemo, useState } from 'react';
import { PaceControl, paceOf, type PaceChoice } from '../../components/PaceControl';
import { showToast } from '../../state/toasts';
import { useApi } from '../../state/api';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { useApiValue } from '../../state/hooks';
import { LIVE_SERIES_INTERVAL_MS, useLiveSeries, type SeriesKey } from '../../state/live-series';
import { isActive, RESUMABLE_STATUSES, type MetricSeries, type Run } from '../../state/types';
import { findSeries, seriesPoints } from '../../chart-data';
import { SeriesChart, type ChartSeries } from '../../components/SeriesChart';
import { StatusBadge } from '../../components/StatusBadge';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState } from '../../components/EmptyState';
import { describeData, describeModel, describeOptimizer, describeRegularizer, parameterCount } from '../../describe';
import { formatCount, formatDuration, formatEta, formatHyper, formatNumber, formatPercent, formatRate } from '../../format';
import { usePalette, type ChartPalette } from '../../theme';
import { Stat } from '../datasets/DatasetsView';
import { runControl } from '../runs/run-actions';
import { baselineText, noBetterThanBaseline, shownSummary, smallValidationWarning, type RunSummary } from '../../run-summary';
import { runFraction } from '../runs/RunsView';
import { ConfusionPanel } from './ConfusionPanel';
import { pauseTitle, resumeTitle } from '../../components/PauseResumeButtons';
import { LayerHealthPanel } from './LayerHealthPanel';
import { ChangeCoursePanel, ReplayPanel, useCourseMarkers } from './ReplayPanel';

/**
 * Points per series fetched for the dashboard: about one per pixel of a half-width chart
 * (the server keeps each bucket's extremes, so spikes stay visible). The mini-batch chart
 * draws two series whose points fall on different steps, so each gets half.
 */
const epochPoints = 500;
const batchPoints = 250;
/**
 * How often a training run's curves are re-fetched at most: with the answer's own time
 * (tens of ms), the curve stays within a second of the progress bar, which moves with
 * every progress event.
 */
const dashboardIntervalMs = LIVE_SERIES_INTERVAL_MS;
/** The series the charts draw, nothing else: per mini-batch, and per epoch. */
const batchKeys: SeriesKey[] = [
  { split: 'batch', name: 'dataLoss' },
  { split: 'batch', name: 'regLoss' },
];
const epochKeys: SeriesKey[] = [
  { split: 'train', name: 'dataLoss' },
  { split: 'val', name: 'dataLoss' },
  { split: 'train', name: 'regLoss' },
  { split: 'train', name: 'accuracy' },
  { split: 'val', name: 'accuracy' },
  { split: 'train', name: 'samplesPerSecond' },
  { split: 'train', name: 'lr' },
];

export function RunDashboard({ runId }: { runId: number }) {
  const api = useApi();
  const navigate = useNavigate();
  const run = useLab((s) => s.runs.find((r) => r.id === runId));
  const loaded = useLab((s) => s.loaded);
  const fetched = useApiValue(() => api.getRun({ id: runId }), `run-${runId}-${run ? 'listed' : 'missing'}`);
  const current = run ?? fetched.data?.run;
  const ids = useMemo(() => [runId], [runId]);
  // per-epoch series change once an epoch, the mini-batch ones with every step: fetched apart
  const batch = useLiveSeries(ids, batchKeys, batchPoints, 'step', dashboardIntervalMs).byRun.get(runId);
  const perEpoch = useLiveSeries(ids, epochKeys, epochPoints, 'epoch', dashboardIntervalMs).byRun.get(runId);

  if (!current) {
    if (!loaded || fetched.loading) return <div className="view muted">Loading…</div>;
    return (
      <div className="view">
        <div className="panel">
          <EmptyState art="◔" title={`Run ${runId} does not exist`} action={<button className="btn primary" onClick={() => navigate({ view: 'runs' })}>Show all runs</button>}>
            {fetched.error ?? 'It may have been deleted.'}
          </EmptyState>
        </div>
      </div>
    );
  }
  return <Dashboard run={current} batch={batch ?? noSeries} perEpoch={perEpoch ?? noSeries} />;
}

const noSeries: MetricSeries[] = [];

function Dashboard({ run, batch, perEpoch }: { run: Run; batch: MetricSeries[]; perEpoch: MetricSeries[] }) {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const palette = usePalette();
  const progress = useLab((s) => s.progress.get(run.id));
  const twins = useLab((s) => s.runs);
  const twin = run.twinGroup ? twins.find((r) => r.twinGroup === run.twinGroup && r.id !== run.id) : undefined;
  const active = isActive(run.status);
  const fraction = runFraction(run, progress);
  const epochCharts = useMemo(() => buildEpochCharts(perEpoch, palette), [perEpoch, palette]);
  const course = useCourseMarkers(run);
  const batchLoss = useMemo(() => buildBatchChart(batch, palette), [batch, palette]);
  const control = async (command: 'pause' | 'resume' | 'cancel') => {
    const updated = await runControl(api, run, command);
    if (updated) store.upsertRun(updated);
  };
  const live = run.status === 'running' && progress;
  const summary = shownSummary(run, progress);
  const samplesPerSecond = live ? progress.samplesPerSecond : lastValue(findSeries(perEpoch, 'train', 'samplesPerSecond'));

  return (
    <div className="view" data-testid="run-dashboard" data-run-id={run.id}>
      <div className="view-head">
        <div className="grow" style={{ minWidth: 0 }}>
          <div className="row nowrap">
            <h1 className="ellipsis" data-testid="run-title">
              {run.name}
            </h1>
            <StatusBadge status={run.status} />
          </div>
          <p className="ellipsis">
            #{run.id} · {describeModel(run.config.model)} · {describeRegularizer(run.config.regularizer)} · {describeOptimizer(run.config.optimizer)}
          </p>
        </div>
        {active && (
          <button className="btn" onClick={() => void control('pause')} data-testid="pause-run" title={`${pauseTitle} (shortcut: P)`}>
            Pause
          </button>
        )}
        {RESUMABLE_STATUSES.includes(run.status) && (
          <button className="btn primary" onClick={() => void control('resume')} data-testid="resume-run" title={`${resumeTitle} (shortcut: P)`}>
            Resume
          </button>
        )}
        {(active || run.status === 'paused' || run.status === 'interrupted') && (
          <button className="btn" onClick={() => void control('cancel')}>
            Cancel
          </button>
        )}
        {twin && (
          <button className="btn" onClick={() => navigate({ view: 'compare', runIds: [run.id, twin.id] })}>
            Compare with twin
          </button>
        )}
        <button className="btn" onClick={() => navigate({ view: 'templates', runId: run.id })}>
          Templates
        </button>
        <button className="btn" onClick={() => navigate({ view: 'predict', runId: run.id })}>
          Predict
        </button>
      </div>

      <div className="panel panel-body progress-block">
        <ProgressBar value={run.status === 'queued' ? 0 : fraction} paused={!active && run.status !== 'done'} label="Training progress" />
        <div className="meta num">
          <span>
            Epoch {formatCount(progress?.epoch ?? run.epochsDone)} of {formatCount(run.config.epochs)} · {formatPercent(fraction, 0)}
          </span>
          {(active || run.status === 'paused' || run.status === 'interrupted') && <RunPace run={run} step={progress?.step ?? run.stepsDone} epoch={progress?.epoch ?? run.epochsDone} />}
          <span className="spacer" />
          <span>
            {run.status === 'running'
              ? formatEta(progress?.etaSeconds)
              : run.status === 'queued'
                ? 'waiting for a free training slot'
                : run.error && run.status !== 'diverged' // a diverged run's error is its warning below, with the rate to try
                  ? run.error
                  : `trained for ${formatDuration(run.trainSeconds)}`}
          </span>
        </div>
      </div>

      <ChangeCoursePanel run={run} onChanged={course.reload} />

      <div className="stats">
        <Stat label="Train data loss" value={formatNumber(summary.trainDataLoss)} sub={live ? `last epoch · now ${formatNumber(progress.dataLoss)}` : 'last epoch'} testId="stat-train-data-loss" />
        <Stat label="Penalty λR(W)" value={formatNumber(summary.trainPenalty)} sub={run.config.regularizer.kind === 'none' ? 'no regularizer' : 'last epoch, not in the data loss'} testId="stat-penalty" />
        <Stat label="Val data loss" value={formatNumber(summary.valDataLoss)} sub="last epoch" testId="stat-val-data-loss" />
        <Stat label="Train accuracy" value={formatPercent(summary.trainAccuracy)} sub={baselineText(run.splits?.train) ?? 'last epoch'} testId="stat-train-acc" />
        <Stat label="Val accuracy" value={formatPercent(summary.valAccuracy)} sub={[baselineText(run.splits?.val), run.splits?.val ? `${formatCount(run.splits.val.samples)} images` : null].filter(Boolean).join(' · ') || 'last epoch'} testId="stat-val-acc" />
        <Stat label="Samples / s" value={formatCount(samplesPerSecond)} sub={`batch ${formatCount(run.config.batchSize)}`} />
        <Stat label="Parameters" value={formatCount(parameterCount(run.config.model))} sub={run.config.model.hidden.length === 0 ? 'linear' : `${run.config.model.hidden.length} hidden`} />
      </div>

      <RunWarnings run={run} summary={summary} />

      <div className="grid-2">
        <div className="panel panel-body">
          <SeriesChart title="Data loss and penalty per epoch" series={epochCharts.epochLoss} xLabel="epoch" testId="chart-epoch-loss" markers={course.epoch} />
        </div>
        <div className="panel panel-body">
          <SeriesChart title="Data loss and penalty per mini-batch" series={batchLoss} xLabel="step" testId="chart-batch-loss" smoothable markers={course.step} />
        </div>
        <div className="panel panel-body">
          <SeriesChart title="Accuracy per epoch" series={epochCharts.accuracy} xLabel="epoch" percent testId="chart-accuracy" markers={course.epoch} />
        </div>
        <div className="panel panel-body">
          <SeriesChart title="Speed and learning rate" series={epochCharts.speed} xLabel="epoch" percent testId="chart-speed" markers={course.epoch} />
        </div>
      </div>

      <LayerHealthPanel run={run} markers={course.epoch} />
      <ConfusionPanel run={run} />
      <ReplayPanel run={run} />
      <SettingsPanel run={run} />
    </div>
  );
}

/**
 * What says a run went wrong or cannot be trusted, on its dashboard: divergence with what
 * to do, accuracy no better than the majority class, a validation split too small to read.
 */
function RunWarnings({ run, summary }: { run: Run; summary: RunSummary }) {
  const warnings: { id: string; text: string }[] = [];
  if (run.status === 'diverged') {
    const lr = run.config.optimizer.lr;
    // run.error says what happened and to lower the learning rate; the number to try goes with it
    warnings.push({ id: 'run-diverged', text: `Diverged: ${run.error ?? 'the loss grew out of bounds. Lower the learning rate'}: try ${formatHyper(Number((lr / 10).toPrecision(2)))} instead of ${formatHyper(lr)}.` });
  }
  const epochDone = run.epochsDone > 0 || summary.trainAccuracy !== null;
  for (const [split, accuracy, name] of [['val', summary.valAccuracy, 'Validation'], ['train', summary.trainAccuracy, 'Training']] as const) {
    const counts = run.splits?.[split];
    if (!epochDone || !counts || !noBetterThanBaseline(accuracy, counts)) continue;
    warnings.push({
      id: `baseline-warning-${split}`,
      text: `${name} accuracy ${formatPercent(accuracy)} is no better than always answering “${counts.majorityClass}” (${formatPercent(counts.majorityAccuracy)}, the majority class): the model has not learnt to tell the classes apart yet.`,
    });
  }
  const small = smallValidationWarning(run.splits?.val);
  if (small) warnings.push({ id: 'small-val-warning', text: small });
  if (warnings.length === 0) return null;
  return (
    <div className="stack" style={{ gap: 6 }} data-testid="run-warnings">
      {warnings.map((w) => (
        <div key={w.id} className={`notice small ${w.id === 'run-diverged' ? 'error' : 'warn'}`} data-testid={w.id} role={w.id === 'run-diverged' ? 'alert' : undefined}>
          {w.text}
        </div>
      ))}
    </div>
  );
}

/** Pace chosen per run in this window (main keeps the run's pace; this shows what was chosen). */
const chosenPace = new Map<number, PaceChoice>();

function RunPace({ run, step, epoch }: { run: Run; step: number; epoch: number }) {
  const api = useApi();
  const [choice, setChoice] = useState<PaceChoice>(chosenPace.get(run.id) ?? 'realtime');
  const choose = (next: PaceChoice) => {
    chosenPace.set(run.id, next);
    setChoice(next);
  };
  return (
    <PaceControl
      choice={choice}
      canStep={run.status === 'running'}
      step={step}
      epoch={epoch}
      onChoice={(next) => {
        choose(next);
        void api.setRunPace({ id: run.id, pace: paceOf(next) }).then((result) => !result.ok && showToast(`Could not change the pace: ${result.error.message}`, 'error'));
      }}
      onStep={(unit) => {
        choose('held');
        void api.stepRun({ id: run.id, unit }).then((result) => !result.ok && showToast(`Could not step: ${result.error.message}`, 'error'));
      }}
    />
  );
}

function lastValue(series: MetricSeries | undefined): number | null {
  if (!series) return null;
  for (let i = series.value.length - 1; i >= 0; i--) if (series.value[i] !== null) return series.value[i];
  return null;
}

function line(id: string, label: string, color: string, s: MetricSeries | undefined, x: 'epoch' | 'step', dashed = false): ChartSeries {
  return { id, label, color, dashed, points: seriesPoints(s, x) };
}

function buildBatchChart(series: MetricSeries[], palette: ChartPalette): ChartSeries[] {
  const [blue, , , purple] = palette.series;
  return [
    { ...line('batchData', 'data loss', blue, findSeries(series, 'batch', 'dataLoss'), 'step'), width: 1.2 },
    line('batchReg', 'penalty λR(W)', purple, findSeries(series, 'batch', 'regLoss'), 'step', true),
  ];
}

function buildEpochCharts(series: MetricSeries[], palette: ChartPalette): Record<'epochLoss' | 'accuracy' | 'speed', ChartSeries[]> {
  const [blue, orange, green, purple] = palette.series;
  const speed = findSeries(series, 'train', 'samplesPerSecond');
  const lr = findSeries(series, 'train', 'lr');
  const speeds = speed?.value.filter((v): v is number => v !== null && v > 0) ?? [];
  const rates = lr?.value.filter((v): v is number => v !== null && v > 0) ?? [];
  const maxSpeed = Math.max(1, ...speeds);
  const maxLr = Math.max(1e-12, ...rates);
  return {
    epochLoss: [
      line('trainData', 'train data loss', blue, findSeries(series, 'train', 'dataLoss'), 'epoch'),
      line('valData', 'val data loss', orange, findSeries(series, 'val', 'dataLoss'), 'epoch'),
      line('reg', 'penalty λR(W)', purple, findSeries(series, 'train', 'regLoss'), 'epoch', true),
    ],
    accuracy: [
      line('trainAcc', 'train', blue, findSeries(series, 'train', 'accuracy'), 'epoch'),
      line('valAcc', 'validation', orange, findSeries(series, 'val', 'accuracy'), 'epoch'),
    ],
    // Two quantities of different units on one axis: both as a fraction of their maximum.
    speed: [
      {
        id: 'speed',
        // no epoch yet (queued, just started): no scale to name
        label: speeds.length > 0 ? `samples/s (100% = ${formatRate(maxSpeed, '/s')})` : 'samples/s',
        color: green,
        points: seriesPoints(speed, 'epoch').map((p) => ({ x: p.x, y: p.y === null ? null : p.y / maxSpeed })),
      },
      {
        id: 'lr',
        label: rates.length > 0 ? `learning rate (100% = ${formatHyper(maxLr)})` : 'learning rate',
        color: purple,
        dashed: true,
        points: seriesPoints(lr, 'epoch').map((p) => ({ x: p.x, y: p.y === null ? null : p.y / maxLr })),
      },
    ],
  };
}

function SettingsPanel({ run }: { run: Run }) {
  const c = run.config;
  const datasets = useLab((s) => s.datasets);
  const datasetName = run.data.kind === 'dataset' ? datasets.find((d) => d.id === run.datasetId)?.name : undefined;
  const rows: [string, string][] = [
    ['Model', describeModel(c.model)],
    ['Loss', c.loss === 'softmax' ? 'softmax cross-entropy' : 'multiclass SVM (hinge)'],
    ['Regularizer', describeRegularizer(c.regularizer)],
    ['Optimizer', describeOptimizer(c.optimizer) + (c.optimizer.kind === 'momentum' ? `, μ=${c.optimizer.momentum ?? 0.9}` : '')],
    ['Schedule', c.schedule.kind === 'constant' ? 'constant' : c.schedule.kind === 'step' ? `×${c.schedule.gamma} every ${c.schedule.everyEpochs} epochs` : `cosine to ${formatHyper(c.schedule.minLr)}`],
    ['Batch size', formatCount(c.batchSize)],
    ['Epochs', formatCount(c.epochs)],
    ['Seed', String(c.seed)],
    ['Data', run.data.kind === 'toy' ? `${run.data.toy}, ${run.data.samples} points, noise ${run.data.noise}` : `${describeData(run, datasetName)}, ${run.data.normalization} normalization`],
    ['Split', `${formatPercent(run.split.val, 0)} validation, ${formatPercent(run.split.test, 0)} test, seed ${run.split.seed}`],
    ['Origin', `${run.origin === 'cli' ? 'lab CLI' : 'app'} ${run.appVersion}`],
  ];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>Settings</h2>
      </div>
      <div className="panel-body">
        <div className="shortcut-list">
          {rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <span className="muted small">{k}</span>
              <span className="num">{v}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
