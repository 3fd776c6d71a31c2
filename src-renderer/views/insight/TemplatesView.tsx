/**
 * View 5, Weight templates: the first layer's weights drawn as images in the input's
 * shape. Column j of W1 is what unit j "looks for": for a linear classifier the units are
 * the classes (one blurry template per class); in an MLP they are hidden units, shown
 * strongest first, and W2 says which of them each class draws on. The scrubber replays
 * how the templates formed, checkpoint by checkpoint.
 */

import { useMemo, useState } from 'react';
import { templateImages, weightChange, type TemplateColoring, type TemplateImage, type TemplateScaling } from '../../../src-shared/analysis/templates';
import { matrixProduct, topFeeders, unitNorms, unitsByNorm, type Feeder, type WeightMatrix } from '../../../src-shared/analysis/units';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import { useLab } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import type { MetricSeries, Run } from '../../state/types';
import { EmptyState } from '../../components/EmptyState';
import { Segmented } from '../../components/Field';
import { describeModel, describeRegularizer } from '../../describe';
import { formatNumber, formatPercent } from '../../format';
import { EpochScrubber, resolvePosition, type ScrubPosition } from './EpochScrubber';
import { TemplateTile } from './TemplateTile';
import { checkpointLabel, inputShape, useCheckpoints, useImageRuns, useWeights, type InputShape, type Layer } from './weights';
import { baselineText } from '../../run-summary';

const tileSizes = { s: 48, m: 72, l: 112 } as const;
type TileSize = keyof typeof tileSizes;
/** hidden units drawn before "show all" */
const hiddenShown = 48;
const feedersPerClass = 5;

export function TemplatesView({ runId }: { runId?: number }) {
  const navigate = useNavigate();
  const imageRuns = useImageRuns();
  const allRuns = useLab((s) => s.runs);
  const loaded = useLab((s) => s.loaded);
  const requested = runId !== undefined ? allRuns.find((r) => r.id === runId) : undefined;
  const run = requested ?? (runId === undefined ? imageRuns[0] : undefined);

  const head = (
    <div className="view-head">
      <div className="grow" style={{ minWidth: 0 }}>
        <h1>Weight templates</h1>
        <p>Each first-layer unit weighs every pixel; drawn in the input&apos;s shape, its weights show what it looks for.</p>
      </div>
      {imageRuns.length > 0 && <RunSelect runs={imageRuns} value={run?.id} onChange={(id) => navigate({ view: 'templates', runId: id })} />}
    </div>
  );

  if (!loaded) return <div className="view muted">Loading…</div>;
  if (runId !== undefined && !requested) {
    return (
      <div className="view">
        {head}
        <div className="panel">
          <EmptyState art="▩" title={`Run ${runId} does not exist`} action={<button className="btn primary" onClick={() => navigate({ view: 'templates' })}>Show the latest run</button>}>
            It may have been deleted.
          </EmptyState>
        </div>
      </div>
    );
  }
  if (!run) {
    return (
      <div className="view">
        {head}
        <div className="panel">
          <EmptyState
            art="▩"
            title="No image runs yet"
            action={
              <>
                <button className="btn primary" onClick={() => navigate({ view: 'datasets' })}>Import the sample dataset</button>
                <button className="btn" onClick={() => navigate({ view: 'new' })}>New experiment</button>
              </>
            }
          >
            Templates are pictures of weights over image pixels. Train a linear classifier on the built-in sample and its ten class templates appear here.
          </EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div className="view" data-testid="templates-view" data-run-id={run.id}>
      {head}
      <RunTemplates run={run} />
    </div>
  );
}

export function RunSelect({ runs, value, onChange, label = 'Run', testId }: { runs: readonly Run[]; value: number | undefined; onChange: (id: number) => void; label?: string; testId?: string }) {
  return (
    <label className="insight-select">
      <span className="muted small">{label}</span>
      <select className="input" value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {value === undefined && <option value="">Choose a run…</option>}
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            #{r.id} {r.name} · {describeModel(r.config.model)} · {describeRegularizer(r.config.regularizer)} · {r.status}
          </option>
        ))}
      </select>
    </label>
  );
}

