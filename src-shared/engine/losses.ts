/**
 * Data losses on a batch of class scores S [batch × classes] with true labels y [batch].
 * Each returns the mean loss over the batch and how many rows were classified right
 * (highest score = true class), and, when given a `dScores` buffer, writes the gradient
 * of the mean loss wrt S into it.
 */
import type { FloatArray } from './kernels';
import type { LossKind } from './types';

export interface LossResult {
  /** mean loss over the batch */
  loss: number;
  /** rows whose highest score is the true class */
  correct: number;
}

export type LossFunction = (
  scores: FloatArray, labels: ArrayLike<number>, batch: number, classes: number,
  dScores?: FloatArray,
) => LossResult;

/**
 * Softmax cross-entropy: p = softmax(s), L = −log p_y, dL/ds = p − onehot(y).
 * Scores are shifted by their row maximum first, so exp never overflows:
 * −log p_y = log Σ_j e^(s_j − max) − (s_y − max).
 */
export const softmaxCrossEntropy: LossFunction = (scores, labels, batch, classes, dScores) => {
  let total = 0;
  let correct = 0;
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    const y = labels[i];
    let max = scores[row];
    let argmax = 0;
    for (let j = 1; j < classes; j++) {
      if (scores[row + j] > max) { max = scores[row + j]; argmax = j; }
    }
    let sumExp = 0;
    for (let j = 0; j < classes; j++) sumExp += Math.exp(scores[row + j] - max);
    total += Math.log(sumExp) - (scores[row + y] - max);
    if (argmax === y) correct++;
    if (dScores) {
      for (let j = 0; j < classes; j++) {
        const p = Math.exp(scores[row + j] - max) / sumExp;
        dScores[row + j] = (p - (j === y ? 1 : 0)) / batch;
      }
    }
  }
  return { loss: total / batch, correct };
};

/**
 * Multiclass SVM (hinge) loss with margin 1: L = Σ_{j≠y} max(0, s_j − s_y + 1).
 * Every class that comes within the margin of the true class adds to the loss and pushes
 * its own score down and the true score up.
 */
export const svmHinge: LossFunction = (scores, labels, batch, classes, dScores) => {
  let total = 0;
  let correct = 0;
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    const y = labels[i];
    const sy = scores[row + y];
    let violators = 0;
    let argmax = 0;
    for (let j = 0; j < classes; j++) {
      if (scores[row + j] > scores[row + argmax]) argmax = j;
      if (j === y) continue;
      const margin = scores[row + j] - sy + 1;
      if (margin > 0) {
        total += margin;
        violators++;
      }
      if (dScores) dScores[row + j] = margin > 0 ? 1 / batch : 0;
    }
    if (dScores) dScores[row + y] = -violators / batch;
    if (argmax === y) correct++;
  }
  return { loss: total / batch, correct };
};

export function lossFunction(kind: LossKind): LossFunction {
  return kind === 'softmax' ? softmaxCrossEntropy : svmHinge;
}

/** Row-wise softmax of scores [batch × classes] into `out` (probabilities summing to 1). */
export function softmaxRows(scores: FloatArray, batch: number, classes: number, out: FloatArray, outOffset = 0): void {
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    let max = scores[row];
    for (let j = 1; j < classes; j++) max = Math.max(max, scores[row + j]);
    let sumExp = 0;
    for (let j = 0; j < classes; j++) sumExp += Math.exp(scores[row + j] - max);
    for (let j = 0; j < classes; j++) out[outOffset + row + j] = Math.exp(scores[row + j] - max) / sumExp;
  }
}
