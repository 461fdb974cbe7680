import { wasm } from './webassembly';

/**
 * A minimal module whose one function uses `f32x4.relaxed_madd`:
 * `(module (func (param v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 0) (local.get 0))))`.
 */
const relaxedSimdProbe = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32,
  0, 32, 0, 253, 133, 2, 11,
]);

/**
 * Whether this JavaScript engine accepts relaxed-SIMD WebAssembly. On Node 20 that needs the
 * process flag `--experimental-wasm-relaxed-simd`; newer engines ship it enabled.
 *
 * @example
 * ```ts
 * const kernels = detectRelaxedSimd() ? kernelsRelaxedSimdBytes() : kernelsSimdBytes();
 * ```
 */
export function detectRelaxedSimd(): boolean {
  return wasm.validate(relaxedSimdProbe);
}
