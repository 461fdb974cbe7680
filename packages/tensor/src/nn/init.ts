/**
 * Weight initialisation, as `torch.nn.init`: each function replaces a tensor's values in place
 * (the handle keeps its identity, so it works on registered parameters), draws from the given
 * {@link Generator} or the default one, and returns the tensor.
 *
 * @example
 * init.kaimingNormal(conv.weight, { mode: 'fan_out', nonlinearity: 'relu' });
 * init.constant(conv.bias, 0);
 */
import { isFloating } from '../core/dtype';
import { formatShape, sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { full } from '../ops/creation';
import type { Generator } from '../random/generator';
import { rand, randn, truncatedNormal as drawTruncatedNormal } from '../random/random-tensors';
import { assignValues } from './load-state-dict';

/** The nonlinearities of {@link calculateGain}, with PyTorch's names. */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/** Whether the fan of the input or of the output sets the scale (PyTorch's `mode`). */
export type FanMode = 'fan_in' | 'fan_out';

/** Where random values come from. */
export interface InitOptions {
  /** The generator to draw from; the default generator when absent. */
  generator?: Generator;
}

/** The options of {@link kaimingUniform} and {@link kaimingNormal}. */
export interface KaimingOptions extends InitOptions {
  /** The negative slope of the rectifier after this layer (for `leaky_relu`; default 0). */
  a?: number;
  /** `'fan_in'` (default) preserves the forward variance, `'fan_out'` the backward one. */
  mode?: FanMode;
  /** The nonlinearity after this layer (default `'leaky_relu'`). */
  nonlinearity?: Nonlinearity;
}

const LINEAR_GAIN = new Set<string>(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid']);

/**
 * The recommended gain for a nonlinearity, as `torch.nn.init.calculate_gain`: 1 for linear layers
 * and sigmoid, 5/3 for tanh, √2 for relu, √(2 / (1 + slope²)) for leaky_relu (`param` is the
 * slope, 0.01 by default), 3/4 for selu.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (LINEAR_GAIN.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (typeof slope !== 'number' || Number.isNaN(slope)) throw new TypeError(`calculateGain: negative slope ${String(param)} is not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new RangeError(`calculateGain: unsupported nonlinearity "${String(nonlinearity)}"`);
  }
}

/**
 * The fan-in and fan-out of a weight, as PyTorch computes them: `shape[1]` and `shape[0]` times
 * the receptive field (the product of the remaining dimensions). Needs at least two dimensions.
 */
export function calculateFanInAndFanOut(tensor: Tensor): { fanIn: number; fanOut: number } {
  if (tensor.rank < 2) {
    throw new RangeError(`calculateFanInAndFanOut: fan in and fan out can not be computed for a tensor of shape ${formatShape(tensor.shape)} (fewer than 2 dimensions)`);
  }
  const receptiveField = sizeOf(tensor.shape.slice(2));
  return { fanIn: (tensor.shape[1] as number) * receptiveField, fanOut: (tensor.shape[0] as number) * receptiveField };
}

function fan(tensor: Tensor, mode: FanMode, op: string): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new RangeError(`${op}: mode must be "fan_in" or "fan_out", got "${String(mode)}"`);
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  return mode === 'fan_in' ? fanIn : fanOut;
}

function checkFloating(tensor: Tensor, op: string): void {
  tensor.assertAlive(op);
  if (!isFloating(tensor.dtype)) throw new TypeError(`${op}: the tensor must be floating point, got ${tensor.dtype}`);
}

/** Replaces the values of `tensor` with those of `values` (same shape) and disposes `values`. */
function fill(tensor: Tensor, values: Tensor): Tensor {
  try {
    if (values.dtype === tensor.dtype && values.backend === tensor.backend) tensor.replaceStorage(values.storage);
    else assignValues(tensor, values);
  } finally {
    values.dispose();
  }
  return tensor;
}

/** Fills with values drawn uniformly from [a, b), as `uniform_` (default [0, 1)). */
export function uniform(tensor: Tensor, options: InitOptions & { a?: number; b?: number } = {}): Tensor {
  checkFloating(tensor, 'uniform');
  const low = options.a ?? 0;
  const high = options.b ?? 1;
  if (!(low <= high)) throw new RangeError(`uniform: expected a <= b, got a = ${low}, b = ${high}`);
  return fill(tensor, rand(tensor.shape, { low, high, backend: tensor.backend, generator: options.generator }));
}

/** Fills with values drawn from N(mean, std²), as `normal_` (default N(0, 1)). */
export function normal(tensor: Tensor, options: InitOptions & { mean?: number; std?: number } = {}): Tensor {
  checkFloating(tensor, 'normal');
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new RangeError(`normal: std must be non-negative, got ${std}`);
  return fill(tensor, randn(tensor.shape, { mean: options.mean ?? 0, std, backend: tensor.backend, generator: options.generator }));
}

/**
 * Fills with values drawn from N(mean, std²) and redrawn until they fall in [a, b] (absolute
 * bounds), as `trunc_normal_` (defaults: mean 0, std 1, [-2, 2]).
 */
export function truncatedNormal(
  tensor: Tensor,
  options: InitOptions & { mean?: number; std?: number; a?: number; b?: number } = {},
): Tensor {
  checkFloating(tensor, 'truncatedNormal');
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new RangeError(`truncatedNormal: std must be non-negative, got ${std}`);
  return fill(
    tensor,
    drawTruncatedNormal(tensor.shape, {
      mean: options.mean ?? 0,
      std,
      a: options.a ?? -2,
      b: options.b ?? 2,
      backend: tensor.backend,
      generator: options.generator,
    }),
  );
}

/** Fills with one value, as `constant_`. */
export function constant(tensor: Tensor, value: number): Tensor {
  tensor.assertAlive('constant');
  return fill(tensor, full(tensor.shape, value, { dtype: tensor.dtype, backend: tensor.backend }));
}

/** Fills with zeros, as `zeros_`. */
export function zeros(tensor: Tensor): Tensor {
  return constant(tensor, 0);
}

/** Fills with ones, as `ones_`. */
export function ones(tensor: Tensor): Tensor {
  return constant(tensor, 1);
}

/**
 * He initialisation with a uniform distribution, as `kaiming_uniform_`: values from
 * U(-bound, bound) with `bound = gain · √(3 / fan)`, the gain from {@link calculateGain} with
 * `nonlinearity` and `a`. PyTorch's Linear and Conv2d use `a = √5`, which gives `1 / √fan_in`.
 */
export function kaimingUniform(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  checkFloating(tensor, 'kaimingUniform');
  if (tensor.size === 0) return tensor;
  const fanValue = fan(tensor, options.mode ?? 'fan_in', 'kaimingUniform');
  const std = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0) / Math.sqrt(fanValue);
  const bound = Math.sqrt(3) * std;
  return uniform(tensor, { a: -bound, b: bound, generator: options.generator });
}

