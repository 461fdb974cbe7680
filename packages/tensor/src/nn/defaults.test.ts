import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDefaultBackend } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { Generator } from '../random/generator';
import { ReLU } from './activations';
import { BatchNorm2d } from './batch-norm';
import { Conv2d } from './conv2d';
import { Flatten } from './flatten';
import { GroupNorm } from './group-norm';
import { LayerNorm } from './layer-norm';
import { Linear } from './linear';
import { Module } from './module';
import { ModuleDict } from './module-dict';
import { ModuleList } from './module-list';
import { MultiheadAttention } from './multihead-attention';
import { Sequential } from './sequential';
import { expectNames, moduleCase } from './__fixtures__/nn-fixtures';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const values = (t: Tensor | null): number[] => Array.from(t?.dataSync() ?? []);
const maxAbs = (t: Tensor | null): number => Math.max(...values(t).map(Math.abs));

describe('default initialisation', () => {
  it('Linear: kaiming uniform (a = √5) weight and bias in ±1/√fan_in', () => {
    const layer = new Linear(64, 300, { generator: new Generator(1) });
    const bound = 1 / Math.sqrt(64);
    expect(maxAbs(layer.weight)).toBeLessThanOrEqual(bound);
    expect(maxAbs(layer.weight)).toBeGreaterThan(0.99 * bound);
    expect(maxAbs(layer.bias)).toBeLessThanOrEqual(bound);
    expect(maxAbs(layer.bias)).toBeGreaterThan(0.9 * bound);
    layer.dispose();
    const reference = new Linear(5, 3);
    expectNames(reference, moduleCase('default-linear'));
    reference.dispose();
  });

  it('Conv2d: the bound uses fan_in = in / groups · kH · kW', () => {
    const layer = new Conv2d(8, 64, 3, { groups: 2, generator: new Generator(2) });
    const bound = 1 / Math.sqrt(4 * 9);
    expect(layer.weight.shape).toEqual([64, 4, 3, 3]);
    expect(maxAbs(layer.weight)).toBeLessThanOrEqual(bound);
    expect(maxAbs(layer.weight)).toBeGreaterThan(0.99 * bound);
    expect(maxAbs(layer.bias)).toBeLessThanOrEqual(bound);
    layer.dispose();
    const reference = new Conv2d(3, 8, 3);
    expectNames(reference, moduleCase('default-conv2d'));
    reference.dispose();
  });

  it('the same generator seed gives the same weights', () => {
    const a = new Linear(4, 4, { generator: new Generator(9) });
    const b = new Linear(4, 4, { generator: new Generator(9) });
    expect(values(a.weight)).toEqual(values(b.weight));
    expect(values(a.bias)).toEqual(values(b.bias));
    a.dispose();
    b.dispose();
  });

  it('BatchNorm2d: weight 1, bias 0, running_mean 0, running_var 1, num_batches_tracked an int32 scalar 0', () => {
    const layer = new BatchNorm2d(4);
    const reference = moduleCase('default-batchnorm2d');
    expectNames(layer, reference);
    expect(values(layer.weight)).toEqual([1, 1, 1, 1]);
    expect(values(layer.bias)).toEqual([0, 0, 0, 0]);
    for (const [name, buffer] of layer.namedBuffers()) {
      const expected = reference.stateDict[name];
      expect(buffer.dtype, name).toBe(expected?.dtype);
      expect(values(buffer), name).toEqual(expected?.values);
    }
    expect(layer.numBatchesTracked?.shape).toEqual([]);
    layer.dispose();
    const bare = new BatchNorm2d(4, { affine: false, trackRunningStats: false });
    expect(bare.stateDict().size).toBe(0);
    bare.dispose();
  });

  it('LayerNorm and GroupNorm: weight 1, bias 0', () => {
    const layerNorm = new LayerNorm(6);
    const groupNorm = new GroupNorm(2, 6);
    expectNames(layerNorm, moduleCase('default-layernorm'));
    expectNames(groupNorm, moduleCase('default-groupnorm'));
    for (const layer of [layerNorm, groupNorm]) {
      expect(values(layer.weight)).toEqual(new Array(6).fill(1));
      expect(values(layer.bias)).toEqual(new Array(6).fill(0));
      layer.dispose();
    }
    const withoutBias = new LayerNorm(6, { bias: false });
    expect(withoutBias.namedParameters().map(([name]) => name)).toEqual(['weight']);
    withoutBias.dispose();
  });
});

/** The generator script's `Block`, built the same way. */
class Block extends Module {
  readonly conv1 = this.registerModule('conv1', new Conv2d(3, 4, 3, { padding: 1, bias: false }));
  readonly bn1 = this.registerModule('bn1', new BatchNorm2d(4));
  readonly relu = this.registerModule('relu', new ReLU());
  readonly attn = this.registerModule('attn', new MultiheadAttention(4, 2, { keyDimension: 3, valueDimension: 3, addBiasKeyValue: true }));
  readonly norms = this.registerModule('norms', new ModuleList([new LayerNorm(4), new GroupNorm(2, 4)]));
  readonly heads = this.registerModule('heads', new ModuleDict({ cls: new Linear(4, 2), reg: new Linear(4, 1, { bias: false }) }));

  forward(x: Tensor): Tensor {
    return this.relu.forward(this.bn1.forward(this.conv1.forward(x)));
  }
}

describe('a composite network', () => {
  it('has PyTorch parameter, buffer and state-dict names in order', () => {
    const network = new Sequential(new Block(), new Sequential(new Flatten(), new Linear(8, 2)));
    expectNames(network, moduleCase('composite'));
    network.dispose();
  });
});