function RunTemplates({ run }: { run: Run }) {
  const api = useApi();
  const navigate = useNavigate();
  const datasets = useLab((s) => s.datasets);
  const shape = inputShape(run, datasets);
  const { checkpoints, error: listError, loading: listLoading } = useCheckpoints(run);
  const [position, setPosition] = useState<ScrubPosition>('latest');
  const [playing, setPlaying] = useState(false);
  const index = resolvePosition(position, checkpoints.length);
  const checkpoint = index >= 0 ? checkpoints[index] : undefined;
  const { weights, error, loading: weightsLoading } = useWeights(run.id, checkpoint?.id);
  const [show, setShow] = useState<'weights' | 'change'>('weights');
  // the initial weights (epoch 0, recorded before the first step) for "change since start"
  const start = checkpoints[0]?.epoch === 0 ? checkpoints[0] : undefined;
  const { weights: initial } = useWeights(run.id, show === 'change' ? start?.id : undefined);
  const shown = useMemo(() => {
    if (!weights || show === 'weights') return weights?.layers ?? null;
    if (!initial) return null;
    return weights.layers.map((layer, l) => ({ ...layer, w: weightChange(layer.w, initial.layers[l].w), b: weightChange(layer.b, initial.layers[l].b) }));
  }, [weights, initial, show]);
  const accuracy = useApiValue(
    () => api.getMetricSeries({ runId: run.id, series: [{ split: 'val', name: 'accuracy' }, { split: 'train', name: 'accuracy' }], maxPoints: 10_000 }),
    `template-accuracy-${run.id}-${checkpoints.length}`,
  );

  const [scaling, setScaling] = useState<TemplateScaling>('per-template');
  const [coloring, setColoring] = useState<TemplateColoring | 'auto'>('auto');
  const [size, setSize] = useState<TileSize>('m');

  if (run.config.model.features) {
    return (
      <div className="panel">
        <EmptyState art="◎" title="This model reads features, not pixels">
          Run #{run.id} puts a fixed {run.config.model.features.kind} transform in front of its first layer: that layer&apos;s weights are over those features, so they draw no picture of the input.
        </EmptyState>
      </div>
    );
  }
  if (!shape) {
    return (
      <div className="panel">
        <EmptyState art="◎" title="This run has no image input" action={<button className="btn primary" onClick={() => navigate({ view: 'spacewarp' })}>Open space warping</button>}>
          Run #{run.id} trains on 2-D toy points: its first layer has {run.config.model.inputSize} inputs, no picture. The space-warping view shows what such a net does to the plane.
        </EmptyState>
      </div>
    );
  }
  const effectiveColoring: TemplateColoring = coloring === 'auto' ? (shape.channels === 3 ? 'image' : 'diverging') : coloring;
  const epoch = checkpoint?.epoch;
  const valAcc = epoch !== undefined ? valueAtEpoch(accuracy.data?.series, 'val', epoch) : null;
  const trainAcc = epoch !== undefined ? valueAtEpoch(accuracy.data?.series, 'train', epoch) : null;

  return (
    <>
      <div className="panel panel-body insight-controls">
        <EpochScrubber checkpoints={checkpoints} position={position} onChange={setPosition} playing={playing} onPlayingChange={setPlaying} testId="templates-scrubber" loading={listLoading} />
        <div className="row insight-options">
          <span className="muted small">Show</span>
          <Segmented
            label="Show"
            value={show}
            onChange={setShow}
            options={[
              { value: 'weights', label: 'Weights W' },
              { value: 'change', label: 'Change since start W − W₀' },
            ]}
          />
          <span className="muted small">Scale</span>
          <Segmented
            label="Scaling"
            value={scaling}
            onChange={setScaling}
            options={[
              { value: 'per-template', label: 'Per template' },
              { value: 'shared', label: 'Shared' },
            ]}
          />
          <span className="muted small">Colors</span>
          <Segmented
            label="Colors"
            value={effectiveColoring}
            onChange={setColoring}
            options={[
              { value: 'image', label: shape.channels === 3 ? 'RGB' : 'Gray' },
              { value: 'diverging', label: 'Signed (− blue, + red)' },
            ]}
          />
          <span className="muted small">Size</span>
          <Segmented
            label="Tile size"
            value={size}
            onChange={setSize}
            options={[
              { value: 's', label: 'S' },
              { value: 'm', label: 'M' },
              { value: 'l', label: 'L' },
            ]}
          />
        </div>
        <div className="insight-numbers num small" data-testid="templates-numbers">
          <span>
            {shape.width}×{shape.height} {shape.channels === 3 ? 'RGB' : 'gray'}
            {shape.source === 'guessed' && <span className="faint"> (dataset gone: shape guessed from {run.config.model.inputSize} inputs)</span>}
          </span>
          <span>{describeModel(run.config.model)}</span>
          <span>{describeRegularizer(run.config.regularizer)}</span>
          <span>val accuracy {formatPercent(valAcc)}{run.splits?.val ? ` (${baselineText(run.splits.val)})` : ''}</span>
          <span>train accuracy {formatPercent(trainAcc)}{run.splits ? ` (${baselineText(run.splits.train)})` : ''}</span>
        </div>
      </div>
      {(error ?? listError) && <div className="notice error">{error ?? listError}</div>}
      {checkpoints.length === 0 && listLoading && (
        <div className="panel panel-body muted" role="status" data-testid="templates-loading">
          Loading the checkpoints of run #{run.id}…
        </div>
      )}
      {checkpoints.length === 0 && !listLoading && !listError && (
        <div className="panel">
          <EmptyState art="▩" title={run.status === 'queued' ? 'Waiting to start' : 'No checkpoint yet'}>
            Templates appear as soon as the run starts, drawn from its initial weights, and change with every epoch.
          </EmptyState>
        </div>
      )}
      {show === 'change' && !start && checkpoints.length > 0 && (
        <div className="notice small">This run kept no checkpoint of its initial weights (epoch 0), so there is no start to compare with.</div>
      )}
      {show === 'change' && checkpoint?.epoch === 0 && <div className="notice small">This is the start itself: nothing has changed yet. Move the scrubber to a later epoch.</div>}
      {checkpoint && weightsLoading && (
        <p className="small muted insight-loading" role="status" data-testid="templates-loading">
          Loading the weights of {checkpointLabel(checkpoint)}…
        </p>
      )}
      {weights && shown && (
        <div className={`insight-weights${weightsLoading ? ' insight-stale' : ''}`} data-loading={weightsLoading ? 'true' : 'false'} data-epoch={weights.checkpoint.epoch} data-testid="templates-weights">
          <TemplatePanels run={run} layers={shown} shape={shape} coloring={effectiveColoring} scaling={scaling} size={tileSizes[size]} />
        </div>
      )}
    </>
  );
}

