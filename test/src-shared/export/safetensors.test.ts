/** safetensors export read back by the independent parser in safetensors-parser.ts. */
import { describe, expect, it } from 'vitest';
import { encodeSafetensors, pytorchSnippet } from '../../../src-shared/export/safetensors';
import { smallModel } from './helpers';
import { float32LE, parseSafetensors } from './safetensors-parser';

describe('safetensors export', () => {
  const { model } = smallModel({ hidden: [{ units: 5, activation: 'relu' }, { units: 4, activation: 'tanh' }] });
  const file = encodeSafetensors(model);
  const parsed = parseSafetensors(file);

  it('holds PyTorch-named, PyTorch-shaped tensors whose bytes are our weights transposed, exactly', () => {
    expect([...parsed.tensors.keys()]).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias', 'layers.4.weight', 'layers.4.bias']);
    expect(parsed.headerLength % 8).toBe(0);
    model.layers.forEach((layer, i) => {
      const weight = parsed.tensors.get(`layers.${2 * i}.weight`)!;
      const bias = parsed.tensors.get(`layers.${2 * i}.bias`)!;
      expect(weight.dtype).toBe('F32');
      expect(weight.shape).toEqual([layer.units, layer.inputs]);
      expect(bias.shape).toEqual([layer.units]);
      // PyTorch's weight[j][i] is our W[i][j]
      const transposed: number[] = [];
      for (let j = 0; j < layer.units; j++) for (let k = 0; k < layer.inputs; k++) transposed.push(layer.w[k * layer.units + j]);
      expect(Buffer.from(weight.bytes).equals(Buffer.from(float32LE(transposed)))).toBe(true);
      expect(Buffer.from(bias.bytes).equals(Buffer.from(float32LE(layer.b)))).toBe(true);
    });
  });

  it('carries architecture, class names and preprocessing in its metadata (strings only)', () => {
    for (const value of Object.values(parsed.metadata)) expect(typeof value).toBe('string');
    expect(parsed.metadata.format).toBe('pt');
    expect(JSON.parse(parsed.metadata.class_names)).toEqual(model.classNames);
    expect(JSON.parse(parsed.metadata.architecture)).toEqual({ ...model.architecture, output: 'softmax' });
    expect(JSON.parse(parsed.metadata.preprocessing)).toEqual(model.input);
  });

  it('comes with a PyTorch snippet whose Sequential matches the tensor names', () => {
    const snippet = pytorchSnippet(model, 'blobs.safetensors');
    expect(snippet).toContain('PATH = "blobs.safetensors"');
    expect(snippet).toMatch(/nn\.Linear\(144, 5\),\n\s+nn\.ReLU\(\),\n\s+nn\.Linear\(5, 4\),\n\s+nn\.Tanh\(\),\n\s+nn\.Linear\(4, 3\),/);
    expect(snippet).toContain('model.load_state_dict(load_file(PATH))');
    expect(snippet).toContain('.repeat(48)'); // per-channel statistics over 8×6 pixels
  });
});
