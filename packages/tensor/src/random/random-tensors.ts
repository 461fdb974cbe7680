import type { Shape } from '../core/shape';
import { checkShape, sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { type CreationOptions, fromHost } from '../ops/creation';
import { type Generator, defaultGenerator } from './generator';

/** Options of the random creation functions. */
export interface RandomOptions extends CreationOptions {
  /** The generator to draw from; the default generator when absent. */
  generator?: Generator;
}

function draw(shape: Shape, options: RandomOptions, sample: (generator: Generator) => number): Tensor {
  checkShape(shape, 'random');
  const generator = options.generator ?? defaultGenerator;
  const host = new Float32Array(sizeOf(shape));
  for (let index = 0; index < host.length; index++) host[index] = sample(generator);
  return fromHost(host, shape, 'float32', options);
}

/** Uniform values in [low, high). */
export function rand(shape: Shape, options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const low = options.low ?? 0;
  const span = (options.high ?? 1) - low;
  return draw(shape, options, (generator) => low + span * generator.uniform());
}

/** Normal values with the given mean and standard deviation. */
export function randn(shape: Shape, options: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  return draw(shape, options, (generator) => mean + std * generator.normal());
}

/**
 * Normal values redrawn until they fall in `[a, b]` (absolute bounds, as PyTorch's
 * `trunc_normal_`, default [-2, 2]).
 */
export function truncatedNormal(shape: Shape, options: RandomOptions & { mean?: number; std?: number; a?: number; b?: number } = {}): Tensor {
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  const a = options.a ?? -2;
  const b = options.b ?? 2;
  if (!(a < b)) throw new RangeError(`truncatedNormal: empty interval [${a}, ${b}]`);
  return draw(shape, options, (generator) => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const value = mean + std * generator.normal();
      if (value >= a && value <= b) return value;
    }
    return Math.min(Math.max(mean, a), b);
  });
}

/** 1 with probability `p`, else 0 (float32). */
export function bernoulli(shape: Shape, p: number, options: RandomOptions = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
  return draw(shape, options, (generator) => (generator.uniform() < p ? 1 : 0));
}

/** Integers in [low, high) (int32). */
export function randint(low: number, high: number, shape: Shape, options: RandomOptions = {}): Tensor {
  checkShape(shape, 'randint');
  const generator = options.generator ?? defaultGenerator;
  const host = new Int32Array(sizeOf(shape));
  for (let index = 0; index < host.length; index++) host[index] = generator.integer(low, high);
  return fromHost(host, shape, 'int32', options);
}

/** A random permutation of 0..n-1 (int32), by Fisher-Yates. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  return fromHost(permutation(n, options.generator ?? defaultGenerator), [n], 'int32', options);
}

/** A random permutation of 0..n-1 on the host. */
export function permutation(n: number, generator: Generator = defaultGenerator): Int32Array {
  const values = Int32Array.from({ length: n }, (_, index) => index);
  for (let index = n - 1; index > 0; index--) {
    const other = generator.integer(0, index + 1);
    const swap = values[index] as number;
    values[index] = values[other] as number;
    values[other] = swap;
  }
  return values;
}
