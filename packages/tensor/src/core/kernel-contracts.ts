import type { DType } from './dtype';

/** Unary elementwise kernels: one input, one output of the same shape and dtype. */
export const UNARY_KERNELS = [
  'neg',
  'abs',
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'rsqrt',
  'square',
  'reciprocal',
  'sign',
  'floor',
  'ceil',
  'round',
  'sigmoid',
  'tanh',
  'relu',
  'erf',
  'sin',
  'cos',
] as const;
export type UnaryKernel = (typeof UNARY_KERNELS)[number];

/**
 * Binary elementwise kernels with NumPy broadcasting: the inputs keep their own shapes (right
 * aligned), the output has the broadcast shape. Arithmetic outputs have the inputs' dtype (the
 * frontend casts both inputs to the promoted dtype first); comparisons and logical ops output bool.
 */
export const BINARY_KERNELS = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'atan2'] as const;
export type BinaryKernel = (typeof BINARY_KERNELS)[number];

export const COMPARISON_KERNELS = ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'] as const;
export type ComparisonKernel = (typeof COMPARISON_KERNELS)[number];

export const LOGICAL_KERNELS = ['logicalAnd', 'logicalOr', 'logicalXor'] as const;
export type LogicalKernel = (typeof LOGICAL_KERNELS)[number];

/** Reductions over the middle axis of an input viewed as `[outer, reduce, inner]`. */
export const REDUCE_KERNELS = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin'] as const;
export type ReduceKernel = (typeof REDUCE_KERNELS)[number];

/** The view of a reduction or scan: the input is `[outer, reduce, inner]`, row-major. */
export interface ReduceAttributes {
  outer: number;
  reduce: number;
  inner: number;
}

