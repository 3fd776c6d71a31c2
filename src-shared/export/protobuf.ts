/**
 * Just enough Protocol Buffers for the handful of ONNX messages we write and read.
 *
 * Wire format: a message is a sequence of fields, each a key `(field number << 3) | wire
 * type` as a varint, then the value: type 0 a varint, type 1 eight bytes, type 2 a varint
 * length and that many bytes (strings, bytes, nested messages, packed repeated numbers),
 * type 5 four bytes. Integers here never exceed 2^53, so plain numbers hold them.
 */

export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** Builds one message; nested messages are built by their own writer and added as bytes. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private key(field: number, type: WireType): void {
    this.push(varint(field * 8 + type));
  }

  /** int32 / int64 / enum / bool field (non-negative values only: all ONNX needs here). */
  uint(field: number, value: number): this {
    if (!(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`protobuf field ${field}: ${value} is not a non-negative integer`);
    this.key(field, WireType.Varint);
    this.push(varint(value));
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, WireType.Fixed32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WireType.LengthDelimited);
    this.push(varint(value.length));
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, message: ProtoWriter): this {
    return this.bytes(field, message.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [out];
    return out;
  }
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Uint8Array.from(bytes);
}

/** Malformed protobuf bytes (cut off, a length past the end, an unknown wire type). */
export class ProtoError extends Error {
  override name = 'ProtoError';
}

/** One field as read: its number, wire type and raw value. */
export interface ProtoField {
  field: number;
  type: WireType;
  /** for varints */
  int: number;
  /** for length-delimited fields (a view into the message), fixed32 and fixed64 (their raw bytes) */
  bytes: Uint8Array;
}

/** Splits a message into its fields, checking every length against the bytes there are. */
export function readFields(message: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let offset = 0;
  const readVarint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (offset >= message.length) throw new ProtoError('cut off in the middle of a number');
      const byte = message[offset++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new ProtoError('a number longer than 10 bytes');
  };
  const take = (length: number): Uint8Array => {
    if (offset + length > message.length) throw new ProtoError(`a field of ${length} bytes runs past the end (${message.length - offset} left)`);
    const bytes = message.subarray(offset, offset + length);
    offset += length;
    return bytes;
  };
  while (offset < message.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const type = key % 8 as WireType;
    if (field === 0) throw new ProtoError('field number 0');
    switch (type) {
      case WireType.Varint: fields.push({ field, type, int: readVarint(), bytes: new Uint8Array(0) }); break;
      case WireType.Fixed64: fields.push({ field, type, int: 0, bytes: take(8) }); break;
      case WireType.LengthDelimited: fields.push({ field, type, int: 0, bytes: take(readVarint()) }); break;
      case WireType.Fixed32: fields.push({ field, type, int: 0, bytes: take(4) }); break;
      default: throw new ProtoError(`unknown wire type ${type} (field ${field})`);
    }
  }
  return fields;
}

/** Reads a UTF-8 string field. */
export function fieldText(f: ProtoField): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(f.bytes);
  } catch {
    throw new ProtoError(`field ${f.field} is not UTF-8 text`);
  }
}

/** Reads a float field (fixed32, little-endian). */
export function fieldFloat(f: ProtoField): number {
  if (f.type !== WireType.Fixed32) throw new ProtoError(`field ${f.field} is not a float`);
  return new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
}

/** Values of a repeated integer field, packed (one length-delimited run) or not. */
export function repeatedInts(fields: ProtoField[], field: number): number[] {
  const values: number[] = [];
  for (const f of fields) {
    if (f.field !== field) continue;
    if (f.type === WireType.Varint) values.push(f.int);
    else if (f.type === WireType.LengthDelimited) {
      // packed: the bytes are the varints one after another
      let offset = 0;
      while (offset < f.bytes.length) {
        let value = 0;
        let scale = 1;
        for (;;) {
          if (offset >= f.bytes.length) throw new ProtoError('packed numbers cut off');
          const byte = f.bytes[offset++];
          value += (byte & 0x7f) * scale;
          if (byte < 0x80) break;
          scale *= 0x80;
        }
        values.push(value);
      }
    } else throw new ProtoError(`field ${field} is not a list of integers`);
  }
  return values;
}
