import { PROBE_SIZE, healthFromStages, warpNetOf, type LayerHealth } from '../analysis/layer-health';
import type { Trainer } from '../engine/trainer';
import type { SampleSource } from '../engine/types';

/**
 * Measures a training run's layer health at each epoch's end (see analysis/layer-health.ts):
 * keeps the fixed probe batch (the first PROBE_SIZE samples of `source`, the same every
 * epoch and on resume) and a copy of the weights taken just before the epoch's last step,
 * so that step's update can be compared with the weights it changed.
 */
export class HealthProbe {
  private readonly x: Float32Array;
  private readonly n: number;
  private readonly before: Float32Array[];
  private captured = false;

  constructor(private readonly trainer: Trainer, source: SampleSource) {
    this.n = Math.min(PROBE_SIZE, source.length);
    this.x = new Float32Array(this.n * source.inputSize);
    source.fillBatch(Int32Array.from({ length: this.n }, (_, i) => i), this.n, this.x);
    this.before = trainer.network.dense.map((layer) => new Float32Array(layer.w.length));
  }

  /** Call before a step that will end an epoch. */
  captureBefore(): void {
    this.trainer.network.dense.forEach((layer, l) => this.before[l].set(layer.w));
    this.captured = true;
  }

  /**
   * Health after the epoch's last step; null when no step was captured before it (or no
   * probe samples). The probe goes through the run's own network (its fast kernels), in
   * batches the network's buffers already hold, so nothing is reallocated.
   */
  measure(): LayerHealth[] | null {
    if (!this.captured || this.n === 0) return null;
    this.captured = false;
    const { network } = this.trainer;
    const { hidden, inputSize } = this.trainer.config.model;
    const pre = hidden.map((h) => new Float64Array(this.n * h.units));
    const post = hidden.map((h) => new Float64Array(this.n * h.units));
    const capacity = network.batchCapacity;
    for (let start = 0; start < this.n; start += capacity) {
      const count = Math.min(capacity, this.n - start);
      network.forward(this.x.subarray(start * inputSize, (start + count) * inputSize), count);
      hidden.forEach((h, l) => {
        // layers alternate dense, activation: dense l is layers[2l], its activation layers[2l + 1]
        pre[l].set(network.layers[2 * l].out.subarray(0, count * h.units), start * h.units);
        post[l].set(network.layers[2 * l + 1].out.subarray(0, count * h.units), start * h.units);
      });
    }
    const net = warpNetOf(this.trainer.config.model, this.trainer.layerWeights());
    return healthFromStages(net, { pre, post }, this.n, network.dense.map((layer) => layer.dw), this.before);
  }
}
