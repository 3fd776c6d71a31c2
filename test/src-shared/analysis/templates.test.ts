import { describe, expect, it } from 'vitest';
import { diverging, templateImages, weightChange } from '../../../src-shared/analysis/templates';
import { smallModel } from '../export/helpers';

const at = (rgba: Uint8ClampedArray, width: number, x: number, y: number) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

describe('weight templates', () => {
  it('lays column j of W out as an H×W×C image (rows, then columns, channels interleaved)', () => {
    // 2×2 RGB input, 2 units: unit 0's weight at input p is p, unit 1's is −p
    const width = 2;
    const height = 2;
    const inputs = width * height * 3;
    const w = new Float32Array(inputs * 2);
    for (let p = 0; p < inputs; p++) {
      w[p * 2] = p;
      w[p * 2 + 1] = -p;
    }
    const [t0, t1] = templateImages(w, 2, { width, height, channels: 3 }, { coloring: 'image' });
    expect([t0.lo, t0.hi]).toEqual([0, 11]);
    // pixel (x=1, y=0) holds inputs 3, 4, 5; pixel (1, 1) holds 9, 10, 11
    expect(at(t0.rgba, width, 1, 0)).toEqual([Math.round((3 / 11) * 255), Math.round((4 / 11) * 255), Math.round((5 / 11) * 255), 255]);
    expect(at(t0.rgba, width, 1, 1)).toEqual([Math.round((9 / 11) * 255), Math.round((10 / 11) * 255), 255, 255]);
    expect(at(t1.rgba, width, 0, 0)).toEqual([255, Math.round((10 / 11) * 255), Math.round((9 / 11) * 255), 255]);
  });

  it('diverging colors: zero is white, the largest positive value red, the largest negative blue', () => {
    const w = Float32Array.from([2, -1, 0, -2]); // 4 grey pixels, 1 unit
    const [t] = templateImages(w, 1, { width: 4, height: 1, channels: 1 });
    expect([t.lo, t.hi]).toEqual([-2, 2]);
    expect(at(t.rgba, 4, 0, 0)).toEqual([...diverging(1), 255]);
    expect(at(t.rgba, 4, 2, 0)).toEqual([255, 255, 255, 255]);
    expect(at(t.rgba, 4, 3, 0)).toEqual([...diverging(-1), 255]);
    const half = at(t.rgba, 4, 1, 0);
    expect(half[2]).toBeGreaterThan(half[0]); // bluish
    expect(half[0]).toBeGreaterThan(diverging(-1)[0]); // but paler than full blue
  });

  it('per-template scaling shows each template at full contrast; shared scaling keeps strengths comparable', () => {
    // unit 0 weights are 10× unit 1's
    const w = new Float32Array(4 * 2);
    for (let p = 0; p < 4; p++) {
      w[p * 2] = 10 * (p - 1.5);
      w[p * 2 + 1] = p - 1.5;
    }
    const own = templateImages(w, 2, { width: 2, height: 2, channels: 1 });
    const shared = templateImages(w, 2, { width: 2, height: 2, channels: 1 }, { scaling: 'shared' });
    expect(at(own[1].rgba, 2, 1, 1)).toEqual(at(own[0].rgba, 2, 1, 1));
    expect([shared[1].lo, shared[1].hi]).toEqual([-15, 15]);
    expect(at(shared[1].rgba, 2, 1, 1)[1]).toBeGreaterThan(at(shared[0].rgba, 2, 1, 1)[1]); // paler
  });

  it('a trained linear model\'s class templates light up where that class\'s images are bright', () => {
    const { model } = smallModel({ channels: 1, normalization: 'scale', epochs: 5 });
    const { width, height } = model.input.kind === 'image' ? model.input.preprocessing : { width: 0, height: 0 };
    const templates = templateImages(model.layers[0].w, 3, { width, height, channels: 1 }, { coloring: 'image' });
    templates.forEach((t, k) => {
      const x0 = Math.floor((k * width) / 3);
      let inside = 0;
      let outside = 0;
      let nIn = 0;
      for (let y = 0; y < height / 2; y++) {
        for (let x = 0; x < width; x++) {
          const v = at(t.rgba, width, x, y)[0];
          if (x >= x0 && x < x0 + Math.ceil(width / 3)) {
            inside += v;
            nIn++;
          } else outside += v;
        }
      }
      expect(inside / nIn, `class ${k}`).toBeGreaterThan(outside / (width * (height / 2) - nIn) + 40);
    });
  });

  it('refuses weights that do not fit the input shape', () => {
    expect(() => templateImages(new Float32Array(10), 2, { width: 2, height: 2, channels: 1 })).toThrow(/weights hold 10 values, a 2×2×1 input with 2 units needs 8/);
  });

  it('change since start: W − W₀ shows what training added, and refuses weights of another layer', () => {
    const initial = Float32Array.from([0.5, -0.2, 0.1]);
    expect(Array.from(weightChange(Float32Array.from([0.75, -0.2, -0.15]), initial))).toEqual([0.25, 0, -0.25]);
    expect(() => weightChange(new Float32Array(2), initial)).toThrow(/not the same layer/);
  });
});
