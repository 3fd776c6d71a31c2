/**
 * View 8, Space warping: a small net trains live on 2-D toy data (in a Web Worker), and
 * the view shows what it does to the plane. The input plane with the data and the learned
 * decision regions; the hidden plane after W·x + b (a rotation, stretch and shift: grid
 * lines stay straight) and after the activation (ReLU folds the negative half onto the
 * axes, into the first quadrant), where the last layer's straight boundary splits the
 * classes; a morph that moves every point from input space to hidden space; and a switch
 * that removes the non-linearity, after which the whole net is one matrix and its
 * boundary a straight line.
 */

import { PaceControl, paceOf, type PaceChoice } from '../../components/PaceControl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { defaultWarpSettings, warpDataset, warpSettingsProblem, type WarpSettings, type WarpSnapshot } from '../../../src-shared/analysis/warp-session';
import { type PlaneChoice, type PlanePanel, type WarpScene } from '../../../src-shared/analysis/warp-scene';
import { featureDescriptions, POINT_FEATURES } from '../../../src-shared/features/transforms';
import { morph, readoutBoundaries, readoutRegions, type Bounds } from '../../../src-shared/analysis/warp';
import { TOY_KINDS, defaultToyNoise, toyHasClassCount, type ToyKind } from '../../../src-shared/toy/datasets';
import type { ActivationKind } from '../../../src-shared/engine/types';
import { Segmented } from '../../components/Field';
import { activationName } from '../../describe';
import { formatHyper, formatNumber, formatPercent } from '../../format';
import { useColorScheme, usePalette } from '../../theme';
import { PlaneCanvas } from './PlaneCanvas';
import { LinearRegionsPanel } from './LinearRegionsPanel';
import { drawAxes, drawGrid, drawPoints, drawRegions, drawSegments, hexToRgb, lerpBounds, steadyBounds, viewport, type Viewport } from './plane-draw';
import { startWarpDriver, type WarpDriver } from './warp-driver';
import type { WarpSpeed } from '../../../src-shared/analysis/warp-protocol';

const activations: readonly ActivationKind[] = ['relu', 'leaky-relu', 'tanh', 'sigmoid', 'identity'];
const widths = [2, 3, 4, 6, 8, 16, 32] as const;
const learningRates = [0.003, 0.01, 0.02, 0.05, 0.1] as const;
const toyLabels: Record<ToyKind, string> = { spiral: 'Spiral', circles: 'Circles', xor: 'XOR', moons: 'Moons', blobs: 'Blobs' };
/** λ slider: 10^exponent */
const lambdaExponents = { min: -5, max: -0.5 };
const morphSeconds = 4;

