/**
 * Typed access to the global `WebAssembly` object. The repository compiles against the ES2023
 * library without DOM types, where `WebAssembly` is not declared; these are the few parts the
 * compute core uses, declared locally so nothing global is augmented.
 */

/** A `WebAssembly.Memory`. */
export interface WasmMemory {
  /** The current bytes: a SharedArrayBuffer for shared memories; replaced when the memory grows. */
  readonly buffer: ArrayBufferLike;
  /** Adds `pages` 64 KiB pages and returns the previous size in pages; throws when it cannot. */
  grow(pages: number): number;
}

/** A compiled `WebAssembly.Module`. */
export type WasmModule = object;

/** A `WebAssembly.Instance`. */
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmNamespace {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** The engine's `WebAssembly` namespace. */
export const wasm = (globalThis as unknown as { WebAssembly: WasmNamespace }).WebAssembly;