export interface Pool2dAttributes {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

export interface Conv2dAttributes {
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
}

export type InterpolateMode = 'nearest' | 'bilinear' | 'bicubic';

/**
 * Fused kernels a backend MAY implement (all others are required). A frontend op uses one only
 * when `backend.hasKernel(name)` says so and otherwise runs its composite of primitive kernels,
 * which stays the reference: tests check that both paths agree.
 */
export const OPTIONAL_KERNELS = [
  'batchNormTrain',
  'batchNormInference',
  'batchNormBackward',
  'reluBackward',
  'sgdUpdate',
  'adamUpdate',
] as const;
export type OptionalKernel = (typeof OPTIONAL_KERNELS)[number];

/** The attributes of the fused optimizer step {@link KernelAttributes.sgdUpdate}, PyTorch's SGD options. */
export interface SgdUpdateAttributes {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/** The attributes of the fused optimizer step {@link KernelAttributes.adamUpdate} (Adam, or AdamW when `decoupled`). */
export interface AdamUpdateAttributes {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** AdamW: shrink the parameter by `1 - lr · weightDecay` instead of adding the decay to the gradient. */
  decoupled: boolean;
  maximize: boolean;
  amsgrad: boolean;
  /** The step number, counting from 1, for the bias corrections. */
  step: number;
}

/**
 * Every kernel of the backend contract with its typed attributes. Inputs and outputs are given to a
 * kernel as {@link KernelTensor}s: the frontend op validates arguments, computes output shapes and
 * dtypes and allocates outputs; the kernel only computes.
 */
export type KernelAttributes = { [K in UnaryKernel]: Record<string, never> } & {
  [K in BinaryKernel | ComparisonKernel | LogicalKernel]: Record<string, never>;
} & { [K in ReduceKernel]: ReduceAttributes } & {
  /** Clamps into [min, max]; either bound may be absent. */
  clamp: { min?: number; max?: number };
  logicalNot: Record<string, never>;
  isNan: Record<string, never>;
  /** Converts to the output's dtype (bool: non-zero is true; float to int truncates toward zero). */
  cast: Record<string, never>;
  /** `where(condition, a, b)` with broadcasting of all three inputs. */
  where: Record<string, never>;
  /** Fills the output with one value. */
  fill: { value: number };
  /** Inclusive cumulative sum along the middle axis of `[outer, reduce, inner]`. */
  cumsum: ReduceAttributes & { reverse: boolean };
  /**
   * Copies a strided view of the input into the contiguous output:
   * `out[i0, i1, ...] = in[offset + i0 * strides[0] + i1 * strides[1] + ...]`. Covers permute,
   * slice with steps, flip (negative strides) and expand (zero strides).
   */
  stridedCopy: { offset: number; strides: number[] };
  /**
   * The adjoint of `stridedCopy`: the output is a copy of input 0 (the base) with input 1 (the
   * source) added at `offset + i0 * strides[0] + ...` for each source index (the positions must
   * not overlap).
   */
  stridedScatterAdd: { offset: number; strides: number[] };
  /** Pads each axis by `before[axis]` and `after[axis]` elements. */
  pad: { before: number[]; after: number[]; mode: 'constant' | 'reflect' | 'replicate'; value: number };
  /**
   * The gradient of `pad`: sums the padded gradient (input 0) back onto the input's positions
   * (reflected and replicated border values add to the positions they copy).
   */
  padBackward: { before: number[]; mode: 'constant' | 'reflect' | 'replicate' };
  /** Concatenates all inputs along `axis`. */
  concat: { axis: number };
  /** `torch.gather`: `out[..., i, ...] = input[..., index[..., i, ...], ...]` along `axis`. */
  gather: { axis: number };
  /** `base.scatter_add(axis, index, source)` written to the output (inputs: base, index, source). */
  scatterAdd: { axis: number };
  /** The k largest (or smallest) values along the last axis and their indices (two outputs). */
  topk: { k: number; largest: boolean };
  /**
   * Batched matrix product of `[batchA, m, k]` and `[batchB, k, n]` (after optional transposes of
   * the last two axes) into `[batch, m, n]`; a batch of 1 broadcasts.
   */
  matmul: { transposeA: boolean; transposeB: boolean };
  /** NCHW input, OIHW filter (I = C / groups), NCHW output. */
  conv2d: Conv2dAttributes;
  /** Gradient of conv2d with respect to its input (inputs: grad output, filter). */
  conv2dBackwardInput: Conv2dAttributes;
  /** Gradient of conv2d with respect to its filter (inputs: input, grad output). */
  conv2dBackwardFilter: Conv2dAttributes;
  /** Max pooling of NCHW input; outputs the values and the int32 index of each max in its plane. */
  maxPool2d: Pool2dAttributes;
  /** Scatters grad output to the recorded max positions (inputs: grad output, indices). */
  maxPool2dBackward: Pool2dAttributes;
  avgPool2d: Pool2dAttributes & { countIncludePad: boolean; divisorOverride?: number };
  /** Inputs: grad output; output has the input's shape. */
  avgPool2dBackward: Pool2dAttributes & { countIncludePad: boolean; divisorOverride?: number };
  adaptiveAvgPool2d: Record<string, never>;
  adaptiveAvgPool2dBackward: Record<string, never>;
  /** Resizes the last two axes of NCHW input to the output's size. */
  interpolate: { mode: InterpolateMode; alignCorners: boolean };
  /** Inputs: grad output; output has the input's shape. */
  interpolateBackward: { mode: InterpolateMode; alignCorners: boolean };
  /**
   * Optional. Batch norm in training of an input viewed as `[N, C, S]` (rank 2 to 4, channels on axis 1).
   * Inputs: x, weight [C], bias [C]. Outputs: `y = (x - mean) · invStd · weight + bias` (x's shape),
   * the batch mean [C], the biased batch variance [C] and `invStd = 1 / sqrt(variance + eps)` [C].
   */
  batchNormTrain: { eps: number };
  /**
   * Optional. Batch norm with given statistics. Inputs: x, mean [C], variance [C], weight [C],
   * bias [C]. Output: `(x - mean) / sqrt(variance + eps) · weight + bias`.
   */
  batchNormInference: { eps: number };
  /**
   * Optional. The gradients of {@link KernelAttributes.batchNormTrain}. Inputs: grad y, x, mean [C],
   * invStd [C], weight [C]. With `x̂ = (x - mean) · invStd` and M = N·S values per channel, the
   * outputs are `gradInput = weight · invStd · (g - gradBias / M - x̂ · gradWeight / M)` (x's shape),
   * `gradWeight = Σ g · x̂` [C] and `gradBias = Σ g` [C].
   */
  batchNormBackward: Record<string, never>;
  /** Optional. The gradient of relu from its output. Inputs: grad, relu output. Output: `output > 0 ? grad : 0`. */
  reluBackward: Record<string, never>;
  /**
   * Optional. One step of PyTorch's SGD for one parameter. Inputs: param, grad and, after the first
   * step with momentum, the momentum buffer. Outputs: the new param and, with momentum, the new
   * buffer (on the first step the buffer starts as the decayed gradient).
   */
  sgdUpdate: SgdUpdateAttributes;
  /**
   * Optional. One step of PyTorch's Adam/AdamW for one parameter. Inputs: param, grad, exp_avg,
   * exp_avg_sq and, with amsgrad, max_exp_avg_sq. Outputs: the new param, exp_avg, exp_avg_sq and,
   * with amsgrad, max_exp_avg_sq.
   */
  adamUpdate: AdamUpdateAttributes;
};

/** The name of a kernel of the backend contract. */
export type KernelName = keyof KernelAttributes;

/** Output dtypes of kernels whose output dtype is not their input's. */
export type KernelOutputDType = DType;