export function SpaceWarpView() {
  const [settings, setSettings] = useState<WarpSettings>(defaultWarpSettings);
  const [running, setRunning] = useState(true);
  const [speed, setSpeed] = useState<WarpSpeed>('normal');
  const [pace, setPace] = useState<PaceChoice>('realtime');
  const [snapshot, setSnapshot] = useState<WarpSnapshot | null>(null);
  const [scene, setScene] = useState<WarpScene | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<WarpDriver['mode'] | null>(null);
  const [layer, setLayer] = useState(0);
  const [plane, setPlane] = useState<PlaneChoice>({ kind: 'auto' });
  /** the activation to go back to when the non-linearity is switched on again */
  const [nonLinear, setNonLinear] = useState<ActivationKind>(defaultWarpSettings.activation === 'identity' ? 'relu' : defaultWarpSettings.activation);
  const driver = useRef<WarpDriver | null>(null);

  useEffect(() => {
    const d = startWarpDriver((event) => {
      if (event.type === 'snapshot') {
        setSnapshot(event.snapshot);
        setScene(event.scene);
        setError(event.sceneError);
      } else setError(event.message);
      setMode(d.mode);
    });
    driver.current = d;
    setMode(d.mode);
    return () => {
      d.dispose();
      driver.current = null;
    };
  }, []);

  const problem = warpSettingsProblem(settings);
  useEffect(() => {
    if (!problem) driver.current?.send({ type: 'settings', settings });
  }, [settings, problem]);
  useEffect(() => driver.current?.send({ type: 'running', running }), [running]);
  useEffect(() => driver.current?.send({ type: 'speed', speed }), [speed]);
  const choosePace = (choice: PaceChoice) => {
    setPace(choice);
    driver.current?.send({ type: 'pace', pace: paceOf(choice) });
  };
  useEffect(() => driver.current?.send({ type: 'view', layer, plane }), [layer, plane]);

  const change = useCallback((patch: Partial<WarpSettings>) => setSettings((s) => ({ ...s, ...patch })), []);
  const linear = settings.activation === 'identity';
  const setIdentity = (on: boolean) => {
    if (on && settings.activation !== 'identity') setNonLinear(settings.activation);
    change({ activation: on ? 'identity' : nonLinear });
  };

  // the data of the snapshot on screen (the same settings always give the same points)
  const dataKey = snapshot ? JSON.stringify([snapshot.settings.toy, snapshot.settings.classes, snapshot.settings.samples, snapshot.settings.noise, snapshot.settings.dataSeed]) : '';
  // keyed by the data settings alone: a new snapshot of the same data reuses the points
  const data = useMemo(() => (snapshot ? warpDataset(snapshot.settings) : null), [dataKey]);
  const shownActivation = snapshot?.settings.activation ?? settings.activation;
  return (
    <div className="view" data-testid="spacewarp-view" data-activation={shownActivation} data-epoch={snapshot?.epoch ?? 0}>
      <div className="view-head">
        <div className="grow" style={{ minWidth: 0 }}>
          <h1>Space warping</h1>
          <p>A hidden layer bends the plane until a straight line can split the classes. Change anything: the net retrains at once.</p>
        </div>
      </div>

      <div className="panel panel-body insight-warp-controls">
        <label className="insight-select">
          <span className="muted small">Data</span>
          <select className="input" value={settings.toy} data-testid="warp-dataset" onChange={(e) => {
            const toy = e.target.value as ToyKind;
            change({ toy, noise: defaultToyNoise(toy) });
          }}>
            {TOY_KINDS.map((k) => (
              <option key={k} value={k}>{toyLabels[k]}</option>
            ))}
          </select>
        </label>
        {toyHasClassCount(settings.toy) && (
          <label className="insight-select">
            <span className="muted small">Classes</span>
            <select className="input" value={settings.classes} onChange={(e) => change({ classes: Number(e.target.value) })}>
              {[2, 3, 4, 5].map((k) => (
                <option key={k} value={k}>{k}</option>
              ))}
            </select>
          </label>
        )}
        <label className="insight-select">
          <span className="muted small">Noise {formatNumber(settings.noise, 2)}</span>
          <input type="range" min={0} max={0.5} step={0.01} value={settings.noise} onChange={(e) => change({ noise: Number(e.target.value) })} aria-label="Noise" />
        </label>
        <label className="insight-select">
          <span className="muted small">Feature transform</span>
          <select className="input" value={settings.features} data-testid="warp-features" onChange={(e) => change({ features: e.target.value as WarpSettings['features'] })}>
            <option value="none">None (x, y)</option>
            {POINT_FEATURES.map((k) => (
              <option key={k} value={k}>{featureDescriptions[k].replace(/^2-D: /, '')}</option>
            ))}
          </select>
        </label>
        <label className="insight-select">
          <span className="muted small">Hidden layers</span>
          <select className="input" value={settings.depth} data-testid="warp-depth" onChange={(e) => {
            change({ depth: Number(e.target.value) });
            setLayer(Math.max(0, Number(e.target.value) - 1));
          }}>
            <option value={0}>0 (linear classifier)</option>
            {[1, 2, 3].map((d) => (
              <option key={d} value={d}>{d}</option>
            ))}
          </select>
        </label>
        <label className="insight-select">
          <span className="muted small">Units per layer</span>
          <select className="input" value={settings.width} disabled={settings.depth === 0} data-testid="warp-width" onChange={(e) => change({ width: Number(e.target.value) })}>
            {widths.map((w) => (
              <option key={w} value={w}>{w}</option>
            ))}
          </select>
        </label>
        <label className="insight-select">
          <span className="muted small">Activation</span>
          <select className="input" value={settings.activation} disabled={settings.depth === 0} data-testid="warp-activation" onChange={(e) => {
            const kind = e.target.value as ActivationKind;
            if (kind !== 'identity') setNonLinear(kind);
            change({ activation: kind });
          }}>
            {activations.map((a) => (
              <option key={a} value={a}>{activationName(a)}</option>
            ))}
          </select>
        </label>
        <label className="checkbox insight-identity" title="Use the identity as activation: the net becomes one linear map">
          <input type="checkbox" checked={linear} disabled={settings.depth === 0} onChange={(e) => setIdentity(e.target.checked)} data-testid="warp-identity" />
          <span>Remove the non-linearity</span>
        </label>
        <div className="insight-select">
          <span className="muted small">Regularizer</span>
          <Segmented
            label="Regularizer"
            value={settings.regularizer}
            onChange={(regularizer) => change({ regularizer })}
            options={[
              { value: 'none', label: 'None' },
              { value: 'l1', label: 'L1' },
              { value: 'l2', label: 'L2' },
            ]}
          />
        </div>
        <label className="insight-select">
          <span className="muted small">λ = {formatHyper(settings.lambda)}</span>
          <input
            type="range"
            min={lambdaExponents.min}
            max={lambdaExponents.max}
            step={0.25}
            value={Math.log10(settings.lambda)}
            disabled={settings.regularizer === 'none'}
            onChange={(e) => change({ lambda: Number((10 ** Number(e.target.value)).toPrecision(3)) })}
            aria-label="Regularization strength λ (log scale)"
          />
        </label>
        <label className="insight-select">
          <span className="muted small">Learning rate</span>
          <select className="input" value={settings.learningRate} onChange={(e) => change({ learningRate: Number(e.target.value) })}>
            {learningRates.map((lr) => (
              <option key={lr} value={lr}>{formatHyper(lr)}</option>
            ))}
          </select>
        </label>
        <div className="insight-select">
          <span className="muted small">Speed</span>
          <Segmented label="Speed" value={speed} onChange={setSpeed} options={[{ value: 'slow', label: 'Slow' }, { value: 'normal', label: 'Normal' }, { value: 'fast', label: 'Fast' }]} />
        </div>
        <div className="row insight-warp-buttons">
          <button className="btn" onClick={() => setRunning(!running)} data-testid="warp-run">
            {running ? 'Pause' : 'Train'}
          </button>
          <button className="btn" onClick={() => {
            driver.current?.send({ type: 'reset' });
            setRunning(true);
          }}>
            Restart
          </button>
          <button className="btn" title="Draw new points from the same distribution" onClick={() => change({ dataSeed: settings.dataSeed + 1 })}>
            New points
          </button>
        </div>
      </div>

      <div className="panel panel-body">
        <PaceControl
          choice={pace}
          onChoice={choosePace}
          canStep={running && !snapshot?.finished}
          step={snapshot?.step ?? 0}
          epoch={snapshot?.epoch ?? 0}
          stepTitle="Train exactly one more mini-batch and show the plane after it, then hold"
          onStep={(unit) => {
            setPace('held');
            driver.current?.send({ type: 'step', unit });
          }}
          testId="warp-pace"
        />
      </div>

      {(problem ?? error) && <div className="notice error" role="alert">{problem ?? error}</div>}

      <div className="stats" data-testid="warp-stats">
        <Figure label="Epoch" value={snapshot ? `${snapshot.epoch}` : '–'} sub={snapshot?.finished ? `done (limit ${snapshot.settings.maxEpochs})` : running ? 'training' : 'paused'} />
        <Figure label="Accuracy" value={formatPercent(snapshot?.accuracy)} sub="on these points" testId="warp-accuracy" />
        <Figure label="Data loss" value={formatNumber(snapshot?.dataLoss)} sub={`penalty λR(W) ${formatNumber(snapshot?.regLoss)}`} />
        <Figure label="Model" value={snapshot ? describeNet(snapshot) : '–'} sub={mode === 'worker' ? 'in a Web Worker' : mode === 'main-thread' ? 'between frames' : ''} />
      </div>

      {snapshot && snapshot.finished && snapshot.accuracy < 0.95 && snapshot.settings.depth > 0 && (
        <div className="notice warn" data-testid="warp-hint">
          This net does not split the points cleanly ({formatPercent(snapshot.accuracy)}).{' '}
          {snapshot.settings.activation === 'identity'
            ? 'Without a non-linearity it is one linear map: its boundary can only be straight.'
            : `${snapshot.settings.width} units bend the plane along only ${snapshot.settings.width} lines; ${snapshot.settings.toy === 'circles' ? 'enclosing the inner ring takes at least 3 (a triangle).' : 'try more units, another activation or a second layer.'}`}
        </div>
      )}
      {snapshot && snapshot.finished && snapshot.settings.depth === 0 && snapshot.accuracy < 0.95 && (
        <div className="notice warn" data-testid="warp-hint">
          {snapshot.settings.features === 'none'
            ? <>A linear classifier draws straight lines: {formatPercent(snapshot.accuracy)} is the best it can do on these points. Add a hidden layer, or a feature transform (for rings: polar).</>
            : <>A straight line in {snapshot.settings.features} feature space reaches {formatPercent(snapshot.accuracy)} here: try another transform, or a hidden layer.</>}
        </div>
      )}
      {scene && data && <Planes scene={scene} labels={data.labels} generation={snapshot!.generation} classNames={data.classNames} setLayer={setLayer} plane={plane} setPlane={setPlane} />}
      {scene && data && snapshot && <LinearRegionsPanel snapshot={snapshot} bounds={scene.input.bounds} points={scene.input.points} labels={data.labels} />}
    </div>
  );
}

