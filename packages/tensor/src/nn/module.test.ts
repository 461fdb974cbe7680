import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, noGrad, setDefaultBackend, tidy } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { mul } from '../ops/arithmetic';
import { ones, tensor, zeros } from '../ops/creation';
import { relu } from '../ops/unary';
import { sum } from '../ops/reduce';
import { Identity } from './identity';
import { Linear } from './linear';
import { type AnyModule, Module } from './module';
import { ModuleDict } from './module-dict';
import { ModuleList } from './module-list';
import { Parameter } from './parameter';
import { Sequential } from './sequential';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** A module with a parameter, a null parameter, two buffers (one not persistent) and a child. */
class Block extends Module {
  readonly scale: Parameter;
  readonly runningMean: Tensor;
  readonly inner: Linear;

  constructor() {
    super();
    this.scale = this.registerParameter('scale', ones([2]));
    this.registerParameter('shift', null);
    this.runningMean = this.registerBuffer('running_mean', zeros([2]));
    this.registerBuffer('cache', zeros([1]), { persistent: false });
    this.inner = this.registerModule('inner', new Linear(2, 2));
  }

  forward(x: Tensor): Tensor {
    return this.inner.forward(mul(x, this.scale));
  }
}

class Network extends Module {
  readonly layer1: Sequential;
  readonly head: Linear;

  constructor() {
    super();
    this.layer1 = this.registerModule('layer1', new Sequential(new Block(), new Block()));
    this.head = this.registerModule('head', new Linear(2, 3, { bias: false }));
  }

  forward(x: Tensor): Tensor {
    return this.head.forward(this.layer1.forward(x));
  }
}