/**
 * He initialisation with a normal distribution, as `kaiming_normal_`: values from N(0, std²) with
 * `std = gain / √fan`.
 */
export function kaimingNormal(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  checkFloating(tensor, 'kaimingNormal');
  if (tensor.size === 0) return tensor;
  const fanValue = fan(tensor, options.mode ?? 'fan_in', 'kaimingNormal');
  const std = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0) / Math.sqrt(fanValue);
  return normal(tensor, { mean: 0, std, generator: options.generator });
}

/**
 * Glorot initialisation with a uniform distribution, as `xavier_uniform_`: values from
 * U(-a, a) with `a = gain · √(6 / (fan_in + fan_out))`.
 */
export function xavierUniform(tensor: Tensor, options: InitOptions & { gain?: number } = {}): Tensor {
  checkFloating(tensor, 'xavierUniform');
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  const std = (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  const bound = Math.sqrt(3) * std;
  return uniform(tensor, { a: -bound, b: bound, generator: options.generator });
}

/**
 * Glorot initialisation with a normal distribution, as `xavier_normal_`: values from N(0, std²)
 * with `std = gain · √(2 / (fan_in + fan_out))`.
 */
export function xavierNormal(tensor: Tensor, options: InitOptions & { gain?: number } = {}): Tensor {
  checkFloating(tensor, 'xavierNormal');
  const { fanIn, fanOut } = calculateFanInAndFanOut(tensor);
  const std = (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  return normal(tensor, { mean: 0, std, generator: options.generator });
}
