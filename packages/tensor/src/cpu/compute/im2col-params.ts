/**
 * An NCHW im2col / col2im on heap memory. For each of `batch` images of `channels` planes of
 * height x width floats, the column matrix has `channels*kernelH*kernelW` rows and
 * `outH*outW` columns (PyTorch's `unfold` layout); images follow each other in both buffers.
 */
export interface Im2colParams {
  /** Byte offset of the NCHW image data (batch x channels x height x width floats). */
  input: number;
  /** Byte offset of the column data (batch x channels*kernelH*kernelW x outH*outW floats). */
  col: number;
  /** Default 1. */
  batch?: number;
  channels: number;
  height: number;
  width: number;
  kernelH: number;
  kernelW: number;
  /** Default 0. */
  padH?: number;
  /** Default 0. */
  padW?: number;
  /** Default 1. */
  strideH?: number;
  /** Default 1. */
  strideW?: number;
  /** Default 1. */
  dilationH?: number;
  /** Default 1. */
  dilationW?: number;
}

/** {@link Im2colParams} with every default applied and the output size. */
export interface ResolvedIm2col {
  input: number;
  col: number;
  batch: number;
  channels: number;
  height: number;
  width: number;
  kernelH: number;
  kernelW: number;
  padH: number;
  padW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  outH: number;
  outW: number;
}

/**
 * Output length of a convolution along one axis:
 * `floor((size + 2*pad - dilation*(kernel - 1) - 1) / stride) + 1`, or 0 when the kernel does
 * not fit.
 *
 * @example
 * ```ts
 * convolutionOutputSize(32, 3, 1, 1, 1); // 32
 * ```
 */
export function convolutionOutputSize(
  size: number,
  kernel: number,
  pad: number,
  stride: number,
  dilation: number,
): number {
  const span = size + 2 * pad - dilation * (kernel - 1) - 1;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

function check(operation: string, name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum || value > 0x7fffffff) {
    throw new RangeError(`${operation}: ${name} must be an integer >= ${minimum}, got ${value}`);
  }
}

/**
 * Applies the defaults of {@link Im2colParams}, validates the fields and checks that both
 * buffers lie inside a heap of `capacity` bytes.
 *
 * @throws RangeError naming the offending field and value.
 */
export function resolveIm2col(
  operation: 'im2col' | 'col2im',
  params: Im2colParams,
  capacity: number,
): ResolvedIm2col {
  const resolved: ResolvedIm2col = {
    input: params.input,
    col: params.col,
    batch: params.batch ?? 1,
    channels: params.channels,
    height: params.height,
    width: params.width,
    kernelH: params.kernelH,
    kernelW: params.kernelW,
    padH: params.padH ?? 0,
    padW: params.padW ?? 0,
    strideH: params.strideH ?? 1,
    strideW: params.strideW ?? 1,
    dilationH: params.dilationH ?? 1,
    dilationW: params.dilationW ?? 1,
    outH: 0,
    outW: 0,
  };
  for (const name of ['input', 'col'] as const) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < 0 || value % 4 !== 0) {
      throw new RangeError(
        `${operation}: ${name} must be a non-negative byte offset that is a multiple of 4, got ${value}`,
      );
    }
  }
  for (const name of ['batch', 'channels', 'height', 'width', 'padH', 'padW'] as const) {
    check(operation, name, resolved[name], 0);
  }
  for (const name of ['kernelH', 'kernelW', 'strideH', 'strideW', 'dilationH', 'dilationW'] as const) {
    check(operation, name, resolved[name], 1);
  }
  resolved.outH = convolutionOutputSize(
    resolved.height,
    resolved.kernelH,
    resolved.padH,
    resolved.strideH,
    resolved.dilationH,
  );
  resolved.outW = convolutionOutputSize(
    resolved.width,
    resolved.kernelW,
    resolved.padW,
    resolved.strideW,
    resolved.dilationW,
  );
  const inputBytes = 4 * resolved.batch * resolved.channels * resolved.height * resolved.width;
  const colBytes =
    4 *
    resolved.batch *
    resolved.channels *
    resolved.kernelH *
    resolved.kernelW *
    resolved.outH *
    resolved.outW;
  if (resolved.input + inputBytes > capacity) {
    throw new RangeError(
      `${operation}: input (byte offset ${resolved.input}, ${inputBytes} bytes) reaches past the end of the heap (${capacity} bytes)`,
    );
  }
  if (resolved.col + colBytes > capacity) {
    throw new RangeError(
      `${operation}: col (byte offset ${resolved.col}, ${colBytes} bytes) reaches past the end of the heap (${capacity} bytes)`,
    );
  }
  return resolved;
}
