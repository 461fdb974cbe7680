/**
 * WebGPU flag values, fixed by the specification. They are spelled out here so that the backend
 * does not depend on the `GPUBufferUsage` / `GPUMapMode` globals, which Dawn for Node only
 * provides when its globals are installed on `globalThis`.
 */
export const BufferUsage = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

/** `GPUMapMode` flags. */
export const MapMode = {
  READ: 0x0001,
  WRITE: 0x0002,
} as const;

/** `GPUShaderStage.COMPUTE`. */
export const SHADER_STAGE_COMPUTE = 0x4;

/** Usage of tensor storage buffers. */
export const TENSOR_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

/** Usage of readback staging buffers. */
export const READBACK_USAGE = BufferUsage.MAP_READ | BufferUsage.COPY_DST;

/** Usage of the per-submit uniform arena. */
export const UNIFORM_USAGE = BufferUsage.UNIFORM | BufferUsage.COPY_DST;
