import { PROBE_SIZE, layerHealth, warpNetOf, type LayerHealth } from '../analysis/layer-health';
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

  /** Health after the epoch's last step; null when no step was captured before it (or no probe samples). */
  measure(): LayerHealth[] | null {
    if (!this.captured || this.n === 0) return null;
    this.captured = false;
    const { network } = this.trainer;
    return layerHealth(warpNetOf(this.trainer.config.model, this.trainer.layerWeights()), this.x, this.n, network.dense.map((layer) => layer.dw), this.before);
  }
}
