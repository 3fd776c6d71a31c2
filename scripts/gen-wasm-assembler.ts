/**
 * A small WebAssembly binary writer, just big enough for the lab's kernels: functions with
 * i32/f32/v128 locals, structured control flow, memory access, SIMD and relaxed SIMD, and
 * one imported shared memory. The kernel generator (gen-kernels-wasm.ts) writes its code
 * through the `FunctionBuilder` methods below, which mirror the WebAssembly text format
 * instruction by instruction (`local.get` → `get`, `f32x4.add` → `op(F32X4_ADD)`, ...).
 */

export type ValType = 'i32' | 'f32' | 'f64' | 'v128';

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Single-byte opcodes we use. */
export const Op = {
  I32_EQZ: 0x45, I32_EQ: 0x46, I32_NE: 0x47, I32_LT_S: 0x48, I32_LT_U: 0x49, I32_GT_S: 0x4a,
  I32_LE_S: 0x4c, I32_GE_S: 0x4e,
  F32_EQ: 0x5b, F32_NE: 0x5c, F32_LT: 0x5d, F32_GT: 0x5e,
  I32_ADD: 0x6a, I32_SUB: 0x6b, I32_MUL: 0x6c, I32_DIV_U: 0x6e, I32_REM_U: 0x70, I32_AND: 0x71, I32_OR: 0x72, I32_SHL: 0x74, I32_SHR_U: 0x76,
  F32_NEG: 0x8c, F32_ADD: 0x92, F32_SUB: 0x93, F32_MUL: 0x94, F32_DIV: 0x95, F32_MIN: 0x96, F32_MAX: 0x97,
  F32_CONVERT_I32_S: 0xb2, F64_ADD: 0xa0, F64_MUL: 0xa2, F64_PROMOTE_F32: 0xbb,
  SELECT: 0x1b, DROP: 0x1a, RETURN: 0x0f,
} as const;

/** SIMD opcodes (after the 0xfd prefix). */
export const Simd = {
  V128_LOAD: 0x00, V128_LOAD32_SPLAT: 0x09, V128_STORE: 0x0b, V128_CONST: 0x0c, I8X16_SHUFFLE: 0x0d,
  F32X4_SPLAT: 0x13, F32X4_EXTRACT_LANE: 0x1f,
  F32X4_GT: 0x44,
  V128_AND: 0x4e, V128_BITSELECT: 0x52,
  F64X2_EXTRACT_LANE: 0x21, F64X2_PROMOTE_LOW_F32X4: 0x5f, F64X2_ADD: 0xf0, F64X2_MUL: 0xf2,
  F32X4_ADD: 0xe4, F32X4_SUB: 0xe5, F32X4_MUL: 0xe6, F32X4_DIV: 0xe7, F32X4_MIN: 0xe8, F32X4_MAX: 0xe9,
  F32X4_PMIN: 0xea, F32X4_PMAX: 0xeb,
  /** relaxed SIMD: a·b + c, fused or not, whichever the hardware does fastest */
  F32X4_RELAXED_MADD: 0x105,
} as const;

function uleb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  uleb(bytes.length, out);
  out.push(...bytes);
}

/** A local variable or parameter, by index. */
export interface Local { readonly index: number; readonly type: ValType }

