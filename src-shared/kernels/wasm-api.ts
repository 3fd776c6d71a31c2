/**
 * The slice of the WebAssembly JS API the kernels use, typed here because the Node
 * TypeScript config has no DOM library (where TypeScript declares `WebAssembly`), while
 * every runtime we run in (Node, workers, Electron's renderer) has the API itself.
 */

/** A compiled module (opaque; structured-clonable to workers). */
export interface WasmModule { readonly __wasmModule?: never }

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

export interface WasmInstance { readonly exports: Record<string, unknown> }

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

/** The runtime's WebAssembly object, or undefined where there is none. */
export const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