describe('Parameter', () => {
  it('is a Tensor leaf that requires grad and shares the data storage', () => {
    const data = tensor([1, 2, 3]);
    const parameter = new Parameter(data);
    expect(parameter).toBeInstanceOf(Parameter);
    expect(parameter.requiresGrad).toBe(true);
    expect(parameter.isLeaf).toBe(true);
    expect(parameter.storage).toBe(data.storage);
    data.dispose();
    expect(Array.from(parameter.dataSync())).toEqual([1, 2, 3]);
    const loss = sum(mul(parameter, parameter));
    loss.backward();
    expect(parameter.grad?.arraySync()).toEqual([2, 4, 6]);
    loss.dispose();
    parameter.grad?.dispose();
    parameter.dispose();
  });

  it('take() disposes the handle it wraps, and survives tidy', () => {
    const before = memory().tensors;
    const parameter = tidy(() => Parameter.take(ones([2, 2])));
    expect(parameter.isDisposed).toBe(false);
    expect(memory().tensors).toBe(before + 1);
    parameter.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('refuses gradients on integer tensors', () => {
    const data = tensor(new Int32Array([1]));
    expect(() => new Parameter(data)).toThrow(/int32/);
    const frozen = new Parameter(data, false);
    expect(frozen.requiresGrad).toBe(false);
    frozen.dispose();
    data.dispose();
  });
});

describe('Module registration and traversal', () => {
  it('lists parameters, buffers and modules with dotted names in registration order', () => {
    const network = new Network();
    expect(network.namedParameters().map(([name]) => name)).toEqual([
      'layer1.0.scale',
      'layer1.0.inner.weight',
      'layer1.0.inner.bias',
      'layer1.1.scale',
      'layer1.1.inner.weight',
      'layer1.1.inner.bias',
      'head.weight',
    ]);
    expect(network.namedBuffers().map(([name]) => name)).toEqual([
      'layer1.0.running_mean',
      'layer1.0.cache',
      'layer1.1.running_mean',
      'layer1.1.cache',
    ]);
    expect(network.namedModules().map(([name]) => name)).toEqual(['', 'layer1', 'layer1.0', 'layer1.0.inner', 'layer1.1', 'layer1.1.inner', 'head']);
    expect(network.namedChildren().map(([name]) => name)).toEqual(['layer1', 'head']);
    expect(network.children()).toEqual([network.layer1, network.head]);
    expect(network.namedParameters({ prefix: 'model' })[0]?.[0]).toBe('model.layer1.0.scale');
    expect(network.layer1.get(0).namedParameters({ recurse: false }).map(([name]) => name)).toEqual(['scale']);
    expect(network.parameters()[6]).toBe(network.head.weight);
    expect(network.numParameters()).toBe(2 * (2 + 4 + 2) + 6);
    network.head.weight.requiresGrad = false;
    expect(network.numParameters({ trainableOnly: true })).toBe(2 * (2 + 4 + 2));
    network.dispose();
  });

  it('looks members up by dotted path', () => {
    const network = new Network();
    expect(network.getSubmodule('layer1.1.inner')).toBe((network.layer1.get(1) as Block).inner);
    expect(network.getSubmodule('')).toBe(network);
    expect(network.getParameter('head.weight')).toBe(network.head.weight);
    expect(network.getBuffer('layer1.0.running_mean')).toBe((network.layer1.get(0) as Block).runningMean);
    expect(() => network.getParameter('layer1.7.scale')).toThrow(/no submodule "7"/);
    expect(() => network.getParameter('head.bias')).toThrow(/Linear has no parameter "bias"/);
    network.dispose();
  });

  it('lists a shared module or parameter once', () => {
    const shared = new Linear(2, 2);
    const pair = new Sequential(shared, shared);
    expect(pair.namedModules().map(([name]) => name)).toEqual(['', '0']);
    expect(pair.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias']);
    // The state dict lists both paths, as PyTorch's does.
    expect([...pair.stateDict().keys()]).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    pair.dispose();
  });

  it('checks names', () => {
    const block = new Block();
    expect(() => block.registerParameter('a.b', ones([1]))).toThrow(/must not contain "."/);
    expect(() => block.registerBuffer('scale', zeros([1]))).toThrow(/"scale" is already registered as a parameter/);
    expect(() => block.registerModule('', new Linear(1, 1))).toThrow(/non-empty/);
    block.dispose();
  });

  it('re-registering a name replaces the value in place', () => {
    const block = new Block();
    const old = block.scale;
    const replacement = block.registerParameter('scale', zeros([2]));
    expect(block.namedParameters({ recurse: false })).toEqual([['scale', replacement]]);
    old.dispose();
    block.dispose();
  });

  it('keeps registered tensors alive when built inside tidy', () => {
    const block = tidy(() => new Block());
    expect(block.scale.isDisposed).toBe(false);
    expect(block.runningMean.isDisposed).toBe(false);
    expect(block.inner.weight.isDisposed).toBe(false);
    block.dispose();
  });
});

describe('Module modes and utilities', () => {
  it('train and eval propagate to every descendant', () => {
    const network = new Network();
    expect(network.modules().every((module) => module.training)).toBe(true);
    expect(network.eval()).toBe(network);
    expect(network.modules().every((module) => !module.training)).toBe(true);
    network.layer1.train();
    expect(network.training).toBe(false);
    expect(network.layer1.modules().every((module) => module.training)).toBe(true);
    network.train(false);
    expect(network.modules().some((module) => module.training)).toBe(false);
    network.dispose();
  });

  it('apply visits children before their parent', () => {
    const network = new Network();
    const visited: AnyModule[] = [];
    network.apply((module) => visited.push(module));
    const inner0 = (network.layer1.get(0) as Block).inner;
    const inner1 = (network.layer1.get(1) as Block).inner;
    expect(visited).toEqual([inner0, network.layer1.get(0), inner1, network.layer1.get(1), network.layer1, network.head, network]);
    network.dispose();
  });

  it('setRequiresGrad freezes and unfreezes every parameter', () => {
    const network = new Network();
    network.layer1.setRequiresGrad(false);
    expect(network.parameters().map((parameter) => parameter.requiresGrad)).toEqual([false, false, false, false, false, false, true]);
    network.setRequiresGrad();
    expect(network.parameters().every((parameter) => parameter.requiresGrad)).toBe(true);
    network.dispose();
  });

  it('zeroGrad disposes gradients and dispose frees everything', () => {
    const before = memory();
    const network = new Network();
    tidy(() => {
      const loss = sum(network.forward(ones([3, 2])));
      loss.backward();
    });
    expect(network.parameters().every((parameter) => parameter.grad !== null)).toBe(true);
    const withGrads = memory().tensors;
    network.zeroGrad();
    expect(network.parameters().every((parameter) => parameter.grad === null)).toBe(true);
    expect(memory().tensors).toBe(withGrads - 7);
    network.dispose();
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
  });

  it('prints the module tree as PyTorch does', () => {
    const network = new Sequential(new Linear(2, 3), new Sequential(new Linear(3, 1, { bias: false })));
    expect(network.toString()).toBe(
      [
        'Sequential(',
        '  (0): Linear(in_features=2, out_features=3, bias=True)',
        '  (1): Sequential(',
        '    (0): Linear(in_features=3, out_features=1, bias=False)',
        '  )',
        ')',
      ].join('\n'),
    );
    network.dispose();
  });
});

describe('containers', () => {
  it('Sequential chains forward and frees the intermediates', () => {
    const first = new Linear(2, 2);
    const second = new Linear(2, 1);
    const model = new Sequential(first, new Identity(), second);
    const x = tensor([[1, 2]]);
    const before = memory().tensors;
    const y = noGrad(() => model.forward(x));
    expect(memory().tensors).toBe(before + 1);
    y.dispose();
    const withGraph = model.forward(x);
    withGraph.dispose();
    expect(memory().tensors).toBe(before);
    expect(model.length).toBe(3);
    expect(model.get(-1)).toBe(second);
    expect(() => model.get(3)).toThrow(/out of range/);
    expect([...model]).toHaveLength(3);
    x.dispose();
    model.dispose();
  });

  it('ModuleList registers by index and is not callable', () => {
    const list = new ModuleList([new Linear(1, 2), new Linear(2, 3)]);
    list.append(new Linear(3, 4));
    expect(list.length).toBe(3);
    expect([...list.stateDict().keys()]).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '2.weight', '2.bias']);
    expect(list.get(-1).outFeatures).toBe(4);
    expect(() => list.forward()).toThrow(/ModuleList has no forward/);
    let x = ones([1, 1]);
    for (const layer of list) {
      const next = relu(layer.forward(x));
      x.dispose();
      x = next;
    }
    expect(x.shape).toEqual([1, 4]);
    x.dispose();
    list.dispose();
  });

  it('ModuleDict registers by key in insertion order', () => {
    const dict = new ModuleDict({ cls: new Linear(2, 3), reg: new Linear(2, 1) });
    dict.set('extra', new Linear(1, 1));
    expect([...dict.keys()]).toEqual(['cls', 'reg', 'extra']);
    expect(dict.size).toBe(3);
    expect(dict.has('reg')).toBe(true);
    expect(dict.get('cls')?.outFeatures).toBe(3);
    expect([...dict.stateDict().keys()]).toEqual(['cls.weight', 'cls.bias', 'reg.weight', 'reg.bias', 'extra.weight', 'extra.bias']);
    expect(() => dict.forward()).toThrow(/ModuleDict has no forward/);
    dict.dispose();
  });
});
