/**
 * Weight penalties λ R(W), on weights only (never biases):
 *   L1  λ1 Σ|w|   pulls every weight toward zero by the same amount, so small ones reach it;
 *   L2  λ2 Σw²    pulls in proportion to the weight, so weights shrink but rarely hit zero;
 *   elastic: both.
 * With `proximal`, L1 is not part of the gradient; instead each step ends with a
 * soft-threshold w ← sign(w)·max(0, |w| − τ) scaled to the optimiser's step
 * (`proximalL1` in optimizers.ts), which sets weights exactly to zero.
 */
import { referenceKernels, type FloatArray, type Kernels } from './kernels';
import type { RegularizerSpec } from './types';

export const noRegularization: RegularizerSpec = { kind: 'none', l1: 0, l2: 0, proximal: false };

/** λ1 as the spec applies it (0 unless the kind includes L1). */
export function l1Strength(spec: RegularizerSpec): number {
  return spec.kind === 'l1' || spec.kind === 'elastic' ? spec.l1 : 0;
}

/** λ2 as the spec applies it (0 unless the kind includes L2). */
export function l2Strength(spec: RegularizerSpec): number {
  return spec.kind === 'l2' || spec.kind === 'elastic' ? spec.l2 : 0;
}

/** λ1 Σ|w| + λ2 Σw² over all weight matrices (the reported regularisation loss). */
export function regularizationLoss(spec: RegularizerSpec, weights: readonly FloatArray[], kernels: Kernels = referenceKernels): number {
  const l1 = l1Strength(spec);
  const l2 = l2Strength(spec);
  if (l1 === 0 && l2 === 0) return 0;
  if (l1 === 0) return l2 * weights.reduce((total, w) => total + kernels.dot(w.length, w, w), 0);
  let sumAbs = 0;
  let sumSq = 0;
  for (const w of weights) {
    for (let i = 0; i < w.length; i++) {
      sumAbs += Math.abs(w[i]);
      sumSq += w[i] * w[i];
    }
  }
  return l1 * sumAbs + l2 * sumSq;
}

/** dw += ∂(λ R)/∂w: λ1·sign(w) (unless proximal) + 2λ2·w. */
export function addRegularizationGradient(spec: RegularizerSpec, w: FloatArray, dw: FloatArray, kernels: Kernels = referenceKernels): void {
  const l1 = spec.proximal ? 0 : l1Strength(spec);
  const l2 = l2Strength(spec);
  // separate loops: the sign test is several times slower than the L2 term, so skip it when unused
  if (l2 !== 0) kernels.axpby(w.length, 2 * l2, w, 1, dw);
  if (l1 !== 0) for (let i = 0; i < w.length; i++) dw[i] += l1 * Math.sign(w[i]);
}
