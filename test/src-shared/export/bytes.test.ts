import { describe, expect, it } from 'vitest';
import { bytesToFloat32, float32ToBytes, fromBase64, toBase64 } from '../../../src-shared/export/bytes';
import { crc32 } from '../../../src-shared/crc32';
import { Rng } from '../../../src-shared/random';

describe('export byte helpers', () => {
  it('base64 matches Node\'s encoder for every padding case and decodes back', () => {
    const rng = new Rng(9);
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(rng.uniform() * 256));
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(fromBase64(text))).toEqual(Array.from(bytes));
    }
  });

  it('base64 decoding refuses bad characters and cut-off text', () => {
    expect(() => fromBase64('QUJD*A==')).toThrow(/invalid base64 character "\*" at position 4/);
    expect(() => fromBase64('QUJDRA=')).toThrow(/not a multiple of 4/);
    expect(() => fromBase64('QU=D')).toThrow(/invalid base64 character "=" at position 2/);
  });

  it('float32 bytes are little-endian bit patterns; CRC-32 is the standard one', () => {
    expect(Array.from(float32ToBytes(Float32Array.of(1, -0)))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0x80]);
    expect(Object.is(bytesToFloat32(Uint8Array.of(0, 0, 0, 0x80))[0], -0)).toBe(true);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
