/**
 * Everything the space-warping view draws for one state of a net on 2-D data, as plain
 * numbers: the input plane (data, straight grid, decision regions), one hidden layer
 * before and after its activation (data and the grid carried along, projected onto a
 * plane when the layer is wider than 2), the read-out's straight boundary in the last
 * hidden layer, the stages of the morph from input to hidden space, and, for a net
 * without non-linearity, the single matrix it collapses to.
 */
import {
  affine, boundsOf, collapseLinear, decisionRegions, forwardStages, gridLines, inputReadout, isLinearNet, pairProjection,
  principalProjection, projectPoints, projectedReadout, readoutBoundaries, readoutProjection,
  type BoundarySegment, type Bounds, type DenseParams, type GridLines, type PlaneProjection, type PlaneReadout, type Regions, type WarpNet,
} from './warp';
import { featureNames, featureSize } from '../features/transforms';

export type PlaneChoice = { kind: 'auto' } | { kind: 'pair'; pair: [number, number] };

export interface SceneOptions {
  /** hidden layer shown, 0-based (clamped to the net's depth) */
  layer: number;
  plane: PlaneChoice;
  /** grid lines per direction and samples along each */
  gridLines: number;
  gridSamples: number;
  /**
   * raster of the input plane's decision regions, per side, at most: bigger nets get a
   * coarser raster so that one scene costs about `rasterBudget` multiply-adds
   */
  inputRaster: number;
  rasterBudget: number;
}

export const defaultSceneOptions: SceneOptions = { layer: 0, plane: { kind: 'auto' }, gridLines: 13, gridSamples: 48, inputRaster: 120, rasterBudget: 3_000_000 };

export interface PlanePanel {
  bounds: Bounds;
  /** the data, [n × 2] plane coordinates */
  points: Float64Array;
  /** the grid's points carried along, [lines × samples × 2] */
  grid: Float64Array;
  /** what the two plane axes are */
  axes: [string, string];
  /** how the plane was chosen ('features': the two features themselves) */
  projection: 'units' | 'read-out' | 'principal' | 'pair' | 'features';
  /** true when the plane is the whole hidden space or holds the read-out exactly */
  exact: boolean;
  /**
   * the linear read-out as seen in this plane (last hidden layer, after the activation):
   * its regions and straight boundary are drawn with `readoutRegions` / `readoutBoundaries`
   * over whatever part of the plane is on screen
   */
  readout?: PlaneReadout;
  /** draw the axes through 0 (ReLU folds onto them) */
  showAxes: boolean;
}

export interface WarpScene {
  classes: number;
  /** hidden layer shown (0-based), −1 for a linear model */
  layer: number;
  /** that layer's activation (null for a linear model) */
  activation: WarpNet['activations'][number]['kind'] | null;
  depth: number;
  width: number;
  input: {
    bounds: Bounds;
    points: Float64Array;
    grid: GridLines;
    regions: Regions;
    /** exact straight boundaries when the whole net is linear */
    boundaries?: BoundarySegment[];
  };
  /**
   * the data and grid after the fixed feature transform φ (when the net has one), in the
   * plane of its two features, or with more features the read-out plane (linear model) or
   * the plane of widest spread; a linear model's straight boundary is drawn here, and the
   * input plane shows it pulled back
   */
  features: PlanePanel | null;
  pre: PlanePanel | null;
  post: PlanePanel | null;
  /**
   * data and grid at each stage from input to the shown layer's activation (x, z1, h1, …,
   * z_l, h_l), with each stage's own bounds (a morph moves the view along with the points)
   */
  morph: { stages: Float64Array[]; gridStages: Float64Array[]; labels: string[]; bounds: Bounds[] };
  /** the one linear map a net without non-linearity is */
  collapse: { layer: DenseParams & { w: Float64Array; b: Float64Array }; maxDifference: number } | null;
}

