/**
 * Layer health on the run dashboard: per layer and epoch, the update-to-weight ratio (log
 * scale, with the ~1e-3 guide and the healthy band), the gradient norm, the share of dead
 * ReLUs, and the distribution of a hidden layer's activations over epochs (TensorBoard-style
 * bands), with a warning when a layer dies or its updates stay out of the band.
 */

import { useMemo, useState } from 'react';
import { DISTRIBUTION_PERCENTILES, UPDATE_RATIO_GUIDE, UPDATE_RATIO_RANGE, healthWarnings, type EpochHealth } from '../../../src-shared/analysis/layer-health';
import { healthHistory, healthMetricName } from '../../../src-shared/training/health-metrics';
import { useLiveSeries, type SeriesKey } from '../../state/live-series';
import type { Run } from '../../state/types';
import { SeriesChart, type ChartMarker, type ChartSeries } from '../../components/SeriesChart';
import { formatNumber } from '../../format';
import { usePalette } from '../../theme';

const healthPoints = 500;
const healthIntervalMs = 2500;
const guides = [
  { y: UPDATE_RATIO_GUIDE, label: '1e-3' },
  { y: UPDATE_RATIO_RANGE[0], label: '1e-4', dashed: true },
  { y: UPDATE_RATIO_RANGE[1], label: '1e-2', dashed: true },
];

/** The series fetched: ratio and gradient norm of every layer, dead share of ReLU layers, percentiles of the chosen layer (≤ 50 names). */
function wantedKeys(run: Run, shownLayer: number): SeriesKey[] {
  const { hidden } = run.config.model;
  const keys: SeriesKey[] = [];
  for (let layer = 1; layer <= hidden.length + 1; layer++) {
    keys.push({ split: 'train', name: healthMetricName(layer, 'ratio') }, { split: 'train', name: healthMetricName(layer, 'grad') });
    if (layer <= hidden.length && hidden[layer - 1].activation === 'relu') keys.push({ split: 'train', name: healthMetricName(layer, 'dead') });
  }
  if (shownLayer >= 1 && shownLayer <= hidden.length) DISTRIBUTION_PERCENTILES.forEach((_, k) => keys.push({ split: 'train', name: healthMetricName(shownLayer, `act${k}`) }));
  return keys;
}

