/**
 * Which hidden units matter, read off the weights.
 *
 * Weights are stored as in the engine: W [inputs × units] row-major, so column j is unit
 * j's template over the inputs. For an MLP, W1's columns are many templates (more than
 * there are classes) and W2 [hidden × classes] says how much each template adds to each
 * class score: a large positive W2[h, c] means "when template h fires, class c goes up".
 */

/** A weight matrix as the engine and the contract store it: [inputs × units] row-major. */
export interface WeightMatrix {
  inputs: number;
  units: number;
  w: ArrayLike<number>;
}

function checkMatrix(what: string, m: WeightMatrix): void {
  if (!(Number.isInteger(m.inputs) && m.inputs > 0 && Number.isInteger(m.units) && m.units > 0)) {
    throw new RangeError(`${what}: shape must be positive whole numbers, got ${m.inputs}×${m.units}`);
  }
  if (m.w.length !== m.inputs * m.units) {
    throw new RangeError(`${what}: ${m.inputs}×${m.units} needs ${m.inputs * m.units} values, got ${m.w.length}`);
  }
}

/** ‖column j‖₂ for every unit j, [units]. */
export function unitNorms(m: WeightMatrix): Float64Array {
  checkMatrix('unitNorms', m);
  const { inputs, units, w } = m;
  const sums = new Float64Array(units);
  for (let i = 0; i < inputs; i++) {
    const row = i * units;
    for (let j = 0; j < units; j++) sums[j] += w[row + j] * w[row + j];
  }
  for (let j = 0; j < units; j++) sums[j] = Math.sqrt(sums[j]);
  return sums;
}

/** Unit indices from the largest column norm to the smallest (ties keep index order). */
export function unitsByNorm(m: WeightMatrix): number[] {
  const norms = unitNorms(m);
  return Array.from(norms.keys()).sort((a, b) => norms[b] - norms[a] || a - b);
}

export interface Feeder {
  /** hidden unit (row of W2, column of W1) */
  unit: number;
  /** W2[unit, class] */
  weight: number;
}

/**
 * For each class c, the `k` hidden units with the largest W2[h, c]: the templates that
 * raise that class's score most when they fire. `w2` is [hidden × classes].
 */
export function topFeeders(w2: WeightMatrix, k: number): Feeder[][] {
  checkMatrix('topFeeders', w2);
  if (!(Number.isInteger(k) && k > 0)) throw new RangeError(`k must be a positive whole number, got ${k}`);
  const { inputs: hidden, units: classes, w } = w2;
  return Array.from({ length: classes }, (_, c) => {
    const feeders: Feeder[] = [];
    for (let h = 0; h < hidden; h++) feeders.push({ unit: h, weight: w[h * classes + c] });
    feeders.sort((a, b) => b.weight - a.weight || a.unit - b.unit);
    return feeders.slice(0, Math.min(k, hidden));
  });
}

/**
 * The plain product A·B of two weight matrices, [a.inputs × b.units] in float64. Chained
 * over W2·W3·…·WL it says how each first-layer unit reaches each class along linear paths
 * (activations ignored): an approximation of "feeds the class" for nets deeper than two.
 */
export function matrixProduct(a: WeightMatrix, b: WeightMatrix): WeightMatrix & { w: Float64Array } {
  checkMatrix('matrixProduct (left)', a);
  checkMatrix('matrixProduct (right)', b);
  if (a.units !== b.inputs) throw new RangeError(`matrixProduct: ${a.inputs}×${a.units} times ${b.inputs}×${b.units} does not fit`);
  const out = new Float64Array(a.inputs * b.units);
  for (let i = 0; i < a.inputs; i++) {
    for (let k = 0; k < a.units; k++) {
      const aik = a.w[i * a.units + k];
      if (aik === 0) continue;
      for (let j = 0; j < b.units; j++) out[i * b.units + j] += aik * b.w[k * b.units + j];
    }
  }
  return { inputs: a.inputs, units: b.units, w: out };
}