function describeNet(s: WarpSnapshot): string {
  const { depth, width, activation } = s.settings;
  if (depth === 0) return 'linear';
  return `${depth > 1 ? `${depth}×` : ''}${width} ${activationName(activation)}`;
}

function Figure({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="sub">{sub}</div>
    </div>
  );
}

interface Look {
  classColors: string[];
  classRgb: [number, number, number][];
  background: [number, number, number];
  grid: string;
  axes: string;
  boundary: string;
  outline: string;
}

function useLook(): Look {
  const palette = usePalette();
  const dark = useColorScheme() === 'dark';
  return useMemo(() => {
    const classColors = palette.series;
    return {
      classColors,
      classRgb: classColors.map(hexToRgb),
      background: dark ? [29, 33, 40] : [255, 255, 255],
      grid: dark ? 'rgba(228, 232, 238, 0.22)' : 'rgba(29, 36, 48, 0.2)',
      axes: dark ? 'rgba(228, 232, 238, 0.7)' : 'rgba(29, 36, 48, 0.65)',
      boundary: dark ? '#f4f6f9' : '#141a24',
      outline: dark ? 'rgba(0, 0, 0, 0.55)' : 'rgba(255, 255, 255, 0.9)',
    };
  }, [palette, dark]);
}

/** The part of the plane a viewport shows (with equal scales it may exceed the bounds). */
function visible(v: Viewport): Bounds {
  return { xMin: -v.originX / v.scale, xMax: (v.width - v.originX) / v.scale, yMin: (v.originY - v.height) / v.scale, yMax: v.originY / v.scale };
}

