/**
 * Optimisers as update rules with no hidden state: each takes a parameter array, its
 * gradient and the optimiser's own per-parameter arrays ("slots": velocity, moments) and
 * updates them in place. Everything an optimiser remembers lives in those slots, so
 * saving them is saving the optimiser.
 */
import { referenceKernels, type FloatArray, type Kernels } from './kernels';
import type { OptimizerSpec } from './types';

/** Plain SGD: w ← w − lr·dw. */
export function sgdUpdate(w: FloatArray, dw: FloatArray, lr: number, kernels: Kernels = referenceKernels): void {
  kernels.axpby(w.length, -lr, dw, 1, w);
}

/** SGD with momentum: v ← μ·v − lr·dw; w ← w + v. */
export function momentumUpdate(w: FloatArray, dw: FloatArray, velocity: FloatArray, lr: number, mu: number): void {
  for (let i = 0; i < w.length; i++) {
    velocity[i] = mu * velocity[i] - lr * dw[i];
    w[i] += velocity[i];
  }
}

/**
 * Adam: running means of the gradient (m) and its square (v), bias-corrected for step
 * t (1-based): w ← w − lr · m̂ / (√v̂ + ε).
 */
export function adamUpdate(
  w: FloatArray, dw: FloatArray, m: FloatArray, v: FloatArray,
  lr: number, beta1: number, beta2: number, eps: number, t: number,
): void {
  const correction1 = 1 - Math.pow(beta1, t);
  const correction2 = 1 - Math.pow(beta2, t);
  for (let i = 0; i < w.length; i++) {
    const g = dw[i];
    m[i] = beta1 * m[i] + (1 - beta1) * g;
    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
    w[i] -= (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + eps);
  }
}

export const DEFAULT_MOMENTUM = 0.9;
export const DEFAULT_ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** How many slot arrays (each shaped like the parameter) the optimiser keeps per parameter. */
export function slotCount(spec: OptimizerSpec): number {
  return spec.kind === 'sgd' ? 0 : spec.kind === 'momentum' ? 1 : 2;
}

/**
 * Proximal L1 in the optimiser's own metric: after the optimiser's step, every weight is
 * soft-thresholded, w ← sign(w)·max(0, |w| − τ), with τ = λ1 × (the step size the optimiser
 * just used for that weight), so the constant pull of λ1·Σ|w| acts exactly as strongly as
 * the data gradient does:
 *   SGD       τ = lr·λ1                        (the plain proximal-gradient step)
 *   momentum  τ = lr·λ1 / (1 − μ)              (a steady gradient g moves w by lr·g/(1−μ) per step)
 *   Adam      τᵢ = lr·λ1 / (√v̂ᵢ + ε)           (ProxAdam: v̂ bias-corrected, after this step's update)
 * A weight then stays at zero exactly while its (averaged) data gradient is smaller than λ1,
 * the optimality condition of the L1 problem. A single τ = lr·λ1 under Adam would be
 * 1/(√v̂+ε) times too weak, leaving L1 almost without effect.
 * `t` is the 1-based step number (the one just given to `applyUpdate`).
 */
export function proximalL1(
  spec: OptimizerSpec, w: FloatArray, slots: readonly FloatArray[], lr: number, l1: number, t: number,
): void {
  if (!(l1 > 0)) return;
  switch (spec.kind) {
    case 'sgd':
      softThreshold(w, lr * l1);
      return;
    case 'momentum':
      softThreshold(w, (lr * l1) / (1 - (spec.momentum ?? DEFAULT_MOMENTUM)));
      return;
    case 'adam': {
      const v = slots[1];
      const correction2 = 1 - Math.pow(spec.beta2 ?? DEFAULT_ADAM.beta2, t);
      const eps = spec.eps ?? DEFAULT_ADAM.eps;
      for (let i = 0; i < w.length; i++) {
        const threshold = (lr * l1) / (Math.sqrt(v[i] / correction2) + eps);
        const value = w[i];
        w[i] = value > threshold ? value - threshold : value < -threshold ? value + threshold : 0;
      }
      return;
    }
  }
}

/** Soft-threshold: w ← sign(w)·max(0, |w| − threshold). Weights within the threshold become exactly 0. */
export function softThreshold(w: FloatArray, threshold: number): void {
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    w[i] = v > threshold ? v - threshold : v < -threshold ? v + threshold : 0;
  }
}

/** Applies the optimiser in `spec` to one parameter; `t` is the 1-based step number. */
export function applyUpdate(
  spec: OptimizerSpec, w: FloatArray, dw: FloatArray, slots: readonly FloatArray[], lr: number, t: number, kernels: Kernels = referenceKernels,
): void {
  switch (spec.kind) {
    case 'sgd':
      sgdUpdate(w, dw, lr, kernels);
      return;
    case 'momentum':
      momentumUpdate(w, dw, slots[0], lr, spec.momentum ?? DEFAULT_MOMENTUM);
      return;
    case 'adam':
      adamUpdate(w, dw, slots[0], slots[1], lr,
        spec.beta1 ?? DEFAULT_ADAM.beta1, spec.beta2 ?? DEFAULT_ADAM.beta2, spec.eps ?? DEFAULT_ADAM.eps, t);
      return;
  }
}
