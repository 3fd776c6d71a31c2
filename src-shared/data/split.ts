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
  const train: number[] = [];
  const val: number[] = [];
  const test: number[] = [];
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(byClass.get(cls)!);
    const nTest = Math.round(members.length * testFraction);
    const nVal = Math.round(members.length * fractions.val);
    test.push(...members.slice(0, nTest));
    val.push(...members.slice(nTest, nTest + nVal));
    train.push(...members.slice(nTest + nVal));
  }
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return { train: sorted(train), val: sorted(val), test: sorted(test) };
}