function Planes({
  scene,
  labels,
  generation,
  classNames,
  setLayer,
  plane,
  setPlane,
}: {
  scene: WarpScene;
  labels: Int32Array;
  generation: number;
  classNames: string[];
  setLayer: (layer: number) => void;
  plane: PlaneChoice;
  setPlane: (plane: PlaneChoice) => void;
}) {
  const look = useLook();
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const samples = scene.input.grid.samplesPerLine;

  // steady view boxes for the hidden planes, reset when the net or the plane changes
  const steady = useRef<{ key: string; pre: Bounds | null; post: Bounds | null }>({ key: '', pre: null, post: null });
  const key = `${generation}-${scene.layer}-${JSON.stringify(plane)}`;
  if (steady.current.key !== key) steady.current = { key, pre: null, post: null };
  const preBounds = scene.pre ? (steady.current.pre = steadyBounds(steady.current.pre, scene.pre.bounds)) : null;
  const postBounds = scene.post ? (steady.current.post = steadyBounds(steady.current.post, scene.post.bounds)) : null;

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const step = (now: number) => {
      const dt = (now - last) / 1000;
      last = now;
      let done = false;
      setT((value) => {
        const next = value + dt / morphSeconds;
        if (next >= 1) done = true;
        return Math.min(1, next);
      });
      if (done) setPlaying(false);
      else frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const drawInput = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      const v = viewport(scene.input.bounds, w, h, 0);
      drawRegions(ctx, v, scene.input.regions, scene.input.bounds, look.classRgb, look.background);
      drawGrid(ctx, v, scene.input.grid.points, samples, look.grid, Math.max(1, w / 400));
      if (scene.input.boundaries) drawSegments(ctx, v, scene.input.boundaries, look.boundary, Math.max(1.5, w / 180));
      drawPoints(ctx, v, scene.input.points, labels, look.classColors, Math.max(2, w / 110), look.outline);
    },
    [scene, look, labels, samples],
  );

  const drawHidden = useCallback(
    (panel: PlanePanel, bounds: Bounds) => (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      const v = viewport(bounds, w, h, w * 0.02);
      if (panel.readout) {
        const shown = visible(v);
        drawRegions(ctx, v, readoutRegions(panel.readout, shown, 90, 90), shown, look.classRgb, look.background);
      }
      drawGrid(ctx, v, panel.grid, samples, look.grid, Math.max(1, w / 400));
      if (panel.showAxes) drawAxes(ctx, v, look.axes, Math.max(1, w / 300));
      if (panel.readout) drawSegments(ctx, v, readoutBoundaries(panel.readout, visible(v)), look.boundary, Math.max(1.5, w / 160));
      drawPoints(ctx, v, panel.points, labels, look.classColors, Math.max(2, w / 110), look.outline);
    },
    [look, labels, samples],
  );
  const featureBounds = scene.features?.bounds ?? null;
  const drawFeatures = useMemo(() => (scene.features && featureBounds ? drawHidden(scene.features, featureBounds) : null), [scene, featureBounds, drawHidden]);
  const drawPre = useMemo(() => (scene.pre && preBounds ? drawHidden(scene.pre, preBounds) : null), [scene, preBounds, drawHidden]);
  const drawPost = useMemo(() => (scene.post && postBounds ? drawHidden(scene.post, postBounds) : null), [scene, postBounds, drawHidden]);

  const hops = scene.morph.stages.length - 1;
  const drawMorph = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      const position = Math.min(hops, t * hops);
      const k = Math.min(Math.max(0, hops - 1), Math.floor(position));
      const bounds = hops === 0 ? scene.morph.bounds[0] : lerpBounds(scene.morph.bounds[k], scene.morph.bounds[k + 1], position - k);
      const v = viewport(bounds, w, h, w * 0.02);
      drawGrid(ctx, v, morph(scene.morph.gridStages, t), samples, look.grid, Math.max(1, w / 400));
      drawAxes(ctx, v, look.axes, Math.max(1, w / 300));
      drawPoints(ctx, v, morph(scene.morph.stages, t), labels, look.classColors, Math.max(2, w / 110), look.outline);
    },
    [scene, t, hops, look, labels, samples],
  );
  const stage = hops === 0 ? scene.morph.labels[0] : (() => {
    const position = t * hops;
    const k = Math.min(hops - 1, Math.floor(position));
    const f = position - k;
    return f < 0.02 ? scene.morph.labels[k] : f > 0.98 ? scene.morph.labels[k + 1] : `${scene.morph.labels[k]} → ${scene.morph.labels[k + 1]}`;
  })();

  const width = scene.width;
  const pair = plane.kind === 'pair' ? plane.pair : ([0, 1] as [number, number]);
  const hiddenNote = (panel: PlanePanel | null) => {
    if (!panel) return '';
    switch (panel.projection) {
      case 'units':
        return `axes: ${panel.axes[0]}, ${panel.axes[1]} (the two units themselves)`;
      case 'read-out':
        return panel.exact ? `${width} units, shown in the plane that holds the read-out exactly` : `${width} units, read-out plane (approximate with more than 3 classes)`;
      case 'principal':
        return panel.exact ? `${width} units, but z₁ lies on a flat plane (the image of the input): shown in it` : `${width} units, shown in their plane of widest spread`;
      case 'pair':
        return `units ${panel.axes[0]}, ${panel.axes[1]} of ${width}; the others held at their mean`;
      case 'features':
        return `axes: the features ${panel.axes[0]}, ${panel.axes[1]}`;
    }
  };

  return (
    <>
      {scene.depth > 0 && (width > 2 || scene.depth > 1) && (
        <div className="panel panel-body row insight-plane-options">
          {scene.depth > 1 && (
            <label className="insight-select">
              <span className="muted small">Hidden layer shown</span>
              <select className="input" value={scene.layer} onChange={(e) => setLayer(Number(e.target.value))}>
                {Array.from({ length: scene.depth }, (_, l) => (
                  <option key={l} value={l}>
                    {l + 1}
                    {l === scene.depth - 1 ? ' (feeds the read-out)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {width > 2 && (
            <>
              <div className="insight-select">
                <span className="muted small">Plane</span>
                <Segmented
                  label="Plane"
                  value={plane.kind}
                  onChange={(kind) => setPlane(kind === 'auto' ? { kind } : { kind, pair })}
                  options={[
                    { value: 'auto', label: scene.layer === scene.depth - 1 ? 'Read-out plane' : 'Widest spread' },
                    { value: 'pair', label: 'Two units' },
                  ]}
                />
              </div>
              {plane.kind === 'pair' &&
                ([0, 1] as const).map((which) => (
                  <label key={which} className="insight-select">
                    <span className="muted small">{which === 0 ? 'Across' : 'Up'}</span>
                    <select
                      className="input"
                      value={pair[which]}
                      onChange={(e) => {
                        const next: [number, number] = [...pair];
                        next[which] = Number(e.target.value);
                        setPlane({ kind: 'pair', pair: next });
                      }}
                    >
                      {Array.from({ length: width }, (_, k) => (
                        <option key={k} value={k} disabled={k === pair[1 - which]}>
                          h{k + 1}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
            </>
          )}
        </div>
      )}

      <div className="insight-planes">
        <PlaneCanvas
          draw={drawInput}
          title={<>Input space <span className="faint">x</span></>}
          label="The data in input space over the classes the net picks, with a grid"
          caption={scene.input.boundaries
            ? 'A linear model: its boundaries are straight lines.'
            : scene.features && scene.depth === 0
              ? 'Regions: the class the model picks; its boundary is a straight line in feature space, pulled back.'
              : 'Regions: the class the net picks; its boundary is a straight line in hidden space, pulled back.'}
          testId="plane-input"
        />
        {scene.features && drawFeatures && (
          <PlaneCanvas
            draw={drawFeatures}
            title={<>Feature space <span className="faint">φ(x)</span></>}
            label="The data and grid after the fixed feature transform"
            caption={`A fixed transform, not learned. ${scene.depth === 0 ? 'The linear model splits the classes here with a straight line. ' : ''}${hiddenNote(scene.features)}`}
            testId="plane-features"
          />
        )}
        {scene.features && scene.depth === 0 ? null : scene.pre && drawPre ? (
          <PlaneCanvas draw={drawPre} label="The data and grid after the linear part of the hidden layer" title={<>After W{sub(scene.layer + 1)}·{scene.layer === 0 ? 'x' : `h${sub(scene.layer)}`} + b</>} caption={`Rotated, stretched, shifted: grid lines stay straight. ${hiddenNote(scene.pre)}`} testId="plane-pre" />
        ) : (
          <EmptyPlane title="Hidden space" text="A linear classifier has no hidden layer: nothing bends the plane, so rings, spirals and XOR stay inseparable. Add a hidden layer." />
        )}
        {scene.features && scene.depth === 0 ? null : scene.post && drawPost ? (
          <PlaneCanvas
            draw={drawPost}
            title={<>After {activationName(scene.activation ?? 'identity')}</>}
            label="The data and grid after the activation, with the read-out's straight boundary"
            caption={postCaption(scene, hiddenNote(scene.post))}
            testId="plane-post"
          />
        ) : (
          <EmptyPlane title="After the activation" text="With a hidden layer, this panel shows the points after the non-linearity, where one straight line splits the classes." />
        )}
        <PlaneCanvas
          draw={drawMorph}
          title={<>Morph: <span className="faint">{stage}</span></>}
          label={`The points on their way from input space to hidden space: ${stage}`}
          testId="plane-morph"
          caption={hops === 0 ? 'No hidden layer: nothing to morph.' : 'Every point moves in a straight line from stage to stage.'}
        >
          <div className="row nowrap insight-morph-controls">
            <button
              className="btn"
              disabled={hops === 0}
              onClick={() => {
                if (!playing && t >= 1) setT(0);
                setPlaying(!playing);
              }}
              aria-label={playing ? 'Pause morph' : 'Play morph'}
              data-testid="morph-play"
            >
              {playing ? '❚❚' : '▶'}
            </button>
            <input
              type="range"
              min={0}
              max={1}
              step={0.001}
              value={t}
              disabled={hops === 0}
              onChange={(e) => {
                setPlaying(false);
                setT(Number(e.target.value));
              }}
              aria-label="Morph from input space to hidden space"
              data-testid="morph-slider"
            />
          </div>
        </PlaneCanvas>
      </div>

      <div className="legend insight-class-legend">
        {classNames.map((name, c) => (
          <span key={c}>
            <span className="swatch" style={{ background: look.classColors[c % look.classColors.length] }} />
            <span style={{ color: 'var(--text-2)' }}>{name}</span>
          </span>
        ))}
        <span>
          <span className="swatch dashed" />
          <span style={{ color: 'var(--text-2)' }}>straight decision boundary</span>
        </span>
      </div>

      {scene.collapse && <CollapsePanel scene={scene} />}
    </>
  );
}

function postCaption(scene: WarpScene, note: string): string {
  const last = scene.layer === scene.depth - 1;
  return `${last ? 'The last layer is linear: its boundary here is straight. ' : ''}${note}`;
}

function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

function EmptyPlane({ title, text }: { title: string; text: string }) {
  return (
    <figure className="insight-plane insight-plane-empty">
      <figcaption className="insight-plane-title">{title}</figcaption>
      <div className="insight-plane-box insight-plane-placeholder muted small">{text}</div>
    </figure>
  );
}

function CollapsePanel({ scene }: { scene: WarpScene }) {
  const collapse = scene.collapse!;
  const { w, b, units } = collapse.layer;
  const names = Array.from({ length: scene.depth + 1 }, (_, l) => `W${sub(l + 1)}`).join('·');
  return (
    <div className="panel" data-testid="warp-collapse">
      <div className="panel-head">
        <h2>Without a non-linearity the net is one matrix</h2>
      </div>
      <div className="panel-body insight-collapse">
        <div className="num">
          <div className="muted small">W = {names} (2 × {units}), one column per class</div>
          <table className="insight-matrix">
            <tbody>
              {[0, 1].map((row) => (
                <tr key={row}>
                  <th className="faint">{row === 0 ? 'x₁' : 'x₂'}</th>
                  {Array.from({ length: units }, (_, c) => (
                    <td key={c}>{formatNumber(w[row * units + c], 3)}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th className="faint">b</th>
                {Array.from({ length: units }, (_, c) => (
                  <td key={c}>{formatNumber(b[c], 3)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <p className="small">
          {scene.depth + 1} stacked linear layers multiply out into this single 2 × {units} map: over all points, the net&apos;s scores and x·W + b differ by at most{' '}
          <strong className="num" data-testid="collapse-difference">{formatNumber(collapse.maxDifference, 2)}</strong> (rounding). Its boundaries are straight lines, drawn dashed in
          input space; the hidden layers add no capacity.
        </p>
      </div>
    </div>
  );
}