export function LayerHealthPanel({ run, markers }: { run: Run; markers: readonly ChartMarker[] }) {
  const palette = usePalette();
  const hiddenCount = run.config.model.hidden.length;
  const layers = hiddenCount + 1;
  const [shownLayer, setShownLayer] = useState(1);
  const keys = useMemo(() => wantedKeys(run, shownLayer), [run, shownLayer]);
  const ids = useMemo(() => [run.id], [run.id]);
  const series = useLiveSeries(ids, keys, healthPoints, 'epoch', healthIntervalMs).byRun.get(run.id);
  const history = useMemo(() => healthHistory(series ?? [], layers), [series, layers]);
  const warnings = useMemo(() => healthWarnings(history), [history]);
  const lines = useMemo(() => {
    const per = (pick: (h: EpochHealth['layers'][number]) => number | null, only?: (layer: number) => boolean): ChartSeries[] =>
      Array.from({ length: layers }, (_, l) => l + 1)
        .filter((layer) => !only || only(layer))
        .map((layer) => ({
          id: `L${layer}`,
          label: layer === layers ? `W${layer} (scores)` : `W${layer}`,
          color: palette.series[(layer - 1) % palette.series.length],
          points: history.map((e) => ({ x: e.epoch, y: pick(e.layers[layer - 1]) })),
        }));
    const relu = (layer: number) => layer <= hiddenCount && run.config.model.hidden[layer - 1].activation === 'relu';
    return {
      ratio: per((h) => h.updateRatio),
      grad: per((h) => (Number.isFinite(h.gradNorm) ? h.gradNorm : null)),
      dead: per((h) => h.deadFraction, relu),
    };
  }, [history, layers, hiddenCount, palette, run.config.model.hidden]);

  return (
    <div className="panel" data-testid="layer-health" data-epochs={history.length}>
      <div className="panel-head">
        <h2>Layer health</h2>
        <span className="muted small">per layer, at each epoch's end, on a fixed probe batch of validation images</span>
      </div>
      <div className="panel-body">
        {warnings.length > 0 && (
          <div className="stack" style={{ marginBottom: 10 }}>
            {warnings.map((w) => (
              <div key={`${w.layer}-${w.kind}`} className="notice warn" data-testid="health-warning" data-kind={w.kind}>
                {w.message}
              </div>
            ))}
          </div>
        )}
        {history.length === 0 ? (
          <div className="muted">Layer health appears after the first epoch.</div>
        ) : (
          <div className="grid-2">
            <SeriesChart title="Update / weight ratio ‖ΔW‖/‖W‖ (healthy ≈ 1e-3)" series={lines.ratio} xLabel="epoch" logY guides={guides} markers={markers} testId="chart-update-ratio" />
            <SeriesChart title="Gradient norm ‖dL/dW‖" series={lines.grad} xLabel="epoch" logY markers={markers} testId="chart-grad-norm" />
            {lines.dead.length > 0 && <SeriesChart title="Dead ReLUs (never fire on the probe batch)" series={lines.dead} xLabel="epoch" percent markers={markers} testId="chart-dead-relus" />}
            {hiddenCount > 0 && (
              <div>
                <div className="chart-title">
                  Activations of hidden layer
                  <select value={shownLayer} onChange={(e) => setShownLayer(Number(e.target.value))} aria-label="Hidden layer">
                    {Array.from({ length: hiddenCount }, (_, l) => (
                      <option key={l} value={l + 1}>
                        {l + 1} ({run.config.model.hidden[l].activation})
                      </option>
                    ))}
                  </select>
                </div>
                <DistributionChart history={history} layer={shownLayer} color={palette.series[(shownLayer - 1) % palette.series.length]} textColor={palette.text} />
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/** Band pairs of DISTRIBUTION_PERCENTILES (min–max, ±1.5σ, ±1σ, ±0.5σ), drawn from the outside in. */
const bands: [number, number][] = [[0, 8], [1, 7], [2, 6], [3, 5]];

/**
 * Activation percentiles over epochs as nested bands around the median: a layer whose
 * outputs collapse to zero shows the bands pressed onto the axis; saturating tanh or sigmoid
 * units show them stuck at ±1 or 0/1.
 */
function DistributionChart({ history, layer, color, textColor }: { history: readonly EpochHealth[]; layer: number; color: string; textColor: string }) {
  const width = 420;
  const height = 200;
  const pad = { left: 46, right: 10, top: 8, bottom: 22 };
  const rows = history.flatMap((e) => {
    const act = e.layers[layer - 1]?.activation;
    return act && act.every(Number.isFinite) ? [{ epoch: e.epoch, act }] : [];
  });
  if (rows.length === 0) return <div className="muted small" style={{ height }}>No activations recorded for this layer yet.</div>;
  const lo = Math.min(...rows.map((r) => r.act[0]));
  const hi = Math.max(...rows.map((r) => r.act[8]));
  const span = hi - lo || 1;
  const first = rows[0].epoch;
  const last = rows[rows.length - 1].epoch;
  const x = (epoch: number) => pad.left + (last === first ? 0.5 : (epoch - first) / (last - first)) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + (1 - (v - lo) / span) * (height - pad.top - pad.bottom);
  const band = (a: number, b: number) => {
    const top = rows.map((r) => `${x(r.epoch).toFixed(1)},${y(r.act[b]).toFixed(1)}`);
    const bottom = rows.map((r) => `${x(r.epoch).toFixed(1)},${y(r.act[a]).toFixed(1)}`).reverse();
    // a single epoch: a thin vertical bar
    if (rows.length === 1) return `M${x(first) - 3},${y(rows[0].act[b])} h6 V${y(rows[0].act[a])} h-6 Z`;
    return `M${top.join(' L')} L${bottom.join(' L')} Z`;
  };
  const median = rows.map((r) => `${x(r.epoch).toFixed(1)},${y(r.act[4]).toFixed(1)}`).join(' L');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} data-testid="activation-distribution" data-epochs={rows.length} role="img" aria-label={`Activation distribution of hidden layer ${layer} over ${rows.length} epochs`}>
      {bands.map(([a, b], i) => (
        <path key={a} d={band(a, b)} fill={color} fillOpacity={0.12 + 0.13 * i} stroke="none" />
      ))}
      <path d={`M${median}`} fill="none" stroke={color} strokeWidth={1.6} />
      {[lo, (lo + hi) / 2, hi].map((v) => (
        <text key={v} x={pad.left - 4} y={y(v) + 3} textAnchor="end" fontSize={10} fill={textColor}>
          {formatNumber(v, 2)}
        </text>
      ))}
      <text x={pad.left} y={height - 6} fontSize={10} fill={textColor}>
        epoch {first}
      </text>
      <text x={width - pad.right} y={height - 6} textAnchor="end" fontSize={10} fill={textColor}>
        epoch {last}
      </text>
    </svg>
  );
}
