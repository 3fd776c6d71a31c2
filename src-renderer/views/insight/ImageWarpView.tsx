/**
 * Space warping on the student's own images: a run's validation images as points, coloured
 * by class, in input space and in each hidden layer's space (each space through one PCA
 * per run, so its axes hold still), with an epoch scrubber. Scrubbing shows the classes
 * untangle, layer after layer; the number under each plane is how often a point's nearest
 * class centre is its own. Clicking a point shows its image.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import { boundsOf, type Bounds } from '../../../src-shared/analysis/warp';
import type { ResponseOf } from '../../../src-shared/api/contract';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import { useLab } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { PixelCanvas } from '../../components/PixelCanvas';
import { EmptyState } from '../../components/EmptyState';
import { formatPercent } from '../../format';
import { useColorScheme, usePalette } from '../../theme';
import { PlaneCanvas } from './PlaneCanvas';
import { drawPoints, px, py, viewport } from './plane-draw';
import { RunSelect } from './TemplatesView';

type Warp = ResponseOf<'getImageWarp'>;

export function ImageWarpView({ runId }: { runId?: number }) {
  const api = useApi();
  const navigate = useNavigate();
  const runs = useLab((s) => s.runs);
  const candidates = useMemo(() => runs.filter((r) => r.data.kind === 'dataset' && r.epochsDone > 0), [runs]);
  const chosen = runId ?? candidates[0]?.id;
  const run = runs.find((r) => r.id === chosen);
  const loaded = useApiValue(chosen !== undefined ? () => api.getImageWarp({ runId: chosen }) : null, `image-warp-${chosen}`, run ? `${run.status}-${run.epochsDone}` : 0);
  const warp = loaded.data;

  return (
    <div className="view" data-testid="image-warp-view" data-run-id={chosen ?? ''}>
      <div className="view-head">
        <div className="grow" style={{ minWidth: 0 }}>
          <h1>Space warping on your images</h1>
          <p>Validation images as points: in input space and after each hidden layer, at each saved epoch. Watch the classes pull apart.</p>
        </div>
        <RunSelect runs={candidates} value={chosen} onChange={(id) => navigate({ view: 'imagewarp', runId: id })} testId="image-warp-run" />
      </div>
      {chosen === undefined ? (
        <div className="panel">
          <EmptyState art="◎" title="No trained image run yet" action={<button className="btn primary" onClick={() => navigate({ view: 'new' })}>New experiment</button>}>
            Train a run on an image dataset (the built-in sample will do); its validation images appear here, epoch by epoch.
          </EmptyState>
        </div>
      ) : loaded.error ? (
        <div className="notice error">{loaded.error}</div>
      ) : !warp ? (
        <div className="muted">Projecting the validation images…</div>
      ) : (
        <WarpPlanes key={`${warp.runId}-${warp.frames.length}`} warp={warp} />
      )}
    </div>
  );
}

function WarpPlanes({ warp }: { warp: Warp }) {
  const palette = usePalette();
  const dark = useColorScheme() === 'dark';
  const [frame, setFrame] = useState(warp.frames.length - 1);
  const [playing, setPlaying] = useState(false);
  const [picked, setPicked] = useState<number | null>(null);
  const n = warp.labels.length;
  const pixels = useMemo(() => (warp.input.kind === 'image' ? Uint8Array.from(atob(warp.input.pixels), (c) => c.charCodeAt(0)) : null), [warp]);
  // one box per space over every epoch: the axes stay put while scrubbing
  const bounds = useMemo(() => warp.spaces.map((_, s) => boundsOf(warp.frames.flatMap((f) => f.points[s]), n * warp.frames.length, { pad: 0.06 })), [warp, n]);

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      if (frame >= warp.frames.length - 1) setPlaying(false);
      else setFrame(frame + 1);
    }, 700);
    return () => clearTimeout(timer);
  }, [playing, frame, warp.frames.length]);

  const current = warp.frames[Math.min(frame, warp.frames.length - 1)];
  const colors = useMemo(() => classColors(warp.classNames.length, palette.series), [warp.classNames.length, palette.series]);
  const size = warp.input.kind === 'image' ? warp.input.width * warp.input.height * warp.input.channels : 0;
  return (
    <>
      <div className="panel panel-body insight-scrubber" data-testid="image-warp-scrubber">
        <button type="button" className="btn" aria-label={playing ? 'Pause replay' : 'Replay training'} onClick={() => {
          if (!playing && frame >= warp.frames.length - 1) setFrame(0);
          setPlaying(!playing);
        }} disabled={warp.frames.length < 2}>
          {playing ? '❚❚' : '▶'}
        </button>
        <input type="range" min={0} max={warp.frames.length - 1} value={frame} aria-label="Epoch" onChange={(e) => {
          setPlaying(false);
          setFrame(Number(e.target.value));
        }} disabled={warp.frames.length < 2} />
        <span className="num nowrap">epoch {current.epoch} <span className="faint">· {frame + 1} of {warp.frames.length}</span></span>
      </div>
      <div className="legend" style={{ margin: '8px 0' }}>
        {warp.classNames.map((name, c) => (
          <span key={name}>
            <span className="swatch" style={{ background: colors[c], height: 8, width: 8, borderRadius: 4 }} />
            {name}
          </span>
        ))}
      </div>
      <div className="insight-planes" data-testid="image-warp-planes" data-points={n} data-epoch={current.epoch} style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))' }}>
        {warp.spaces.map((space, s) => (
          <SpacePlane
            key={space.name}
            title={`${space.name} · ${space.width}-D`}
            points={current.points[s]}
            labels={warp.labels}
            bounds={bounds[s]}
            colors={colors}
            outline={dark ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.9)'}
            highlight={picked}
            onPick={setPicked}
            caption={`Nearest class center right for ${formatPercent(current.separation[s], 0)} of the images · the plane shows ${formatPercent(space.shown, 0)} of this space's variance`}
            testId={`image-warp-${s === 0 ? 'input' : `hidden-${s}`}`}
          />
        ))}
      </div>
      {picked !== null && (
        <div className="panel panel-body row" data-testid="image-warp-picked">
          {pixels && warp.input.kind === 'image' ? (
            <PixelCanvas pixels={pixels} offset={picked * size} width={warp.input.width} height={warp.input.height} channels={warp.input.channels} size={112} title={`Image ${picked + 1}`} />
          ) : null}
          <div>
            <div><strong>{warp.classNames[warp.labels[picked]]}</strong></div>
            <div className="muted small">validation image {picked + 1} of {n}; click another point to compare</div>
          </div>
          <button className="btn" onClick={() => setPicked(null)}>Close</button>
        </div>
      )}
    </>
  );
}

function SpacePlane({ title, points, labels, bounds, colors, outline, highlight, onPick, caption, testId }: {
  title: string;
  points: readonly number[];
  labels: readonly number[];
  bounds: Bounds;
  colors: readonly string[];
  outline: string;
  highlight: number | null;
  onPick: (index: number) => void;
  caption: string;
  testId: string;
}) {
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      const v = viewport(bounds, w, h, 8);
      drawPoints(ctx, v, points, labels, colors, Math.max(2, w / 130), outline);
      if (highlight !== null) {
        ctx.save();
        ctx.strokeStyle = '#000';
        ctx.lineWidth = Math.max(2, w / 200);
        ctx.beginPath();
        ctx.arc(px(v, points[2 * highlight]), py(v, points[2 * highlight + 1]), Math.max(6, w / 45), 0, 2 * Math.PI);
        ctx.stroke();
        ctx.restore();
      }
    },
    [bounds, points, labels, colors, outline, highlight],
  );
  const click = (event: React.MouseEvent<HTMLDivElement>) => {
    const canvas = event.target;
    if (!(canvas instanceof HTMLCanvasElement)) return;
    const rect = canvas.getBoundingClientRect();
    const X = ((event.clientX - rect.left) * canvas.width) / rect.width;
    const Y = ((event.clientY - rect.top) * canvas.height) / rect.height;
    const v = viewport(bounds, canvas.width, canvas.height, 8);
    let best = -1;
    let bestDistance = (Math.max(8, canvas.width / 40)) ** 2;
    for (let r = 0; r < labels.length; r++) {
      const d = (px(v, points[2 * r]) - X) ** 2 + (py(v, points[2 * r + 1]) - Y) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = r;
      }
    }
    if (best >= 0) onPick(best);
  };
  return (
    <div onClick={click} style={{ cursor: 'crosshair' }}>
      <PlaneCanvas draw={draw} title={title} label={`${title}: ${labels.length} validation images as points`} caption={caption} testId={testId} />
    </div>
  );
}

/** One colour per class: the chart palette while it lasts, evenly spaced hues beyond it (10 Fashion-MNIST classes need 10). */
function classColors(count: number, series: readonly string[]): string[] {
  if (count <= series.length) return series.slice(0, count);
  return Array.from({ length: count }, (_, c) => `hsl(${Math.round((c * 360) / count)}, 70%, 45%)`);
}
