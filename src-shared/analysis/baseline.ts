/**
 * The majority-class baseline: the accuracy of a "model" that always answers the most
 * common class. A run is only learning something once it beats this; on a 40-image
 * folder with 24 horses, 60 % accuracy is what "horse, always" scores.
 */

export interface MajorityBaseline {
  /** the most common class (the lowest index on a tie) */
  classIndex: number;
  /** its share of the labels, in [0, 1] (0 when there are none) */
  accuracy: number;
}

export function majorityBaseline(labels: ArrayLike<number>): MajorityBaseline {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  let classIndex = 0;
  let best = 0;
  for (const [label, count] of counts) {
    if (count > best || (count === best && label < classIndex)) [classIndex, best] = [label, count];
  }
  return { classIndex, accuracy: labels.length > 0 ? best / labels.length : 0 };
}
