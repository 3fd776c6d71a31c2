/**
 * View 6, Sparsity, L1 vs L2: two runs side by side, by default the twins of a twin
 * start (same model, seed and split; L1 on one, L2 on the other). Per layer, histograms of
 * the weight values on one shared axis; the share of exactly-zero and near-zero weights
 * per epoch (as the training worker measured them with each epoch's metrics); their
 * first-layer templates next to each other; and the numbers (zero %, near-zero %,
 * accuracy) that go with the pictures. Of the checkpoints, only each run's scrubbed one is loaded.
 */

import { memo, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { NEAR_ZERO, sharedHistograms, sparsityOfAll, type SharedHistograms } from '../../../src-shared/analysis/histogram';
import { templateImages, type TemplateImage } from '../../../src-shared/analysis/templates';
import { unitNorms, unitsByNorm } from '../../../src-shared/analysis/units';
import type { WeightSparsity } from '../../../src-shared/training/records';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import { useLab } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import type { Checkpoint, MetricSeries, Run } from '../../state/types';
import { EmptyState } from '../../components/EmptyState';
import { Segmented } from '../../components/Field';
import type { ChartSeries } from '../../components/SeriesChart';
import { findSeries, mergeSeries, seriesPoints } from '../../chart-data';
import { describeModel, describeRegularizer } from '../../describe';
import { formatCount, formatNumber, formatPercent } from '../../format';
import { usePalette, type ChartPalette } from '../../theme';
import { EpochScrubber, resolvePosition, type ScrubPosition } from './EpochScrubber';
import { RunSelect } from './TemplatesView';
import { TemplateTile } from './TemplateTile';
import { inputShape, useCheckpoints, useWeights, type InputShape, type Layer } from './weights';
import { baselineText } from '../../run-summary';
import type { SplitCount } from '../../../src-shared/training/records';

const templatesPerRun = 12;
/** 70,003 → "70K": weight counts in narrow cards */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

type SparsityScope = 'all' | 'first';

/** The per-epoch metrics (split 'train') the lines draw; the worker records them with each epoch (WEIGHT_SPARSITY_METRICS). */
const scopeMetrics: Record<SparsityScope, { zero: keyof WeightSparsity; near: keyof WeightSparsity }> = {
  all: { zero: 'zeroFraction', near: 'nearZeroFraction' },
  first: { zero: 'firstLayerZeroFraction', near: 'firstLayerNearZeroFraction' },
};

/** What the view reads per epoch besides the weights: accuracy for the cards, sparsity for the lines (and train loss: has the run any epoch yet). */
const epochSeries = [
  { split: 'val' as const, name: 'accuracy' },
  { split: 'train' as const, name: 'accuracy' },
  { split: 'train' as const, name: 'loss' },
  ...Object.values(scopeMetrics).flatMap(({ zero, near }) => [zero, near].map((name) => ({ split: 'train' as const, name }))),
];

export function SparsityView({ runIds }: { runIds?: number[] }) {
  const navigate = useNavigate();
  const runs = useLab((s) => s.runs);
  const loaded = useLab((s) => s.loaded);
  const [a, b] = pickPair(runs, runIds);

  const head = (
    <div className="view-head">
      <div className="grow" style={{ minWidth: 0 }}>
        <h1>Sparsity: L1 vs L2</h1>
        <p>L1&apos;s constant pull sends small weights to exactly zero; L2 shrinks every weight in proportion and rarely reaches zero.</p>
      </div>
    </div>
  );
  if (!loaded) return <div className="view muted">Loading…</div>;
  const missing = (runIds ?? []).filter((id) => !runs.some((r) => r.id === id));
  if (missing.length > 0) {
    return (
      <div className="view">
        {head}
        <div className="panel">
          <EmptyState art="▮" title={`Run ${missing.join(' and ')} ${missing.length > 1 ? 'do' : 'does'} not exist`} action={<button className="btn primary" onClick={() => navigate({ view: 'sparsity' })}>Show the newest twins</button>}>
            It may have been deleted.
          </EmptyState>
        </div>
      </div>
    );
  }
  if (!a || !b) {
    return (
      <div className="view">
        {head}
        <div className="panel">
          <EmptyState
            art="▮"
            title="Start an L1 vs L2 twin to compare"
            action={
              <>
                <button className="btn primary" onClick={() => navigate({ view: 'new' })}>New experiment</button>
                <button className="btn" onClick={() => navigate({ view: 'datasets' })}>Import the sample dataset</button>
              </>
            }
          >
            “Start L1 vs L2 twins” in New experiment trains the same model twice, with the same seed and split, once with each penalty. Both land here side by side.
          </EmptyState>
        </div>
      </div>
    );
  }
  const choose = (which: 0 | 1, id: number) => {
    const ids = which === 0 ? [id, b.id] : [a.id, id];
    navigate({ view: 'sparsity', runIds: ids });
  };
  const twinGroups = [...new Set(runs.filter((r) => r.twinGroup).map((r) => r.twinGroup as string))];
  return (
    <div className="view" data-testid="sparsity-view" data-run-ids={`${a.id},${b.id}`}>
      {head}
      <div className="panel panel-body row insight-pickers">
        {twinGroups.length > 0 && (
          <label className="insight-select">
            <span className="muted small">Twins</span>
            <select
              className="input"
              value={a.twinGroup && a.twinGroup === b.twinGroup ? a.twinGroup : ''}
              onChange={(e) => {
                const pair = runs.filter((r) => r.twinGroup === e.target.value).sort((x, y) => x.id - y.id);
                if (pair.length >= 2) navigate({ view: 'sparsity', runIds: [pair[0].id, pair[1].id] });
              }}
            >
              {!(a.twinGroup && a.twinGroup === b.twinGroup) && <option value="">(not a twin pair)</option>}
              {twinGroups.map((g) => {
                const pair = runs.filter((r) => r.twinGroup === g).sort((x, y) => x.id - y.id);
                return (
                  <option key={g} value={g}>
                    {pair.map((r) => `#${r.id} ${describeRegularizer(r.config.regularizer)}`).join(' vs ')}
                  </option>
                );
              })}
            </select>
          </label>
        )}
        <RunSelect runs={runs} value={a.id} onChange={(id) => choose(0, id)} label="Left" testId="sparsity-run-a" />
        <RunSelect runs={runs} value={b.id} onChange={(id) => choose(1, id)} label="Right" testId="sparsity-run-b" />
      </div>
      <Comparison key={`${a.id}-${b.id}`} runs={[a, b]} />
    </div>
  );
}

/** The two runs to show: the route's, a run and its twin, or the newest twin pair. */
function pickPair(runs: readonly Run[], runIds: readonly number[] | undefined): [Run | undefined, Run | undefined] {
  const byId = (id: number) => runs.find((r) => r.id === id);
  const twinOf = (run: Run) => runs.find((r) => r.twinGroup !== null && r.twinGroup === run.twinGroup && r.id !== run.id);
  if (runIds && runIds.length >= 2) return [byId(runIds[0]), byId(runIds[1])];
  if (runIds && runIds.length === 1) {
    const run = byId(runIds[0]);
    return [run, run ? twinOf(run) : undefined];
  }
  // runs are listed newest first
  const newestTwin = runs.find((r) => r.twinGroup !== null && twinOf(r));
  if (!newestTwin) return [undefined, undefined];
  const pair = [newestTwin, twinOf(newestTwin)!].sort((x, y) => x.id - y.id);
  return [pair[0], pair[1]];
}

function runColor(run: Run, other: Run, palette: ChartPalette, index: 0 | 1): string {
  const kind = run.config.regularizer.kind;
  if (kind === 'l1' && other.config.regularizer.kind !== 'l1') return palette.l1;
  if (kind === 'l2' && other.config.regularizer.kind !== 'l2') return palette.l2;
  return index === 0 ? palette.l1 : palette.l2;
}

function runLabel(run: Run): string {
  return `#${run.id} ${describeRegularizer(run.config.regularizer)}`;
}

/** The checkpoint of `checkpoints` at `epoch`, or the last one before it. */
function atEpoch(checkpoints: readonly Checkpoint[], epoch: number | undefined): Checkpoint | undefined {
  if (epoch === undefined) return checkpoints.at(-1);
  let best: Checkpoint | undefined;
  for (const c of checkpoints) if (c.epoch <= epoch) best = c;
  return best ?? checkpoints[0];
}

function Comparison({ runs }: { runs: [Run, Run] }) {
  const api = useApi();
  const palette = usePalette();
  const datasets = useLab((s) => s.datasets);
  const [a, b] = runs;
  const listA = useCheckpoints(a);
  const listB = useCheckpoints(b);
  const [position, setPosition] = useState<ScrubPosition>('latest');
  const [playing, setPlaying] = useState(false);
  const [yScale, setYScale] = useState<'linear' | 'sqrt'>('sqrt');
  const index = resolvePosition(position, listA.checkpoints.length);
  const checkpointA = index >= 0 ? listA.checkpoints[index] : undefined;
  // the same epoch of B (twins checkpoint together), else B's latest before it
  const checkpointB = atEpoch(listB.checkpoints, position === 'latest' ? undefined : checkpointA?.epoch);
  const weightsA = useWeights(a.id, checkpointA?.id);
  const weightsB = useWeights(b.id, checkpointB?.id);
  const colors: [string, string] = [runColor(a, b, palette, 0), runColor(b, a, palette, 1)];
  const [scope, setScope] = useState<SparsityScope>('all');
  // accuracy and weight sparsity per epoch, reloaded (the old lines stay drawn) as checkpoints arrive
  const perEpoch = [
    useApiValue(() => api.getMetricSeries({ runId: a.id, series: epochSeries, maxPoints: 10_000 }), `sp-series-${a.id}`, `${listA.checkpoints.length}-${a.status}`),
    useApiValue(() => api.getMetricSeries({ runId: b.id, series: epochSeries, maxPoints: 10_000 }), `sp-series-${b.id}`, `${listB.checkpoints.length}-${b.status}`),
  ];
  const seriesA = perEpoch[0].data?.series;
  const seriesB = perEpoch[1].data?.series;
  const layersA = weightsA.weights?.layers;
  const layersB = weightsB.weights?.layers;
  const histograms = useMemo(() => {
    if (!layersA || !layersB) return null;
    const count = Math.min(layersA.length, layersB.length);
    return Array.from({ length: count }, (_, l) => sharedHistograms([layersA[l].w, layersB[l].w], { bins: 41 }));
  }, [layersA, layersB]);
  const sparsity = useMemo(
    () => [layersA, layersB].map((layers) => (layers ? { all: sparsityOfAll(layers.map((l) => l.w)), perLayer: layers.map((l) => sparsityOfAll([l.w])) } : null)),
    [layersA, layersB],
  );
  const lines = useMemo<ChartSeries[]>(() => {
    const { zero, near } = scopeMetrics[scope];
    const points = (series: readonly MetricSeries[] | undefined, name: string) => seriesPoints(findSeries(series ?? [], 'train', name), 'epoch');
    return [
      { id: 'zeroA', label: `${runLabel(a)} exactly 0`, color: colors[0], points: points(seriesA, zero) },
      { id: 'nearA', label: `${runLabel(a)} |w| < ${formatNumber(NEAR_ZERO)}`, color: colors[0], dashed: true, points: points(seriesA, near) },
      { id: 'zeroB', label: `${runLabel(b)} exactly 0`, color: colors[1], points: points(seriesB, zero) },
      { id: 'nearB', label: `${runLabel(b)} |w| < ${formatNumber(NEAR_ZERO)}`, color: colors[1], dashed: true, points: points(seriesB, near) },
    ];
  }, [a, b, colors[0], colors[1], seriesA, seriesB, scope]);
  // runs recorded before the worker measured sparsity per epoch have epochs but no such line
  const unmeasured = ([0, 1] as const).filter((i) => {
    const series = perEpoch[i].data?.series;
    return series !== undefined && findSeries(series, 'train', 'loss') !== undefined && findSeries(series, 'train', 'zeroFraction') === undefined;
  });
  const epochA = checkpointA?.epoch;
  const epochB = checkpointB?.epoch;
  const error = listA.error ?? listB.error ?? weightsA.error ?? weightsB.error ?? perEpoch[0].error ?? perEpoch[1].error;
  const sameModel = JSON.stringify(a.config.model) === JSON.stringify(b.config.model);

  return (
    <>
      {error && <div className="notice error">{error}</div>}
      {!sameModel && <div className="notice warn">These runs have different models ({describeModel(a.config.model)} and {describeModel(b.config.model)}): layers are compared by position.</div>}
      <div className="panel panel-body insight-controls">
        <EpochScrubber checkpoints={listA.checkpoints} position={position} onChange={setPosition} playing={playing} onPlayingChange={setPlaying} testId="sparsity-scrubber" />
      </div>

      <div className="insight-twin-stats" data-testid="sparsity-numbers">
        {([0, 1] as const).map((i) => {
          const run = runs[i];
          const s = sparsity[i];
          const epoch = i === 0 ? epochA : epochB;
          const acc = perEpoch[i].data?.series;
          return (
            <div key={run.id} className="panel panel-body insight-run-card" style={{ borderTopColor: colors[i] }} data-testid={`sparsity-card-${i}`}>
              <div className="row nowrap">
                <span className="insight-dot" style={{ background: colors[i] }} />
                <strong className="ellipsis">
                  #{run.id} {run.name}
                </strong>
              </div>
              <div className="muted small ellipsis">
                {describeRegularizer(run.config.regularizer)} · {describeModel(run.config.model)} · {epoch !== undefined ? `epoch ${epoch}` : 'no checkpoint yet'}
              </div>
              <div className="stats insight-stats">
                <Figure label="Exactly zero" value={formatPercent(s?.all.zeroFraction)} sub={s ? `${compact.format(s.all.zeros)} of ${compact.format(s.all.count)} weights` : ''} testId={`zero-fraction-${i}`} raw={s?.all.zeroFraction} />
                <Figure label={`|w| < ${formatNumber(NEAR_ZERO)}`} value={formatPercent(s?.all.nearZeroFraction)} sub={s ? `${compact.format(s.all.nearZeros)} weights` : ''} testId={`near-zero-fraction-${i}`} raw={s?.all.nearZeroFraction} />
                <Figure label="Val accuracy" value={formatPercent(epoch !== undefined ? valueAt(acc, 'val', epoch) : null)} sub={withBaseline(epoch, run.splits?.val)} />
                <Figure label="Train accuracy" value={formatPercent(epoch !== undefined ? valueAt(acc, 'train', epoch) : null)} sub={withBaseline(epoch, run.splits?.train)} />
              </div>
            </div>
          );
        })}
      </div>

      <div className="panel">
        <div className="panel-head">
          <h2>Weights at zero, per epoch</h2>
          <span className="faint small">measured at the end of every epoch</span>
          <span className="spacer" />
          <Segmented
            label="weights counted"
            value={scope}
            onChange={setScope}
            options={[
              { value: 'all', label: 'All layers' },
              { value: 'first', label: 'First layer (W1)' },
            ]}
          />
        </div>
        <div className="panel-body">
          <SparsityLines series={lines} title={scope === 'all' ? 'Share of weights at zero, per epoch (all layers)' : 'Share of first-layer weights (W1) at zero, per epoch'} loading={perEpoch[0].loading || perEpoch[1].loading} />
          {unmeasured.length > 0 && (
            <div className="faint small">
              {unmeasured.map((i) => runLabel(runs[i])).join(' and ')} {unmeasured.length > 1 ? 'were' : 'was'} recorded before zero shares were kept per epoch: no line to draw
              (the numbers and histograms above and below come from the checkpoint on the scrubber).
            </div>
          )}
        </div>
      </div>

      <div className="panel">
        <div className="panel-head">
          <h2>Weight values per layer</h2>
          <span className="faint small">same bins and same y axis for both runs; the center bin holds 0</span>
          <span className="spacer" />
          <Segmented
            label="y scale"
            value={yScale}
            onChange={setYScale}
            options={[
              { value: 'linear', label: 'Linear' },
              { value: 'sqrt', label: '√ (shows small bins)' },
            ]}
          />
        </div>
        <div className="panel-body stack">
          {!histograms && <div className="muted">{listA.checkpoints.length === 0 ? 'Waiting for the first checkpoint…' : 'Loading weights…'}</div>}
          {histograms?.map((h, l) => (
            <div key={l} className="insight-hist-row" data-testid="sparsity-histograms">
              {([0, 1] as const).map((i) => (
                <LayerHistogram
                  key={i}
                  title={`${runLabel(runs[i])} · W${l + 1} (${layersA && layersB ? `${(i === 0 ? layersA : layersB)[l].inputs}×${(i === 0 ? layersA : layersB)[l].units}` : ''})`}
                  sub={sparsity[i] ? `${formatPercent(sparsity[i]!.perLayer[l].zeroFraction)} exactly 0 · ${formatPercent(sparsity[i]!.perLayer[l].nearZeroFraction)} near 0` : ''}
                  shared={h}
                  which={i}
                  color={colors[i]}
                  yScale={yScale}
                />
              ))}
            </div>
          ))}
        </div>
      </div>

      {layersA && layersB && <TwinTemplates runs={runs} layers={[layersA, layersB]} shapes={[inputShape(a, datasets), inputShape(b, datasets)]} colors={colors} />}
    </>
  );
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above x (a round top for an axis). */
function niceCeil(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= x) return step * power;
  return 10 * power;
}

/**
 * Zero and near-zero shares per epoch. The y axis starts at 0 and ends a little above
 * the largest share (not at 100%: a few percent must still be readable).
 */
const SparsityLines = memo(function SparsityLines({ series, title, loading }: { series: ChartSeries[]; title: string; loading: boolean }) {
  const palette = usePalette();
  const rows = useMemo(() => mergeSeries(series.map((s) => ({ id: s.id, points: s.points }))), [series]);
  let top = 0;
  for (const s of series) for (const p of s.points) if (p.y !== null) top = Math.max(top, p.y);
  const yMax = Math.min(1, niceCeil(Math.max(0.01, top * 1.1)));
  const label = (fraction: number) => `${Number((fraction * 100).toPrecision(3))}%`;
  return (
    <div className="chart" data-testid="sparsity-lines" data-points={rows.length}>
      <div className="chart-title">{title}</div>
      <div className="legend">
        {series.map((s) => (
          <span key={s.id} style={{ color: s.color }}>
            <span className={`swatch${s.dashed ? ' dashed' : ''}`} style={{ background: s.dashed ? undefined : s.color }} />
            <span style={{ color: 'var(--text-2)' }}>{s.label}</span>
          </span>
        ))}
      </div>
      <div style={{ height: 220, position: 'relative' }}>
        <LineChart responsive data={rows} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 14, left: 0 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            stroke={palette.axis}
            tick={{ fill: palette.text }}
            label={{ value: 'epoch', position: 'insideBottom', offset: -6, fill: palette.text, fontSize: 11 }}
          />
          <YAxis width={52} stroke={palette.axis} tick={{ fill: palette.text }} domain={[0, yMax]} allowDataOverflow tickFormatter={label} />
          <Tooltip
            isAnimationActive={false}
            contentStyle={{ background: palette.tooltipBg, borderColor: palette.tooltipBorder, fontSize: 12 }}
            labelFormatter={(x) => `epoch ${x}`}
            formatter={(value, name) => [`${(Number(value) * 100).toFixed(2)}%`, series.find((s) => s.id === name)?.label ?? String(name)]}
          />
          {series.map((s) => (
            <Line
              key={s.id}
              dataKey={s.id}
              name={s.id}
              stroke={s.color}
              strokeWidth={1.8}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              dot={rows.length < 30 ? { r: 2.5 } : false}
              isAnimationActive={false}
              connectNulls
              type="linear"
            />
          ))}
        </LineChart>
        {rows.length === 0 && <div className="chart-empty">{loading ? 'Loading…' : 'No epoch finished yet'}</div>}
      </div>
    </div>
  );
});

function Figure({ label, value, sub, testId, raw }: { label: string; value: string; sub?: string; testId?: string; raw?: number }) {
  return (
    <div className="stat" data-testid={testId} data-value={raw}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="sub">{sub}</div>
    </div>
  );
}

function valueAt(series: readonly MetricSeries[] | undefined, split: 'train' | 'val', epoch: number): number | null {
  const s = series?.find((x) => x.split === split && x.name === 'accuracy');
  if (!s) return null;
  for (let i = s.epoch.length - 1; i >= 0; i--) if (s.epoch[i] === epoch) return s.value[i];
  return null;
}

const LayerHistogram = memo(function LayerHistogram({
  title,
  sub,
  shared,
  which,
  color,
  yScale,
}: {
  title: string;
  sub: string;
  shared: SharedHistograms;
  which: 0 | 1;
  color: string;
  yScale: 'linear' | 'sqrt';
}) {
  const palette = usePalette();
  const { axis, histograms, maxFraction } = shared;
  const h = histograms[which];
  const width = (2 * axis.limit) / axis.bins;
  const center = (axis.bins - 1) / 2;
  const rows = Array.from(h.fractions, (f, k) => ({ x: axis.edges[k] + width / 2, f, k }));
  return (
    <div className="chart insight-hist" data-bars={rows.filter((r) => r.f > 0).length}>
      <div className="chart-title ellipsis">{title}</div>
      <div className="faint small num">{sub}</div>
      <div style={{ height: 170 }}>
        <BarChart responsive data={rows} style={{ width: '100%', height: '100%' }} margin={{ top: 6, right: 8, bottom: 14, left: 0 }} barCategoryGap={0} barGap={0}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={[-axis.limit, axis.limit]}
            ticks={[-axis.limit, -axis.limit / 2, 0, axis.limit / 2, axis.limit]}
            stroke={palette.axis}
            tick={{ fill: palette.text, fontSize: 11 }}
            tickFormatter={(v: number) => formatNumber(v, 2)}
            label={{ value: 'weight value', position: 'insideBottom', offset: -6, fill: palette.text, fontSize: 11 }}
          />
          <YAxis
            width={46}
            scale={yScale}
            domain={[0, Math.max(maxFraction, 1e-9)]}
            allowDataOverflow
            stroke={palette.axis}
            tick={{ fill: palette.text, fontSize: 11 }}
            tickFormatter={(v: number) => `${Math.round(v * 1000) / 10}%`}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: palette.grid, opacity: 0.4 }}
            contentStyle={{ background: palette.tooltipBg, borderColor: palette.tooltipBorder, fontSize: 12 }}
            labelFormatter={(_, payload) => {
              const k = (payload?.[0]?.payload as { k?: number } | undefined)?.k ?? 0;
              return `${formatNumber(axis.edges[k], 3)} … ${formatNumber(axis.edges[k + 1], 3)}${k === 0 || k === axis.bins - 1 ? ' (and beyond)' : ''}`;
            }}
            formatter={(value) => [`${(Number(value) * 100).toFixed(2)}% of weights`, 'share']}
          />
          <Bar dataKey="f" isAnimationActive={false} minPointSize={0}>
            {rows.map((r) => (
              <Cell key={r.k} fill={color} fillOpacity={r.k === center ? 1 : 0.7} />
            ))}
          </Bar>
        </BarChart>
      </div>
      {h.clipped > 0 && <div className="faint small">{formatCount(h.clipped)} weights beyond ±{formatNumber(axis.limit, 3)} are counted in the end bins</div>}
    </div>
  );
});

