/**
 * Linear regions: a net built from ReLUs (or Leaky ReLUs, or identities) computes a
 * piecewise linear function. Wherever every unit keeps its on/off state, the net is one
 * affine map; each distinct on/off pattern is one linear piece. In one hidden layer the
 * pieces are the cells of the arrangement of the lines z_j(x) = 0 (m lines cut the plane
 * into at most 1 + m + m(m−1)/2 cells); each further layer can fold and cut every piece
 * again, which is why depth multiplies the count.
 *
 * Here the plane is sampled on a raster: each cell gets the pattern at its centre, the
 * distinct patterns are counted (pieces thinner than a raster cell can be missed), and
 * cells next to a different pattern are marked as borders.
 */
import { forwardStages, rasterPoints, type Bounds, type WarpNet } from './warp';

export interface LinearRegions {
  cols: number;
  rows: number;
  /** region number per raster cell, [rows × cols], row 0 at the top; numbered in reading order of first appearance */
  region: Int32Array;
  /** distinct patterns seen over the plane */
  count: number;
  /** distinct patterns of hidden layers 1..d, for d = 1…depth: how each layer multiplies the pieces */
  countByDepth: number[];
  /** 1 where the cell's right or lower neighbour belongs to another region, [rows × cols] */
  border: Uint8Array;
}

/** True when every hidden activation keeps the net piecewise linear (ReLU, Leaky ReLU, identity). */
export function isPiecewiseLinear(net: WarpNet): boolean {
  return net.activations.every((a) => a.kind === 'relu' || a.kind === 'leaky-relu' || a.kind === 'identity');
}

/** The activation patterns of a 2-input piecewise linear net over `bounds`, sampled on cols × rows. */
export function linearRegions(net: WarpNet, bounds: Bounds, cols: number, rows: number): LinearRegions {
  if (net.layers[0].inputs !== 2) throw new RangeError(`linear regions are drawn for nets with 2 inputs, got ${net.layers[0].inputs}`);
  if (!isPiecewiseLinear(net)) throw new RangeError('linear regions need ReLU, Leaky ReLU or identity activations (sigmoid and tanh bend continuously)');
  if (!(Number.isInteger(cols) && cols > 0 && Number.isInteger(rows) && rows > 0)) throw new RangeError(`raster must be whole positive numbers, got ${cols} × ${rows}`);
  const cells = cols * rows;
  const { pre } = forwardStages(net, rasterPoints(bounds, cols, rows), cells);
  const depth = net.activations.length;
  // identity units have no kink: they never cut the plane
  const kinked = net.activations.map((a) => a.kind !== 'identity');
  const keys: string[] = new Array<string>(cells).fill('');
  const countByDepth: number[] = [];
  for (let l = 0; l < depth; l++) {
    const units = net.layers[l].units;
    const z = pre[l];
    const seen = new Set<string>();
    for (let p = 0; p < cells; p++) {
      let bits = '';
      if (kinked[l]) for (let j = 0; j < units; j++) bits += z[p * units + j] > 0 ? '1' : '0';
      keys[p] += `${bits}|`;
      seen.add(keys[p]);
    }
    countByDepth.push(seen.size);
  }
  const numbers = new Map<string, number>();
  const region = new Int32Array(cells);
  for (let p = 0; p < cells; p++) {
    let id = numbers.get(keys[p]);
    if (id === undefined) {
      id = numbers.size;
      numbers.set(keys[p], id);
    }
    region[p] = id;
  }
  const border = new Uint8Array(cells);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p = r * cols + c;
      if ((c + 1 < cols && region[p + 1] !== region[p]) || (r + 1 < rows && region[p + cols] !== region[p])) border[p] = 1;
    }
  }
  return { cols, rows, region, count: numbers.size, countByDepth, border };
}
