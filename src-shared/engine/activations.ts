/**
 * Activation functions, element by element. Each is written once as `forward` (the
 * function) and `backward` (its derivative times the upstream gradient), with the value
 * the derivative needs spelled out: ReLU and Leaky ReLU look at their input z, sigmoid
 * and tanh at their output a (their derivatives are cheapest in terms of a).
 */
import type { FloatArray } from './kernels';
import type { ActivationKind } from './types';

export interface Activation {
  readonly kind: ActivationKind;
  /** a[i] = f(z[i]) for i < count */
  forward(z: FloatArray, a: FloatArray, count: number): void;
  /** dz[i] = f'(z[i]) · da[i] for i < count, given the forward pass's input z and output a */
  backward(z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, count: number): void;
}

/** ReLU: max(0, z). Everything negative is folded onto zero. */
export const relu: Activation = {
  kind: 'relu',
  forward(z, a, count) {
    for (let i = 0; i < count; i++) a[i] = Math.max(0, z[i]);
  },
  backward(z, _a, da, dz, count) {
    for (let i = 0; i < count; i++) dz[i] = z[i] > 0 ? da[i] : 0;
  },
};

/** Leaky ReLU: max(αz, z) for 0 < α < 1; a small slope below zero keeps units alive. */
export function leakyRelu(alpha: number): Activation {
  return {
    kind: 'leaky-relu',
    forward(z, a, count) {
      for (let i = 0; i < count; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
    },
    backward(z, _a, da, dz, count) {
      for (let i = 0; i < count; i++) dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
    },
  };
}

/** Sigmoid: 1 / (1 + e^−z), with derivative a · (1 − a). */
export const sigmoid: Activation = {
  kind: 'sigmoid',
  forward(z, a, count) {
    for (let i = 0; i < count; i++) a[i] = 1 / (1 + Math.exp(-z[i]));
  },
  backward(_z, a, da, dz, count) {
    for (let i = 0; i < count; i++) dz[i] = a[i] * (1 - a[i]) * da[i];
  },
};

/** tanh, with derivative 1 − a². */
export const tanh: Activation = {
  kind: 'tanh',
  forward(z, a, count) {
    for (let i = 0; i < count; i++) a[i] = Math.tanh(z[i]);
  },
  backward(_z, a, da, dz, count) {
    for (let i = 0; i < count; i++) dz[i] = (1 - a[i] * a[i]) * da[i];
  },
};

/** Identity: a = z. Without a non-linearity, stacked layers collapse into one linear map. */
export const identity: Activation = {
  kind: 'identity',
  forward(z, a, count) {
    for (let i = 0; i < count; i++) a[i] = z[i];
  },
  backward(_z, _a, da, dz, count) {
    for (let i = 0; i < count; i++) dz[i] = da[i];
  },
};

/** Default Leaky ReLU slope when a spec gives none. */
export const DEFAULT_LEAKY_ALPHA = 0.01;

export function activationFor(kind: ActivationKind, alpha: number = DEFAULT_LEAKY_ALPHA): Activation {
  switch (kind) {
    case 'relu': return relu;
    case 'leaky-relu': return leakyRelu(alpha);
    case 'sigmoid': return sigmoid;
    case 'tanh': return tanh;
    case 'identity': return identity;
  }
}