function TwinTemplates({ runs, layers, shapes, colors }: { runs: [Run, Run]; layers: [Layer[], Layer[]]; shapes: [InputShape | null, InputShape | null]; colors: [string, string] }) {
  const tiles = useMemo(
    () =>
      ([0, 1] as const).map((i) => {
        const shape = shapes[i];
        const first = layers[i][0];
        if (!shape || !first || first.inputs !== shape.width * shape.height * shape.channels) return null;
        // signed colours: white is exactly zero, so what L1 removed shows as blank pixels
        const images = templateImages(first.w, first.units, shape, { coloring: 'diverging', scaling: 'per-template' });
        const linear = layers[i].length === 1;
        const order = linear ? images.map((_, c) => c) : unitsByNorm(first).slice(0, templatesPerRun);
        const norms = unitNorms(first);
        return order.map((unit) => ({ unit, image: images[unit], label: linear ? shape.classNames[unit] : `#${unit}`, norm: norms[unit] }));
      }),
    [layers, shapes],
  );
  if (!tiles[0] && !tiles[1]) return null;
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>First-layer templates</h2>
        <span className="faint small">blue negative · white zero · red positive{layers[0].length > 1 ? ` · the ${templatesPerRun} strongest hidden units` : ''}</span>
      </div>
      <div className="panel-body grid-2">
        {([0, 1] as const).map((i) => (
          <div key={i} className="stack" data-testid={`twin-templates-${i}`}>
            <div className="row nowrap">
              <span className="insight-dot" style={{ background: colors[i] }} />
              <strong className="ellipsis">{runLabel(runs[i])}</strong>
            </div>
            {tiles[i] ? (
              <div className="insight-tiles">
                {tiles[i]!.map((t) => (
                  <TemplateTile key={t.unit} image={t.image as TemplateImage} size={56} label={t.label} sub={formatNumber(t.norm, 2)} testId="template-tile" />
                ))}
              </div>
            ) : (
              <div className="muted small">No image input: no templates to draw.</div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** "epoch 12 · majority 10.0%": which epoch an accuracy is of, and what always answering the majority class scores. */
function withBaseline(epoch: number | undefined, split: SplitCount | null | undefined): string {
  return [epoch !== undefined ? `epoch ${epoch}` : null, baselineText(split)].filter(Boolean).join(' · ');
}
