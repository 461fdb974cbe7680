import { describe } from 'vitest';
import { grad } from '../../autograd/backward';
import { UNARY_KERNELS } from '../../core/kernel-contracts';
import type { Tensor } from '../../core/tensor';
import { add, atan2, div, maximum, minimum, mul, pow, sub } from '../../ops/arithmetic';
import { cast } from '../../ops/cast';
import { where } from '../../ops/compare';
import { clone } from '../../ops/copy';
import { onesLike, tensor } from '../../ops/creation';
import { gather, indexSelect, repeat, scatterAdd, tile, topk } from '../../ops/indexing';
import { chunk, concat, roll, split, stack } from '../../ops/join';
import { linear, matmul } from '../../ops/matmul';
import { pad } from '../../ops/pad';
import { cumsum, logsumexp, max, mean, min, norm, prod, std, sum, variance } from '../../ops/reduce';
import { flatten, reshape, squeeze, unsqueeze } from '../../ops/reshape';
import { expand, flip, permute, slice, transpose } from '../../ops/strided';
import * as unary from '../../ops/unary';
import type { ConformanceContext } from '../conformance-context';
import type { CheckInput } from '../finite-difference';
import { distinctArray, seededArray } from '../host-reference';

type Forward = (...inputs: Tensor[]) => Tensor | readonly Tensor[];
type Case = [name: string, inputs: CheckInput[], forward: Forward];

function entry(name: string, inputs: CheckInput[], forward: Forward): Case {
  return [name, inputs, forward];
}

const positive = (shape: number[], seed: number): CheckInput => ({ shape, values: seededArray(shape, seed, 0.5, 2).values });
const plain = (shape: number[], seed: number): CheckInput => ({ shape, values: seededArray(shape, seed).values });
const distinct = (shape: number[], seed: number): CheckInput => ({ shape, values: distinctArray(shape, seed).values });
const index = (shape: number[], values: number[]): CheckInput => ({ shape, values, dtype: 'int32' });

