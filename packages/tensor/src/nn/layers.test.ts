import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDefaultBackend } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { ones } from '../ops/creation';
import { ELU, GELU, Hardsigmoid, Hardswish, LeakyReLU, ReLU, ReLU6, Sigmoid, SiLU, Softmax, Tanh } from './activations';
import { BatchNorm1d, BatchNorm2d } from './batch-norm';
import { Conv2d } from './conv2d';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GroupNorm } from './group-norm';
import { Identity } from './identity';
import { LayerNorm } from './layer-norm';
import { Linear } from './linear';
import type { AnyModule } from './module';
import { AdaptiveAvgPool2d, AvgPool2d, MaxPool2d } from './pooling';
import { checkCase } from './__fixtures__/nn-fixtures';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** Each fixture case with the TypeScript module built as the generator script builds PyTorch's. */
const cases: Record<string, () => AnyModule> = {
  linear: () => new Linear(4, 3),
  'linear-no-bias': () => new Linear(4, 3, { bias: false }),
  conv2d: () => new Conv2d(4, 6, 3, { stride: 2, padding: 1 }),
  'conv2d-groups-dilation': () => new Conv2d(4, 6, [3, 2], { padding: [2, 1], dilation: 2, groups: 2, bias: false }),
  'conv2d-reflect': () => new Conv2d(3, 2, 3, { padding: 1, paddingMode: 'reflect' }),
  'conv2d-replicate': () => new Conv2d(3, 2, 3, { padding: [2, 1], paddingMode: 'replicate' }),
  'conv2d-circular': () => new Conv2d(3, 2, 3, { padding: 1, paddingMode: 'circular' }),
  'conv2d-same': () => new Conv2d(2, 3, 4, { padding: 'same' }),
  'conv2d-same-reflect': () => new Conv2d(2, 3, [4, 3], { padding: 'same', paddingMode: 'reflect' }),
  'conv2d-depthwise': () => new Conv2d(3, 3, 3, { padding: 1, groups: 3 }),
  'batchnorm1d-train': () => new BatchNorm1d(3),
  'batchnorm1d-train-3d': () => new BatchNorm1d(3, { momentum: 0.3 }),
  'batchnorm1d-eval': () => new BatchNorm1d(3),
  'batchnorm2d-train': () => new BatchNorm2d(3),
  'batchnorm2d-eval': () => new BatchNorm2d(3, { eps: 1e-3 }),
  'batchnorm2d-cumulative': () => new BatchNorm2d(3, { momentum: null }),
  'batchnorm2d-no-affine': () => new BatchNorm2d(3, { affine: false }),
  'batchnorm2d-no-stats': () => new BatchNorm2d(3, { trackRunningStats: false }),
  layernorm: () => new LayerNorm(4),
  'layernorm-2d': () => new LayerNorm([3, 4], { eps: 1e-6 }),
  'layernorm-no-affine': () => new LayerNorm(5, { elementwiseAffine: false }),
  groupnorm: () => new GroupNorm(2, 4),
  'groupnorm-no-affine': () => new GroupNorm(3, 6, { eps: 1e-3, affine: false }),
  relu: () => new ReLU(),
  relu6: () => new ReLU6(),
  'leaky-relu': () => new LeakyReLU(),
  'leaky-relu-0.2': () => new LeakyReLU(0.2),
  elu: () => new ELU(),
  'elu-0.5': () => new ELU(0.5),
  gelu: () => new GELU(),
  'gelu-tanh': () => new GELU('tanh'),
  silu: () => new SiLU(),
  hardswish: () => new Hardswish(),
  hardsigmoid: () => new Hardsigmoid(),
  sigmoid: () => new Sigmoid(),
  tanh: () => new Tanh(),
  softmax: () => new Softmax(1),
  'softmax-last': () => new Softmax(-1),
  flatten: () => new Flatten(),
  'flatten-0-1': () => new Flatten(0, 1),
  identity: () => new Identity(),
  'dropout-eval': () => new Dropout(0.5),
  maxpool2d: () => new MaxPool2d(3, { stride: 2, padding: 1 }),
  'maxpool2d-ceil': () => new MaxPool2d(2, { ceilMode: true }),
  'maxpool2d-dilation': () => new MaxPool2d([2, 3], { stride: 1, dilation: [2, 1] }),
  avgpool2d: () => new AvgPool2d(3, { stride: 2, padding: 1 }),
  'avgpool2d-exclude-pad': () => new AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }),
  'avgpool2d-divisor': () => new AvgPool2d(2, { divisorOverride: 3 }),
  'adaptive-avgpool2d': () => new AdaptiveAvgPool2d([2, 3]),
  'adaptive-avgpool2d-1': () => new AdaptiveAvgPool2d(1),
  'adaptive-avgpool2d-none': () => new AdaptiveAvgPool2d([null, 2]),
};

