import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src-shared/data/errors';
import { encodeIdx, idxImages, idxLabels, parseIdx } from '../../../src-shared/data/idx';

describe('IDX', () => {
  it('encodes and parses images and labels', () => {
    const pixels = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const bytes = encodeIdx([2, 3, 4], pixels);
    // header: 00 00 08 03, then 2, 3, 4 as big-endian uint32
    expect([...bytes.subarray(0, 16)]).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]);
    const images = idxImages(bytes, 'x');
    expect(images).toMatchObject({ count: 2, height: 3, width: 4, channels: 1 });
    expect(images.pixels).toEqual(pixels);
    expect(idxLabels(encodeIdx([3], Uint8Array.of(1, 0, 2)), 'y')).toEqual(Uint8Array.of(1, 0, 2));
    expect(idxImages(encodeIdx([1, 2, 2, 3], new Uint8Array(12)), 'rgb').channels).toBe(3);
  });

  it('rejects bad headers and sizes, naming the file', () => {
    const cases: [Uint8Array, RegExp][] = [
      [Uint8Array.of(0, 0), /f: too short for an IDX file \(2 bytes\)/],
      [Uint8Array.of(0, 0, 8, 2, 0, 0), /truncated header: 2 dimensions need 12 bytes/],
      [Uint8Array.of(0, 0, 0x42, 1, 0, 0, 0, 0), /unknown IDX value type 42/],
      [Uint8Array.of(0, 0, 8, 0), /zero dimensions/],
      [Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 5, 6, 7), /need 10 bytes but the file has 11$/],
    ];
    for (const [bytes, pattern] of cases) {
      expect(() => parseIdx(bytes, 'f')).toThrow(DatasetError);
      expect(() => parseIdx(bytes, 'f')).toThrow(pattern);
    }
    expect(() => idxImages(encodeIdx([1, 2, 2, 2], new Uint8Array(8)), 'f')).toThrow(/1 or 3 channels, found 2/);
    expect(() => idxImages(encodeIdx([0, 28, 28], new Uint8Array(0)), 'f')).toThrow(/holds no images/);
  });
});
