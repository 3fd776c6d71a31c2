/**
 * The two layer kinds a fully connected network is built from. Each holds its parameters
 * next to their gradients (w beside dw, b beside db); `forward` keeps what `backward`
 * will need, and `backward` adds into the parameter gradients (callers zero them first).
 *
 * Samples are rows: a mini-batch X is [batch × inputs] and a dense layer computes
 * Z = X·W + b with W stored [inputs × units] row-major. For one sample x (a row) that is
 * z = x·W + b, i.e. the textbook `W x + b` with the textbook W being our Wᵀ: column j of
 * our W is unit j's template over the inputs.
 */
import { referenceKernels, type FloatArray, type Kernels } from './kernels';
import type { Activation } from './activations';
import { applyFeatures, featureInputGradient, featureSize, type FeatureTransform } from '../features/transforms';

/** Makes the zeroed buffers a network works in (float32 from the kernels, or float64). */
export type Allocator = (length: number) => FloatArray;

export class DenseLayer {
  /** weights, [inputs × units] row-major */
  readonly w: FloatArray;
  /** gradient of the loss wrt w, [inputs × units], accumulated by backward */
  readonly dw: FloatArray;
  /** biases, [units] */
  readonly b: FloatArray;
  /** gradient of the loss wrt b, [units], accumulated by backward */
  readonly db: FloatArray;
  /** output Z = X·W + b, [capacity × units]; the first batch·units values are valid */
  out: FloatArray;
  /** gradient wrt the input X, [capacity × inputs], filled by backward on request */
  dx: FloatArray;

  /** input of the last forward pass, [batch × inputs] (a reference, not a copy) */
  private x: FloatArray | null = null;
  private batch = 0;

  constructor(
    readonly inputs: number,
    readonly units: number,
    private readonly kernels: Kernels,
    private readonly allocate: Allocator,
    capacity: number,
  ) {
    this.w = allocate(inputs * units);
    this.dw = allocate(inputs * units);
    this.b = allocate(units);
    this.db = allocate(units);
    this.out = allocate(capacity * units);
    this.dx = allocate(capacity * inputs);
  }

  /** Replaces the batch buffers so batches of up to `capacity` rows fit. */
  resize(capacity: number): void {
    this.out = this.allocate(capacity * this.units);
    this.dx = this.allocate(capacity * this.inputs);
  }

  /** Z = X·W + b for X [batch × inputs]; returns Z [batch × units]. */
  forward(x: FloatArray, batch: number): FloatArray {
    const { inputs, units, w, b, out } = this;
    this.x = x;
    this.batch = batch;
    this.kernels.gemm(false, false, batch, units, inputs, 1, x, w, 0, out);
    this.kernels.addRowVector(batch, units, b, out);
    return out;
  }

  /**
   * Given dZ [batch × units]: dW += Xᵀ·dZ, db += column sums of dZ, and (when asked)
   * dX = dZ·Wᵀ [batch × inputs]. The first layer of a network skips dX: nothing needs the
   * gradient wrt the data when training. With `accumulate` false the gradients are this
   * batch's alone (dW = Xᵀ·dZ, db = column sums), so nobody has to zero them first.
   */
  backward(dOut: FloatArray, needInputGradient: boolean, accumulate = true): FloatArray | null {
    const { inputs, units, batch, w, dw, db } = this;
    if (this.x === null) throw new Error('DenseLayer.backward called before forward');
    this.kernels.gemm(true, false, inputs, units, batch, 1, this.x, dOut, accumulate ? 1 : 0, dw);
    if (!accumulate) db.fill(0);
    this.kernels.addColumnSums(batch, units, dOut, db);
    if (!needInputGradient) return null;
    this.kernels.gemm(false, true, batch, inputs, units, 1, dOut, w, 0, this.dx);
    return this.dx;
  }
}

export class ActivationLayer {
  /** output A = f(Z), [capacity × units] */
  out: FloatArray;
  /** gradient wrt the input Z, [capacity × units] */
  dx: FloatArray;

  /** input Z of the last forward pass (a reference, not a copy) */
  private z: FloatArray | null = null;
  private count = 0;

  constructor(
    readonly units: number,
    readonly activation: Activation,
    private readonly allocate: Allocator,
    capacity: number,
    /** kernels whose relu/reluBackward run ReLU (the others are elementwise loops of their own) */
    private readonly kernels: Kernels = referenceKernels,
  ) {
    this.out = allocate(capacity * units);
    this.dx = allocate(capacity * units);
  }

  resize(capacity: number): void {
    this.out = this.allocate(capacity * this.units);
    this.dx = this.allocate(capacity * this.units);
  }

  /** A = f(Z) element by element, Z and A [batch × units]. */
  forward(z: FloatArray, batch: number): FloatArray {
    this.z = z;
    this.count = batch * this.units;
    if (this.activation.kind === 'relu') this.kernels.relu(this.count, z, this.out);
    else this.activation.forward(z, this.out, this.count);
    return this.out;
  }

  /** dZ = f'(Z) ⊙ dA. */
  backward(dOut: FloatArray): FloatArray {
    if (this.z === null) throw new Error('ActivationLayer.backward called before forward');
    if (this.activation.kind === 'relu') this.kernels.reluBackward(this.count, this.z, dOut, this.dx);
    else this.activation.backward(this.z, this.out, dOut, this.dx, this.count);
    return this.dx;
  }
}

/**
 * A fixed feature transform φ in front of the first dense layer (features/transforms.ts):
 * no parameters, so training never changes it; backward only exists to give dL/dx (for
 * gradient checks and input saliency) and only for the differentiable 2-D transforms.
 */
export class FeatureLayer {
  readonly outputs: number;
  /** output φ(X), [capacity × outputs] */
  out: FloatArray;
  /** gradient wrt the input X, [capacity × inputs] */
  dx: FloatArray;

  private x: FloatArray | null = null;
  private batch = 0;

  constructor(
    readonly transform: FeatureTransform,
    readonly inputs: number,
    private readonly allocate: Allocator,
    capacity: number,
  ) {
    this.outputs = featureSize(transform);
    this.out = allocate(capacity * this.outputs);
    this.dx = allocate(capacity * inputs);
  }

  resize(capacity: number): void {
    this.out = this.allocate(capacity * this.outputs);
    this.dx = this.allocate(capacity * this.inputs);
  }

  /** φ(X) for X [batch × inputs]. */
  forward(x: FloatArray, batch: number): FloatArray {
    this.x = x;
    this.batch = batch;
    applyFeatures(this.transform, x.subarray(0, batch * this.inputs), batch, this.out);
    return this.out;
  }

  /** dX from dφ [batch × outputs]. */
  backward(dOut: FloatArray): FloatArray {
    if (this.x === null) throw new Error('FeatureLayer.backward called before forward');
    featureInputGradient(this.transform, this.x, this.batch, dOut, this.dx);
    return this.dx;
  }
}
