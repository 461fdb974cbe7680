/**
 * Decodes a base64 string (standard alphabet, with padding) into bytes. Used by the generated
 * `*.wasm.ts` modules that carry the WebAssembly kernels.
 *
 * @example
 * ```ts
 * decodeBase64('AGFzbQ=='); // Uint8Array [0, 97, 115, 109]
 * ```
 */
export function decodeBase64(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