export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];
  readonly params: Local[];

  constructor(
    readonly name: string,
    readonly paramTypes: ValType[],
    readonly resultTypes: ValType[],
    readonly exported: boolean,
    readonly index: number,
  ) {
    this.params = paramTypes.map((type, index) => ({ index, type }));
  }

  local(type: ValType): Local {
    this.localTypes.push(type);
    return { index: this.paramTypes.length + this.localTypes.length - 1, type };
  }

  get(l: Local): this { this.code.push(0x20); uleb(l.index, this.code); return this; }
  set(l: Local): this { this.code.push(0x21); uleb(l.index, this.code); return this; }
  tee(l: Local): this { this.code.push(0x22); uleb(l.index, this.code); return this; }
  i32(value: number): this { this.code.push(0x41); sleb(value, this.code); return this; }
  f32(value: number): this {
    this.code.push(0x43);
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    this.code.push(...bytes);
    return this;
  }
  op(opcode: number): this { this.code.push(opcode); return this; }
  simd(opcode: number): this { this.code.push(0xfd); uleb(opcode, this.code); return this; }

  /** Memory access: `opcode` with alignment (log2 bytes) and a constant byte offset. */
  private mem(prefix: number | null, opcode: number, alignLog2: number, offset: number): this {
    if (prefix !== null) this.code.push(prefix);
    if (prefix === null) this.code.push(opcode); else uleb(opcode, this.code);
    uleb(alignLog2, this.code);
    uleb(offset, this.code);
    return this;
  }
  i32Load(offset = 0): this { return this.mem(null, 0x28, 2, offset); }
  i32Store(offset = 0): this { return this.mem(null, 0x36, 2, offset); }
  f32Load(offset = 0): this { return this.mem(null, 0x2a, 2, offset); }
  f32Store(offset = 0): this { return this.mem(null, 0x38, 2, offset); }
  v128Load(offset = 0): this { return this.mem(0xfd, Simd.V128_LOAD, 2, offset); }
  v128Store(offset = 0): this { return this.mem(0xfd, Simd.V128_STORE, 2, offset); }
  v128LoadSplat32(offset = 0): this { return this.mem(0xfd, Simd.V128_LOAD32_SPLAT, 2, offset); }

  /** i8x16.shuffle picking float lanes: lanes 0–3 from the first operand, 4–7 from the second. */
  shuffleF32(lanes: [number, number, number, number]): this {
    this.simd(Simd.I8X16_SHUFFLE);
    for (const lane of lanes) for (let b = 0; b < 4; b++) this.code.push(lane * 4 + b);
    return this;
  }
  extractLane(lane: number): this { this.simd(Simd.F32X4_EXTRACT_LANE); this.code.push(lane); return this; }
  v128Const(bytes: number[]): this { this.simd(Simd.V128_CONST); this.code.push(...bytes); return this; }

  call(fn: FunctionBuilder): this { this.code.push(0x10); uleb(fn.index, this.code); return this; }

  /** Structured control: `block`/`loop`/`if` with no result, closed by `end()`. */
  block(): this { this.code.push(0x02, 0x40); return this; }
  loop(): this { this.code.push(0x03, 0x40); return this; }
  if(): this { this.code.push(0x04, 0x40); return this; }
  else(): this { this.code.push(0x05); return this; }
  end(): this { this.code.push(0x0b); return this; }
  br(depth: number): this { this.code.push(0x0c); uleb(depth, this.code); return this; }
  brIf(depth: number): this { this.code.push(0x0d); uleb(depth, this.code); return this; }
  return(): this { this.code.push(Op.RETURN); return this; }

  /** The function body as it goes in the code section. */
  body(): number[] {
    const out: number[] = [];
    // locals, run-length encoded by type
    const groups: Array<[number, ValType]> = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, out);
    for (const [count, t] of groups) { uleb(count, out); out.push(VALTYPE[t]); }
    out.push(...this.code, 0x0b);
    const sized: number[] = [];
    uleb(out.length, sized);
    return sized.concat(out);
  }
}

export class ModuleBuilder {
  private readonly functions: FunctionBuilder[] = [];

  /** One memory imported as env.memory, shared, with page limits. */
  constructor(private readonly memoryPages: { initial: number; maximum: number }) {}

  func(fnName: string, params: ValType[], results: ValType[], exported: boolean): FunctionBuilder {
    const fn = new FunctionBuilder(fnName, params, results, exported, this.functions.length);
    this.functions.push(fn);
    return fn;
  }

  encode(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, content: number[]) => {
      out.push(id);
      uleb(content.length, out);
      out.push(...content);
    };

    // types: one per function (duplicates are allowed and keep this simple)
    const types: number[] = [];
    uleb(this.functions.length, types);
    for (const fn of this.functions) {
      types.push(0x60);
      uleb(fn.paramTypes.length, types);
      for (const t of fn.paramTypes) types.push(VALTYPE[t]);
      uleb(fn.resultTypes.length, types);
      for (const t of fn.resultTypes) types.push(VALTYPE[t]);
    }
    section(1, types);

    const imports: number[] = [];
    uleb(1, imports);
    name('env', imports);
    name('memory', imports);
    imports.push(0x02, 0x03); // memory, flags: has maximum + shared
    uleb(this.memoryPages.initial, imports);
    uleb(this.memoryPages.maximum, imports);
    section(2, imports);

    const funcs: number[] = [];
    uleb(this.functions.length, funcs);
    this.functions.forEach((_, i) => uleb(i, funcs));
    section(3, funcs);

    const exports: number[] = [];
    const exported = this.functions.filter((f) => f.exported);
    uleb(exported.length, exports);
    for (const fn of exported) {
      name(fn.name, exports);
      exports.push(0x00);
      uleb(fn.index, exports);
    }
    section(7, exports);

    const code: number[] = [];
    uleb(this.functions.length, code);
    for (const fn of this.functions) code.push(...fn.body());
    section(10, code);

    return new Uint8Array(out);
  }
}