function valueAtEpoch(series: readonly MetricSeries[] | undefined, split: 'train' | 'val', epoch: number): number | null {
  const s = series?.find((x) => x.split === split && x.name === 'accuracy');
  if (!s) return null;
  for (let i = s.epoch.length - 1; i >= 0; i--) if (s.epoch[i] === epoch) return s.value[i];
  return null;
}

function TemplatePanels({
  run,
  layers,
  shape,
  coloring,
  scaling,
  size,
}: {
  run: Run;
  layers: Layer[];
  shape: InputShape;
  coloring: TemplateColoring;
  scaling: TemplateScaling;
  size: number;
}) {
  const [showAll, setShowAll] = useState(false);
  const first = layers[0];
  const analysis = useMemo(() => {
    if (!first || first.inputs !== shape.width * shape.height * shape.channels) return null;
    const images = templateImages(first.w, first.units, shape, { coloring, scaling });
    const norms = unitNorms(first);
    const order = unitsByNorm(first);
    let feeders: Feeder[][] | null = null;
    if (layers.length === 2) feeders = topFeeders(layers[1], feedersPerClass);
    else if (layers.length > 2) {
      // deeper nets: how unit j reaches class c along linear paths, W2·W3·…·WL (activations ignored)
      let product: WeightMatrix = layers[1];
      for (const next of layers.slice(2)) product = matrixProduct(product, next);
      feeders = topFeeders(product, feedersPerClass);
    }
    return { images, norms, order, feeders };
  }, [first, layers, shape, coloring, scaling]);

  if (!analysis) return <div className="notice error">The first layer has {first?.inputs ?? 0} inputs; a {shape.width}×{shape.height}×{shape.channels} image has {shape.width * shape.height * shape.channels}.</div>;
  const legend = <ScaleLegend coloring={coloring} scaling={scaling} images={analysis.images} />;

  if (layers.length === 1) {
    return (
      <div className="panel">
        <div className="panel-head">
          <h2>One template per class</h2>
          <span className="spacer" />
          {legend}
        </div>
        <div className="panel-body insight-tiles" data-testid="class-templates">
          {analysis.images.map((image, c) => (
            <TemplateTile key={c} image={image} size={size} label={shape.classNames[c]} sub={`‖w‖ ${formatNumber(analysis.norms[c], 3)}`} title={`${shape.classNames[c]}: template of class ${c}`} testId="template-tile" />
          ))}
        </div>
        <p className="panel-body muted small insight-explain">
          The score of class c is the dot product of its template with the image, plus a bias: an image scores high where it looks like the template. One template per class has to
          cover every pose, so templates blur (a horse facing both ways).
        </p>
      </div>
    );
  }

  const shown = showAll ? analysis.order : analysis.order.slice(0, hiddenShown);
  const deep = layers.length > 2;
  return (
    <>
      <div className="panel">
        <div className="panel-head">
          <h2>
            Hidden units of layer 1, strongest first <span className="faint small">({first.units} units, sorted by ‖w‖)</span>
          </h2>
          <span className="spacer" />
          {legend}
        </div>
        <div className="panel-body insight-tiles" data-testid="hidden-templates">
          {shown.map((unit, rank) => (
            <TemplateTile key={unit} image={analysis.images[unit]} size={size} label={`#${unit}`} sub={formatNumber(analysis.norms[unit], 3)} title={`hidden unit ${unit}, rank ${rank + 1}, ‖w‖ = ${formatNumber(analysis.norms[unit], 4)}`} testId="template-tile" />
          ))}
        </div>
        {first.units > hiddenShown && (
          <div className="panel-body">
            <button className="btn" onClick={() => setShowAll(!showAll)}>
              {showAll ? `Show the strongest ${hiddenShown}` : `Show all ${first.units} units`}
            </button>
          </div>
        )}
      </div>
      {analysis.feeders && (
        <div className="panel">
          <div className="panel-head">
            <h2>What each class draws on</h2>
            <span className="faint small">
              {deep ? `hidden units with the largest weight into each class along W2·…·W${layers.length} (activations ignored: an approximation)` : 'hidden units with the largest W2 weight into each class'}
            </span>
          </div>
          <div className="panel-body insight-feeders" data-testid="class-feeders">
            {analysis.feeders.map((feeders, c) => (
              <div key={c} className="insight-feeder-row">
                <div className="insight-feeder-class ellipsis" title={shape.classNames[c]}>
                  {shape.classNames[c]}
                </div>
                {feeders.map((f) => (
                  <TemplateTile
                    key={f.unit}
                    image={analysis.images[f.unit]}
                    size={Math.min(size, 64)}
                    label={`#${f.unit}`}
                    sub={`${deep ? 'path' : 'W2'} ${formatNumber(f.weight, 2)}`}
                    title={`hidden unit ${f.unit} adds ${formatNumber(f.weight, 4)} × its activation to the ${shape.classNames[c]} score`}
                  />
                ))}
              </div>
            ))}
          </div>
          <p className="panel-body muted small insight-explain">
            With a hidden layer, a class no longer needs one template for every pose: its score adds up several hidden templates (W2 weights shown under each), for example a left-facing and
            a right-facing one.
          </p>
        </div>
      )}
      <p className="muted small">Run #{run.id}: {describeModel(run.config.model)}</p>
    </>
  );
}

function ScaleLegend({ coloring, scaling, images }: { coloring: TemplateColoring; scaling: TemplateScaling; images: readonly TemplateImage[] }) {
  const range = scaling === 'shared' && images.length > 0 ? images[0] : null;
  if (coloring === 'diverging') {
    return (
      <span className="insight-legend small muted">
        <span className="insight-diverging-bar" aria-hidden="true" /> {range ? `−${formatNumber(range.hi, 2)} … 0 … +${formatNumber(range.hi, 2)}` : 'negative · 0 · positive (each tile its own range)'}
      </span>
    );
  }
  return <span className="insight-legend small muted">{range ? `${formatNumber(range.lo, 2)} (dark) … ${formatNumber(range.hi, 2)} (bright)` : 'each tile stretched from its lowest to its highest weight'}</span>;
}