/** The bounds made square around their centre (so circles stay circles on a square canvas). */
export function squareBounds(b: Bounds): Bounds {
  const half = Math.max(b.xMax - b.xMin, b.yMax - b.yMin) / 2;
  const cx = (b.xMin + b.xMax) / 2;
  const cy = (b.yMin + b.yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

const unitName = (k: number) => `h${subscript(k + 1)}`;

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

/**
 * The plane a hidden layer is shown in: its own two units when it has two; otherwise the
 * chosen pair, or (auto) the read-out plane for the last hidden layer and the plane of
 * widest spread for the others.
 */
function chooseProjection(net: WarpNet, layer: number, hidden: Float64Array, n: number, plane: PlaneChoice): { projection: PlaneProjection; kind: PlanePanel['projection']; axes: [string, string] } {
  const width = net.layers[layer].units;
  const last = layer === net.layers.length - 2;
  if (width === 2) return { projection: pairProjection(2, [0, 1]), kind: 'units', axes: [unitName(0), unitName(1)] };
  if (plane.kind === 'pair') {
    const [i, j] = plane.pair.map((k) => Math.min(width - 1, Math.max(0, k))) as [number, number];
    const pair: [number, number] = i !== j ? [i, j] : [i, (i + 1) % width];
    const means = new Float64Array(width);
    for (let r = 0; r < n; r++) for (let k = 0; k < width; k++) means[k] += hidden[r * width + k] / n;
    return { projection: pairProjection(width, pair, means), kind: 'pair', axes: [unitName(pair[0]), unitName(pair[1])] };
  }
  if (last) return { projection: readoutProjection(net.layers[layer + 1], hidden, n), kind: 'read-out', axes: ['u (read-out)', 'v'] };
  return { projection: principalProjection(hidden, n, width), kind: 'principal', axes: ['1st principal direction', '2nd'] };
}

/** Multiply-adds of one forward pass of one point. */
function costPerPoint(net: WarpNet): number {
  return net.layers.reduce((sum, l) => sum + l.inputs * l.units, 0);
}

/** Side of the input raster: `max` for small nets, less for big ones (never below 32). */
export function rasterSide(net: WarpNet, max: number, budget: number): number {
  return Math.max(Math.min(32, max), Math.min(max, Math.floor(Math.sqrt(budget / costPerPoint(net)))));
}

/**
 * Two features in their own units (r up to ~1, θ over 2π) would draw as a thin strip:
 * scales the second axis so both spans match. The read-out is rescaled with it (a linear
 * map of the plane), so regions and boundaries stay the model's own.
 */
function stretchToSquare(panel: PlanePanel): PlanePanel {
  const { bounds } = panel;
  const k = (bounds.xMax - bounds.xMin) / Math.max(1e-12, bounds.yMax - bounds.yMin);
  if (!(k < 0.5 || k > 2)) return panel;
  const stretch = (values: Float64Array) => values.map((v, i) => (i % 2 === 1 ? v * k : v));
  const readout = panel.readout && {
    ...panel.readout,
    w: panel.readout.w.map((v, i) => (i >= panel.readout!.classes ? v / k : v)),
  };
  return {
    ...panel,
    bounds: { ...bounds, yMin: bounds.yMin * k, yMax: bounds.yMax * k },
    points: stretch(panel.points),
    grid: stretch(panel.grid),
    axes: [panel.axes[0], `${panel.axes[1]} (scaled ×${Number(k.toPrecision(2))})`],
    ...(readout ? { readout } : {}),
  };
}

/**
 * θ = atan2(y, x) jumps from π to −π across the negative x axis: a grid line crossing it
 * would be drawn straight across the plane. Lifts the pen there (NaN) instead.
 */
function breakWrappedAngles(polar: boolean, grid: Float64Array, samples: number): void {
  if (!polar) return;
  for (let p = 1; p < grid.length / 2; p++) {
    if (p % samples !== 0 && Math.abs(grid[2 * p + 1] - grid[2 * p - 1]) > Math.PI) grid[2 * p + 1] = NaN;
  }
}

/** The scene for `net` on the points x [n × 2]. */
export function buildWarpScene(net: WarpNet, x: ArrayLike<number>, n: number, options: SceneOptions = defaultSceneOptions): WarpScene {
  const depth = net.layers.length - 1;
  const classes = net.layers[depth].units;
  const layer = depth === 0 ? -1 : Math.min(depth - 1, Math.max(0, options.layer));
  const inputBounds = squareBounds(boundsOf(x, n, { pad: 0.12 }));
  const grid = gridLines(inputBounds, options.gridLines, options.gridSamples);
  const gridCount = grid.points.length / 2;
  const linear = isLinearNet(net);
  const raster = rasterSide(net, options.inputRaster, options.rasterBudget);

  const dataStages = forwardStages(net, x, n);
  const gridStages = forwardStages(net, grid.points, gridCount);
  const inputPoints = Float64Array.from(x);

  let collapse: WarpScene['collapse'] = null;
  let inputBoundaries: BoundarySegment[] | undefined;
  if (linear) {
    const single = collapseLinear(net.layers);
    const direct = affine(single, x, n);
    let maxDifference = 0;
    for (let i = 0; i < direct.length; i++) maxDifference = Math.max(maxDifference, Math.abs(direct[i] - dataStages.scores[i]));
    inputBoundaries = readoutBoundaries(inputReadout(single), inputBounds);
    if (depth > 0) collapse = { layer: single, maxDifference };
  }

  const morphStages: Float64Array[] = [inputPoints];
  const morphGrid: Float64Array[] = [Float64Array.from(grid.points)];
  const morphLabels = ['x'];
  let features: PlanePanel | null = null;
  if (net.features && dataStages.features && gridStages.features) {
    const width = featureSize(net.features);
    const names = featureNames(net.features);
    const { projection, kind, axes } = width === 2
      ? { projection: pairProjection(2, [0, 1]), kind: 'features' as const, axes: [names[0], names[1]] as [string, string] }
      : depth === 0
        ? { projection: readoutProjection(net.layers[0], dataStages.features, n), kind: 'read-out' as const, axes: ['u (read-out)', 'v'] as [string, string] }
        : { projection: principalProjection(dataStages.features, n, width), kind: 'principal' as const, axes: ['1st principal direction', '2nd'] as [string, string] };
    const points = projectPoints(dataStages.features, n, projection);
    const featureGrid = projectPoints(gridStages.features, gridCount, projection);
    breakWrappedAngles(net.features.kind === 'polar', featureGrid, options.gridSamples);
    features = {
      bounds: boundsOf(points, n, { pad: 0.12 }), points, grid: featureGrid, axes, projection: kind, exact: projection.exact, showAxes: false,
      ...(depth === 0 ? { readout: projectedReadout(net.layers[0], projection) } : {}),
    };
    if (kind === 'features') features = stretchToSquare(features);
    morphStages.push(points);
    morphGrid.push(featureGrid);
    morphLabels.push(`φ(x): ${net.features.kind}`);
  }
  let pre: PlanePanel | null = null;
  let post: PlanePanel | null = null;
  for (let l = 0; l <= layer; l++) {
    const { projection, kind, axes } = chooseProjection(net, l, dataStages.post[l], n, options.plane);
    const prePoints = projectPoints(dataStages.pre[l], n, projection);
    const postPoints = projectPoints(dataStages.post[l], n, projection);
    const preGrid = projectPoints(gridStages.pre[l], gridCount, projection);
    const postGrid = projectPoints(gridStages.post[l], gridCount, projection);
    morphStages.push(prePoints, postPoints);
    morphGrid.push(preGrid, postGrid);
    morphLabels.push(`z${subscript(l + 1)} = W${subscript(l + 1)}·${l === 0 ? (net.features ? 'φ(x)' : 'x') : `h${subscript(l)}`} + b`, `h${subscript(l + 1)} = act(z${subscript(l + 1)})`);
    if (l !== layer) continue;
    const rectifies = net.activations[l].kind === 'relu';
    const direct = kind === 'units' || kind === 'pair';
    // Before the activation, the points of layer 1 lie on a flat 2-D plane (the affine image
    // of the input): shown in that plane (its principal directions) the grid is the input
    // grid, turned and stretched. The morph keeps one projection for z and h so that the
    // activation shows as a pure fold.
    const preProjection = direct ? projection : principalProjection(dataStages.pre[l], n, projection.width);
    const prePanelPoints = direct ? prePoints : projectPoints(dataStages.pre[l], n, preProjection);
    const prePanelGrid = direct ? preGrid : projectPoints(gridStages.pre[l], gridCount, preProjection);
    pre = {
      bounds: boundsOf(prePanelPoints, n, { pad: 0.12, includeOrigin: kind === 'units' }),
      points: prePanelPoints,
      grid: prePanelGrid,
      axes: direct ? (axes.map((a) => a.replace(/^h/, 'z')) as [string, string]) : ['1st principal direction', '2nd'],
      projection: direct ? kind : 'principal',
      exact: direct ? projection.exact : l === 0,
      showAxes: direct,
    };
    const postBounds = boundsOf(postPoints, n, { pad: 0.12, includeOrigin: kind === 'units' || (kind === 'pair' && rectifies) });
    post = { bounds: postBounds, points: postPoints, grid: postGrid, axes, projection: kind, exact: projection.exact, showAxes: direct };
    if (layer === depth - 1) post.readout = projectedReadout(net.layers[depth], projection);
  }
  const morphBounds = [inputBounds, ...morphStages.slice(1).map((stage) => squareBounds(boundsOf(stage, n, { pad: 0.12 })))];

  return {
    classes,
    layer,
    activation: layer >= 0 ? net.activations[layer].kind : null,
    depth,
    width: depth > 0 ? net.layers[0].units : 0,
    input: { bounds: inputBounds, points: inputPoints, grid, regions: decisionRegions(net, inputBounds, raster, raster), boundaries: inputBoundaries },
    features,
    pre,
    post,
    morph: { stages: morphStages, gridStages: morphGrid, labels: morphLabels, bounds: morphBounds },
    collapse,
  };
}