describe('layers against PyTorch', () => {
  for (const [name, create] of Object.entries(cases)) {
    it(name, () => checkCase(name, create));
  }
});

describe('layer printing', () => {
  it('matches PyTorch repr', () => {
    const layers: Array<[AnyModule, string]> = [
      [new Conv2d(3, 8, 3, { stride: 2, padding: 1, bias: false }), 'Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)'],
      [new Conv2d(4, 4, [3, 1], { groups: 2, dilation: 2, paddingMode: 'reflect', padding: 'same' }), 'Conv2d(4, 4, kernel_size=(3, 1), stride=(1, 1), padding=same, dilation=(2, 2), groups=2, padding_mode=reflect)'],
      [new BatchNorm2d(64), 'BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'],
      [new BatchNorm1d(8, { momentum: null, affine: false }), 'BatchNorm1d(8, eps=1e-05, momentum=None, affine=False, track_running_stats=True)'],
      [new LayerNorm(768, { eps: 1e-6 }), 'LayerNorm((768,), eps=1e-06, elementwise_affine=True)'],
      [new GroupNorm(32, 64), 'GroupNorm(32, 64, eps=1e-05, affine=True)'],
      [new MaxPool2d(3, { stride: 2, padding: 1 }), 'MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)'],
      [new AvgPool2d([2, 2]), 'AvgPool2d(kernel_size=(2, 2), stride=(2, 2), padding=0)'],
      [new AdaptiveAvgPool2d([null, 7]), 'AdaptiveAvgPool2d(output_size=(None, 7))'],
      [new Flatten(), 'Flatten(start_dim=1, end_dim=-1)'],
      [new LeakyReLU(0.2), 'LeakyReLU(negative_slope=0.2)'],
      [new GELU(), "GELU(approximate='none')"],
      [new Dropout(0.1), 'Dropout(p=0.1, inplace=False)'],
      [new Softmax(-1), 'Softmax(dim=-1)'],
      [new ReLU(), 'ReLU()'],
    ];
    for (const [layer, text] of layers) {
      expect(layer.toString()).toBe(text);
      layer.dispose();
    }
  });
});

describe('layer argument errors', () => {
  it('name the layer and the offending value', () => {
    expect(() => new Conv2d(3, 8, 3, { groups: 2 })).toThrow(/Conv2d: inChannels = 3 must be divisible by groups = 2/);
    expect(() => new Conv2d(4, 8, 3, { padding: 'same', stride: 2 })).toThrow(/padding 'same' needs stride 1/);
    expect(() => new Conv2d(4, 8, 0)).toThrow(/Conv2d: kernelSize must be integers >= 1/);
    expect(() => new GroupNorm(3, 8)).toThrow(/GroupNorm: numChannels = 8 must be divisible by numGroups = 3/);
    expect(() => new Dropout(1.5)).toThrow(/Dropout: the drop probability must be in \[0, 1\], got 1.5/);
    expect(() => new BatchNorm2d(4, { momentum: 2 })).toThrow(/momentum must be in \[0, 1\] or null, got 2/);
    const bn = new BatchNorm2d(4);
    const linear = new Linear(3, 2);
    expect(() => linear.forward(backendOnes([2, 4]))).toThrow(/matmul: inner dimensions differ/);
    expect(() => bn.forward(backendOnes([2, 4, 3]))).toThrow(/BatchNorm2d: expected a 4-D input, got shape \[2, 4, 3\]/);
    expect(() => bn.forward(backendOnes([2, 3, 2, 2]))).toThrow(/BatchNorm2d: expected 4 channels on axis 1, got input of shape \[2, 3, 2, 2\]/);
    bn.dispose();
    linear.dispose();
    for (const tensorOf of created) tensorOf.dispose();
  });
});

const created: Tensor[] = [];
function backendOnes(shape: number[]): Tensor {
  const value = ones(shape);
  created.push(value);
  return value;
}
