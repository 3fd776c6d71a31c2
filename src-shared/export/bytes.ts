/**
 * Byte-level helpers the export formats share: float32 arrays as little-endian bytes
 * (their exact bit patterns, whatever the machine's byte order), base64 without Node's
 * Buffer, and CRC-32 to notice damaged weight data.
 */

/** The values of `values` as little-endian float32 bytes, bit for bit. */
export function float32ToBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

/** Reads little-endian float32 bytes back; `bytes.length` must be a multiple of 4. */
export function bytesToFloat32(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) throw new RangeError(`${bytes.length} bytes is not a whole number of float32 values`);
  const values = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Standard base64 (RFC 4648, with `=` padding). */
export function toBase64(bytes: Uint8Array): string {
  // ASCII codes into a byte array, turned into a string once: far faster than string concatenation
  const codes = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    codes[o++] = ALPHABET_CODES[group >> 18];
    codes[o++] = ALPHABET_CODES[(group >> 12) & 63];
    codes[o++] = ALPHABET_CODES[(group >> 6) & 63];
    codes[o++] = ALPHABET_CODES[group & 63];
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const group = (bytes[whole] << 16) | (rest === 2 ? bytes[whole + 1] << 8 : 0);
    codes[o++] = ALPHABET_CODES[group >> 18];
    codes[o++] = ALPHABET_CODES[(group >> 12) & 63];
    codes[o++] = rest === 2 ? ALPHABET_CODES[(group >> 6) & 63] : 61;
    codes[o] = 61; // '='
  }
  return new TextDecoder('latin1').decode(codes);
}

/** Decodes standard base64; throws a RangeError naming the first bad character. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError(`base64 text of ${text.length} characters is not a multiple of 4 (cut off?)`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let k = 0; k < 4; k++) {
      const position = i + k;
      const code = text.charCodeAt(position);
      const isPadding = code === 61 /* = */ && position >= text.length - padding;
      const value = isPadding ? 0 : code < 128 ? DECODE[code] : -1;
      if (value < 0) throw new RangeError(`invalid base64 character ${JSON.stringify(text[position])} at position ${position}`);
      group = (group << 6) | value;
    }
    if (out < bytes.length) bytes[out++] = (group >> 16) & 0xff;
    if (out < bytes.length) bytes[out++] = (group >> 8) & 0xff;
    if (out < bytes.length) bytes[out++] = group & 0xff;
  }
  return bytes;
}
