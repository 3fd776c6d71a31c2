/**
 * safetensors export read back by a parser written here from the format's definition
 * (8-byte little-endian header length, JSON header, tensors at their byte offsets),
 * independent of the writer.
 */
import { describe, expect, it } from 'vitest';
import { encodeSafetensors, pytorchSnippet } from '../../../src-shared/export/safetensors';
import { smallModel } from './helpers';

interface Parsed {
  metadata: Record<string, string>;
  tensors: Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>;
  headerLength: number;
}

function parseSafetensors(file: Uint8Array): Parsed {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  expect(8 + headerLength).toBeLessThanOrEqual(file.length);
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>();
  const ranges: [number, number][] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: [begin, end] } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    expect(end - begin).toBe(shape.reduce((a, b) => a * b, 1) * 4);
    ranges.push([begin, end]);
    tensors.set(name, { dtype, shape, bytes: file.subarray(dataStart + begin, dataStart + end) });
  }
  // the tensors tile the data area exactly: no gaps, no overlaps, nothing after
  ranges.sort((a, b) => a[0] - b[0]);
  let position = 0;
  for (const [begin, end] of ranges) {
    expect(begin).toBe(position);
    position = end;
  }
  expect(dataStart + position).toBe(file.length);
  return { metadata: header.__metadata__ as Record<string, string>, tensors, headerLength };
}

/** float32 little-endian bytes of value v, computed with DataView (not the writer's helper). */
function le(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

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
      expect(Buffer.from(weight.bytes).equals(Buffer.from(le(transposed)))).toBe(true);
      expect(Buffer.from(bias.bytes).equals(Buffer.from(le(layer.b)))).toBe(true);
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
