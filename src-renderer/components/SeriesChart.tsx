import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { decimate, mergeSeries, smooth, type Point } from '../chart-data';
import { formatNumber } from '../format';
import { usePalette } from '../theme';

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  points: readonly Point[];
  dashed?: boolean;
  width?: number;
}

/** A vertical line at `x` (e.g. where the learning rate was changed mid-run), labelled. */
export interface ChartMarker {
  x: number;
  label: string;
}

/** A horizontal guide at `y` (e.g. the healthy update ratio), labelled. */
export interface ChartGuide {
  y: number;
  label: string;
  dashed?: boolean;
}

/**
 * Chart updates waiting for their turn. Drawing a chart (recharts lays out every point in
 * SVG) is the longest piece of work the page does; when several charts change at once (a
 * view opens, a fetch brings an epoch's values) each is drawn in a task of its own, so
 * the page stays responsive between them.
 */
const pendingDraws: (() => void)[] = [];
let drawing = false;

function drawNext(): void {
  const draw = pendingDraws.shift();
  if (!draw) {
    drawing = false;
    return;
  }
  draw();
  setTimeout(drawNext, 0);
}

function queueDraw(draw: () => void): void {
  pendingDraws.push(draw);
  if (drawing) return;
  drawing = true;
  setTimeout(drawNext, 0);
}

/**
 * `value` as drawn: it follows `value` one queued task later, in turn with the other
 * charts (null until the first turn). One turn per chart is pending at most.
 */
function useQueuedDraw<T>(value: T): T | null {
  const [drawn, setDrawn] = useState<T | null>(null);
  const latest = useRef(value);
  latest.current = value;
  const queued = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (queued.current) return;
    queued.current = true;
    queueDraw(() => {
      queued.current = false;
      // rendered now, in this task, so the next chart's turn gets a task of its own
      if (mounted.current) flushSync(() => setDrawn(() => latest.current));
    });
  }, [value]);
  return drawn;
}

/**
 * Lines over a shared numeric x axis, at a fixed height (no jump while data streams), never
 * animated, each series decimated to a few thousand points. The legend is ours (HTML), so
 * it keeps its place whatever the series hold.
 */
export const SeriesChart = memo(function SeriesChart({
  series,
  height = 220,
  xLabel,
  title,
  percent = false,
  logY = false,
  testId,
  smoothable = false,
  markers = noMarkers,
  guides = noGuides,
}: {
  series: ChartSeries[];
  height?: number;
  xLabel: string;
  title?: string;
  percent?: boolean;
  logY?: boolean;
  testId?: string;
  /** noisy per-batch values: offer smoothing, on by default */
  smoothable?: boolean;
  markers?: readonly ChartMarker[];
  guides?: readonly ChartGuide[];
}) {
  const palette = usePalette();
  const [smoothed, setSmoothed] = useState(smoothable);
  const rows = useMemo(
    () =>
      mergeSeries(
        series.map((s) => {
          const points = logY ? s.points.filter((p) => p.y === null || p.y > 0) : s.points;
          return { id: s.id, points: decimate(smoothed ? smooth(points, 0.9) : points) };
        }),
      ),
    [series, logY, smoothed],
  );
  const drawn = useQueuedDraw(useMemo(() => ({ rows, series }), [rows, series]));
  const shownRows = drawn?.rows ?? noRows;
  const shownSeries = drawn?.series ?? series;
  const hasData = shownSeries.some((s) => s.points.some((p) => p.y !== null));
  // How far each drawn series reaches, for tests and assistive tools: "120,118" while two runs train.
  const reach = shownSeries.map((s) => s.points.at(-1)?.x ?? 0).join(',');
  const formatY = (v: number) => (percent ? `${Math.round(v * 100)}%` : formatNumber(v, 2));
  return (
    <div className="chart" data-testid={testId} data-points={shownRows.length} data-reach={reach} data-markers={markers.length}>
      {(title || smoothable) && (
        <div className="chart-title">
          {title}
          {smoothable && (
            <label className="checkbox small" style={{ marginLeft: 'auto', fontWeight: 400 }}>
              <input type="checkbox" checked={smoothed} onChange={(e) => setSmoothed(e.target.checked)} />
              smoothed
            </label>
          )}
        </div>
      )}
      <div className="legend">
        {series.map((s) => (
          <span key={s.id} style={{ color: s.color }}>
            <span className={`swatch${s.dashed ? ' dashed' : ''}`} style={{ background: s.dashed ? undefined : s.color }} />
            <span style={{ color: 'var(--text-2)' }}>{s.label}</span>
          </span>
        ))}
      </div>
      <div style={{ height, position: 'relative' }}>
        {drawn && (
          <LineChart responsive data={shownRows} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 14, left: 0 }}>
            <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="x"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              stroke={palette.axis}
              tick={{ fill: palette.text }}
              tickFormatter={(v: number) => formatNumber(v, 3)}
              label={{ value: xLabel, position: 'insideBottom', offset: -6, fill: palette.text, fontSize: 11 }}
            />
            <YAxis
              width={52}
              stroke={palette.axis}
              tick={{ fill: palette.text }}
              scale={logY ? 'log' : 'auto'}
              domain={percent ? [0, 1] : logY ? ['auto', 'auto'] : [0, 'auto']}
              allowDataOverflow={logY}
              tickFormatter={formatY}
            />
            <Tooltip
              isAnimationActive={false}
              contentStyle={{ background: palette.tooltipBg, borderColor: palette.tooltipBorder, fontSize: 12 }}
              labelFormatter={(label) => `${xLabel} ${formatNumber(Number(label), 4)}`}
              formatter={(value, name) => [percent ? `${(Number(value) * 100).toFixed(1)}%` : formatNumber(Number(value), 4), shownSeries.find((s) => s.id === name)?.label ?? String(name)]}
            />
            {guides.map((g) => (
              <ReferenceLine key={`guide-${g.y}`} y={g.y} ifOverflow="extendDomain" stroke={palette.axis} strokeDasharray={g.dashed ? '2 3' : '6 3'} label={{ value: g.label, position: 'insideTopRight', fill: palette.text, fontSize: 10 }} />
            ))}
            {markers.map((m) => (
              <ReferenceLine key={`marker-${m.x}-${m.label}`} x={m.x} ifOverflow="extendDomain" stroke={palette.series[1]} strokeWidth={1.5} className="chart-marker" label={{ value: m.label, position: 'insideTopLeft', fill: palette.series[1], fontSize: 10 }} />
            ))}
            {shownSeries.map((s) => (
              <Line
                key={s.id}
                dataKey={s.id}
                name={s.id}
                stroke={s.color}
                strokeWidth={s.width ?? 1.8}
                strokeDasharray={s.dashed ? '5 4' : undefined}
                dot={false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
                type="linear"
              />
            ))}
          </LineChart>
        )}
        {!hasData && <div className="chart-empty">Waiting for the first values…</div>}
      </div>
    </div>
  );
});

const noRows: Record<string, number | null>[] = [];
const noMarkers: readonly ChartMarker[] = [];
const noGuides: readonly ChartGuide[] = [];
