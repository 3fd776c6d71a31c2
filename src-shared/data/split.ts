import { Rng } from '../random';

export interface SplitFractions {
  /** share of each class held out for validation, in [0, 1) */
  val: number;
  /** share of each class held out for test (default 0) */
  test?: number;
}

export interface SplitIndices {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

/**
 * Stratified split: each class is shuffled on its own and cut by the same fractions, so
 * every split keeps the class balance. Stable for the same seed and labels.
 */
export function stratifiedSplit(labels: ArrayLike<number>, fractions: SplitFractions, seed: number): SplitIndices {
  const testFraction = fractions.test ?? 0;
  if (!(fractions.val >= 0 && testFraction >= 0 && fractions.val + testFraction < 1)) {
    throw new RangeError(`split fractions must be ≥ 0 and leave some training data (val ${fractions.val}, test ${testFraction})`);
  }
  const rng = new Rng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  // Counted first, then filled by index: spreading a class into push(...) overflows the
  // stack once a class has more members than the engine takes as arguments (~120,000).
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const cuts = classes.map((cls) => {
    const n = byClass.get(cls)!.length;
    const nTest = Math.round(n * testFraction);
    const nVal = Math.round(n * fractions.val);
    return { nTest, nVal, nTrain: n - nTest - nVal };
  });
  const train = new Int32Array(cuts.reduce((sum, c) => sum + c.nTrain, 0));
  const val = new Int32Array(cuts.reduce((sum, c) => sum + c.nVal, 0));
  const test = new Int32Array(cuts.reduce((sum, c) => sum + c.nTest, 0));
  let iTrain = 0;
  let iVal = 0;
  let iTest = 0;
  classes.forEach((cls, c) => {
    const members = rng.shuffle(byClass.get(cls)!);
    const { nTest, nVal } = cuts[c];
    for (let k = 0; k < members.length; k++) {
      if (k < nTest) test[iTest++] = members[k];
      else if (k < nTest + nVal) val[iVal++] = members[k];
      else train[iTrain++] = members[k];
    }
  });
  return { train: train.sort(), val: val.sort(), test: test.sort() };
}