/** Every differentiable core op, with inputs: run forward and backward outside `tidy`. */
const CASES: readonly Case[] = [
  ...UNARY_KERNELS.map((name) => entry(name, [positive([2, 3], 1)], unary[name] as (x: Tensor) => Tensor)),
  entry('clamp', [plain([2, 3], 2)], (x) => unary.clamp(x, -0.5, 0.5)),
  entry('add', [plain([2, 3], 3), plain([3], 4)], add),
  entry('sub', [plain([2, 1], 3), plain([1, 3], 4)], sub),
  entry('mul', [plain([2, 3], 3), plain([], 4)], mul),
  entry('div', [plain([2, 3], 3), positive([3], 4)], div),
  entry('pow', [positive([2, 3], 3), plain([3], 4)], pow),
  entry('maximum', [plain([2, 3], 3), plain([3], 4)], maximum),
  entry('minimum', [plain([2, 3], 3), plain([3], 4)], minimum),
  entry('atan2', [plain([2, 3], 3), positive([3], 4)], atan2),
  entry('where', [{ shape: [3], values: [1, 0, 1], dtype: 'bool' }, plain([2, 3], 5), plain([3], 6)], where),
  entry('cast', [plain([3], 7)], (x) => cast(x, 'float32')),
  entry('clone', [plain([3], 7)], clone),
  entry('sum', [plain([2, 3, 4], 8)], (x) => sum(x, [0, 2])),
  entry('mean', [plain([2, 3, 4], 8)], (x) => mean(x, 1, true)),
  entry('prod', [positive([2, 3], 8)], (x) => prod(x, 1)),
  entry('max', [distinct([2, 3, 4], 8)], (x) => max(x, [0, 2])),
  entry('min', [distinct([2, 3, 4], 8)], (x) => min(x)),
  entry('variance', [plain([2, 3, 4], 8)], (x) => variance(x, [1, 2])),
  entry('std', [plain([2, 3, 4], 8)], (x) => std(x, 0, { unbiased: false })),
  entry('logsumexp', [plain([2, 3, 4], 8)], (x) => logsumexp(x, 1)),
  entry('norm', [plain([2, 3, 4], 8)], (x) => [norm(x, 1, 1), norm(x, 2), norm(x, Number.POSITIVE_INFINITY, 2), norm(x, 3, 0)]),
  entry('cumsum', [plain([2, 3, 4], 8)], (x) => cumsum(x, 1, true)),
  entry('reshape', [plain([2, 3, 4], 9)], (x) => [reshape(x, [6, -1]), flatten(x, 1), unsqueeze(x, 0), squeeze(x)]),
  entry('permute', [plain([2, 3, 4], 9)], (x) => [permute(x, [2, 0, 1]), transpose(x)]),
  entry('expand', [plain([2, 1, 4], 9)], (x) => expand(x, [3, 2, 5, 4])),
  entry('slice', [plain([2, 3, 4], 9)], (x) => [slice(x, [{ step: -1 }, { start: 1 }, { step: 2 }]), flip(x, [0, 2])]),
  entry('pad', [plain([2, 3, 4], 9)], (x) => [pad(x, [1, 2, 2, 1]), pad(x, [1, 2, 2, 1], 'reflect'), pad(x, [1, 2, 2, 1], 'replicate')]),
  entry('concat', [plain([2, 3], 10), plain([1, 3], 11)], (a, b) => [concat([a, b]), stack([a, a], 1)]),
  entry('split', [plain([2, 5], 12)], (x) => [...split(x, 2, 1), ...chunk(x, 2, 0), roll(x, 2, 1)]),
  entry('gather', [plain([3, 4], 13), index([3, 2], [0, 3, 1, 1, 2, 0])], (x, indices) => gather(x, 1, indices)),
  entry('scatterAdd', [plain([3, 4], 13), index([2, 4], [0, 2, 2, 1, 0, 0, 1, 2]), plain([2, 4], 14)], (base, indices, source) => scatterAdd(base, 0, indices, source)),
  entry('indexSelect', [plain([3, 4], 13), index([3], [2, 0, 2])], (x, indices) => indexSelect(x, 0, indices)),
  entry('topk', [distinct([2, 5], 15)], (x) => Object.values(topk(x, 2))),
  entry('repeat', [plain([2, 3], 16)], (x) => [repeat(x, [2, 1, 2]), tile(x, [2])]),
  entry('matmul', [plain([2, 1, 3, 4], 17), plain([3, 4, 2], 18)], (a, b) => matmul(a, b)),
  entry('linear', [plain([2, 4], 19), plain([3, 4], 20), plain([3], 21)], (x, w, b) => linear(x, w, b)),
];

function inputTensor(input: CheckInput): Tensor {
  const dtype = input.dtype ?? 'float32';
  const values = dtype === 'int32' ? Int32Array.from(input.values) : dtype === 'bool' ? Uint8Array.from(input.values) : Float32Array.from(input.values);
  return tensor(values, { shape: input.shape, dtype, requiresGrad: dtype === 'float32' });
}

/**
 * Memory discipline of every differentiable core op: forward and backward run outside `tidy`, so
 * an intermediate that an op or a backward function forgets to dispose fails the leak check.
 */
export function registerMemoryDisciplineTests(context: ConformanceContext): void {
  describe('memory discipline', () => {
    for (const [name, specs, forward] of CASES) {
      context.test(`${name}: forward and backward outside tidy leave only what they return`, [name, 'memory'], () => {
        const inputs = specs.map(inputTensor);
        const produced = forward(...inputs);
        const outputs = Array.isArray(produced) ? [...(produced as readonly Tensor[])] : [produced as Tensor];
        const roots = outputs.filter((output) => output.requiresGrad);
        const seeds = roots.map((root) => onesLike(root));
        const wanted = inputs.filter((input) => input.requiresGrad);
        const gradients = grad(roots, wanted, seeds, { allowUnused: true });
        for (const item of [...outputs, ...seeds, ...inputs]) item.dispose();
        for (const gradient of gradients) gradient?.dispose();
      });
    }
  });
}
