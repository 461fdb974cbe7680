import type { Tensor } from '../core/tensor';
import { concat } from '../ops/join';
import { conv2d } from '../ops/nn/conv2d';
import { type Pair, toPair } from '../ops/nn/pair';
import { pad } from '../ops/pad';
import { slice } from '../ops/strided';
import { calculateFanInAndFanOut, kaimingUniform, uniform } from './init';
import { type LayerOptions, emptyParameter } from './layer-options';
import { Module } from './module';
import type { Parameter } from './parameter';
import { pythonPair } from './python-repr';

/** How {@link Conv2d} fills the padding: PyTorch's `padding_mode`. */
export type Conv2dPaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** The options of {@link Conv2d}, as `torch.nn.Conv2d`'s keyword arguments. */
export interface Conv2dLayerOptions extends LayerOptions {
  /** Default 1. */
  stride?: Pair;
  /** Padding of each side (default 0), or `'same'` (stride 1 only) or `'valid'`. */
  padding?: Pair | 'same' | 'valid';
  /** Default 1. */
  dilation?: Pair;
  /** Channel groups (default 1): both channel counts must be divisible by it. */
  groups?: number;
  /** Whether the layer adds a learnable bias (default true). */
  bias?: boolean;
  /** How the padding is filled (default `'zeros'`). */
  paddingMode?: Conv2dPaddingMode;
}

const PADDING_MODES: readonly Conv2dPaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/**
 * 2-D convolution, as `torch.nn.Conv2d`: `weight` is `[out, in / groups, kH, kW]` and `bias`
 * `[out]`, initialised as PyTorch does (kaiming uniform with a = √5, bias U(-1/√fan_in,
 * 1/√fan_in)). Inputs are NCHW or CHW.
 *
 * @example
 * const conv = new Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false });
 */
export class Conv2d extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'same' | 'valid';
  readonly dilation: [number, number];
  readonly groups: number;
  readonly paddingMode: Conv2dPaddingMode;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    options: Conv2dLayerOptions = {},
  ) {
    super();
    this.kernelSize = toPair('Conv2d', 'kernelSize', kernelSize, 1);
    this.stride = toPair('Conv2d', 'stride', options.stride ?? 1, 1);
    const padding = options.padding ?? 0;
    this.padding = padding === 'same' || padding === 'valid' ? padding : toPair('Conv2d', 'padding', padding, 0);
    this.dilation = toPair('Conv2d', 'dilation', options.dilation ?? 1, 1);
    this.groups = options.groups ?? 1;
    this.paddingMode = options.paddingMode ?? 'zeros';
    if (!Number.isInteger(this.groups) || this.groups < 1) throw new RangeError(`Conv2d: groups must be a positive integer, got ${this.groups}`);
    for (const [name, value] of [['inChannels', inChannels], ['outChannels', outChannels]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`Conv2d: ${name} must be a positive integer, got ${value}`);
      if (value % this.groups !== 0) throw new RangeError(`Conv2d: ${name} = ${value} must be divisible by groups = ${this.groups}`);
    }
    if (!PADDING_MODES.includes(this.paddingMode)) {
      throw new RangeError(`Conv2d: paddingMode must be one of ${PADDING_MODES.join(', ')}, got "${String(this.paddingMode)}"`);
    }
    if (this.padding === 'same' && (this.stride[0] !== 1 || this.stride[1] !== 1)) {
      throw new RangeError(`Conv2d: padding 'same' needs stride 1, got stride ${pythonPair(this.stride)}`);
    }
    const weightShape = [outChannels, inChannels / this.groups, ...this.kernelSize];
    this.weight = this.registerParameter('weight', emptyParameter(weightShape, options));
    this.bias = this.registerParameter('bias', options.bias ?? true ? emptyParameter([outChannels], options) : null);
    this.resetParameters(options);
  }

  /** Re-initialises the parameters as the constructor does. */
  resetParameters(options: Pick<LayerOptions, 'generator'> = {}): void {
    kaimingUniform(this.weight, { a: Math.sqrt(5), generator: options.generator });
    if (this.bias) {
      const { fanIn } = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform(this.bias, { a: -bound, b: bound, generator: options.generator });
    }
  }

  forward(x: Tensor): Tensor {
    const options = { stride: this.stride, dilation: this.dilation, groups: this.groups };
    if (this.paddingMode === 'zeros') return conv2d(x, this.weight, this.bias, { ...options, padding: this.padding });
    const padded = this.#padInput(x);
    const output = conv2d(padded, this.weight, this.bias, { ...options, padding: 0 });
    if (padded !== x) padded.dispose();
    return output;
  }

  /** Pads the input with the padding mode: `[left, right, top, bottom]`. */
  #padInput(x: Tensor): Tensor {
    const amounts: number[] = [];
    for (const axis of [1, 0] as const) {
      if (this.padding === 'valid') amounts.push(0, 0);
      else if (this.padding === 'same') {
        const total = this.dilation[axis] * (this.kernelSize[axis] - 1);
        amounts.push(Math.floor(total / 2), total - Math.floor(total / 2));
      } else amounts.push(this.padding[axis], this.padding[axis]);
    }
    if (amounts.every((amount) => amount === 0)) return x;
    if (this.paddingMode === 'reflect' || this.paddingMode === 'replicate') return pad(x, amounts, this.paddingMode);
    const [left, right, top, bottom] = amounts as [number, number, number, number];
    const wide = circularPad(x, x.rank - 1, left, right);
    const result = circularPad(wide, x.rank - 2, top, bottom);
    if (wide !== x && wide !== result) wide.dispose();
    return result;
  }

  override extraRepr(): string {
    let text = `${this.inChannels}, ${this.outChannels}, kernel_size=${pythonPair(this.kernelSize)}, stride=${pythonPair(this.stride)}`;
    if (typeof this.padding === 'string') text += `, padding=${this.padding}`;
    else if (this.padding[0] !== 0 || this.padding[1] !== 0) text += `, padding=${pythonPair(this.padding)}`;
    if (this.dilation[0] !== 1 || this.dilation[1] !== 1) text += `, dilation=${pythonPair(this.dilation)}`;
    if (this.groups !== 1) text += `, groups=${this.groups}`;
    if (!this.bias) text += ', bias=False';
    if (this.paddingMode !== 'zeros') text += `, padding_mode=${this.paddingMode}`;
    return text;
  }
}

/** Wraps `axis` around: `before` trailing elements in front, `after` leading elements behind. */
function circularPad(x: Tensor, axis: number, before: number, after: number): Tensor {
  if (before === 0 && after === 0) return x;
  const size = x.shape[axis] as number;
  if (before > size || after > size) {
    throw new RangeError(`Conv2d: circular padding of ${before}/${after} must not exceed the axis size ${size}`);
  }
  const ranges = (start: number, end: number) => x.shape.map((_, index) => (index === axis ? { start, end } : {}));
  const parts: Tensor[] = [];
  if (before > 0) parts.push(slice(x, ranges(size - before, size)));
  parts.push(x);
  if (after > 0) parts.push(slice(x, ranges(0, after)));
  const result = concat(parts, axis);
  for (const part of parts) if (part !== x) part.dispose();
  return result;
}
