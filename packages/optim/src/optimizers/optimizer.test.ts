import { type Tensor, add, createCpuBackend, keep, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { Lamb } from './lamb';
import { LARS } from './lars';
import { SGD } from './sgd';

let backend: ReturnType<typeof createCpuBackend>;
const owned: Tensor[] = [];
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => {
  for (const handle of owned) {
    handle.grad?.dispose();
    handle.dispose();
  }
  backend.dispose();
});

function param(values: number[]): Tensor {
  const handle = tensor(values, { requiresGrad: true });
  owned.push(handle);
  return handle;
}

describe('Optimizer', () => {
  it('fills each group from the defaults and keeps group options', () => {
    const [a, b] = [param([1]), param([2])];
    const optimizer = new SGD({ params: [{ params: [a], lr: 0.5 }, { params: [b], momentum: 0.9 }], lr: 0.1 });
    expect(optimizer.paramGroups.map(({ params: _params, ...options }) => options)).toEqual([
      { lr: 0.5, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
      { lr: 0.1, momentum: 0.9, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
    ]);
    expect(optimizer.toString()).toBe(
      'SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.5\n    maximize: false\n    momentum: 0\n    nesterov: false\n    weight_decay: 0\nParameter Group 1\n    dampening: 0\n    lr: 0.1\n    maximize: false\n    momentum: 0.9\n    nesterov: false\n    weight_decay: 0\n)',
    );
  });

  it('rejects bad parameters and options with PyTorch’s checks', () => {
    const a = param([1]);
    expect(() => new SGD({ params: [], lr: 0.1 })).toThrow('SGD: got an empty parameter list');
    expect(() => new SGD({ params: a as never, lr: 0.1 })).toThrow('SGD: params must be an iterable of tensors or of parameter groups, got a single tensor of shape [1]; wrap it in an array');
    expect(() => new SGD({ params: [a] })).toThrow('SGD: parameter group 0 did not specify a value of the required option "lr"');
    expect(() => new SGD({ params: [{ params: [a] }, { params: [a] }], lr: 0.1 })).toThrow('SGD: some parameters appear in more than one parameter group (group 1)');
    expect(() => new SGD({ params: [a], lr: -1 })).toThrow('SGD: invalid learning rate: -1 (expected a number >= 0)');
    expect(() => new SGD({ params: [a], lr: 0.1, nesterov: true })).toThrow('SGD: Nesterov momentum requires a momentum and zero dampening (momentum 0, dampening 0)');
    expect(() => new Adam({ params: [a], betas: [1, 0.999] })).toThrow('Adam: invalid beta parameter at index 0: 1');
    expect(() => new LARS({ params: [a], lr: 0.1, eta: -1 })).toThrow('LARS: invalid LARS coefficient value: -1 (expected a number >= 0)');
    expect(() => new Lamb({ params: [a], max_grad_norm: 0 })).toThrow('Lamb: invalid max_grad_norm: 0 (expected a positive number)');
    expect(() => new SGD({ params: [a], lr: 0.1, momentun: 0.9 } as never)).toThrow(
      'SGD: unknown option "momentun" (known options: params, lr, momentum, dampening, weight_decay, nesterov, maximize)',
    );
    expect(new LARS({ params: [a], lr: 0.1, eps: 1e-6 }).eps).toBe(1e-6);
    const nonLeaf = add(a, 1);
    expect(() => new SGD({ params: [nonLeaf], lr: 0.1 })).toThrow("SGD: can't optimize a non-leaf tensor (shape [1]) in parameter group 0");
    nonLeaf.dispose();
  });

  it('zeroes gradients in place by default (PyTorch 1.13) or sets them to null', () => {
    const a = param([1, 2]);
    const optimizer = new SGD({ params: [a], lr: 0.1, momentum: 0.9 });
    a.grad = keep(tensor([3, 4]));
    const grad = a.grad;
    optimizer.zeroGrad();
    expect(a.grad).toBe(grad);
    expect(Array.from(grad.dataSync())).toEqual([0, 0]);
    // a zero gradient still steps (momentum state is created)
    optimizer.step();
    expect(optimizer.state.get(a)?.momentum_buffer).not.toBeNull();
    optimizer.zeroGrad({ setToNone: true });
    expect(a.grad).toBeNull();
    expect(grad.isDisposed).toBe(true);
  });

  it('skips parameters without a gradient and checks a loaded state dict', () => {
    const [a, b] = [param([1]), param([2])];
    const optimizer = new Adam({ params: [{ params: [a] }, { params: [b] }], lr: 0.1 });
    a.grad = keep(tensor([1]));
    optimizer.step();
    expect(Array.from(b.dataSync())).toEqual([2]);
    const dict = optimizer.stateDict();
    expect(Object.keys(dict.state)).toEqual(['0']);
    expect(dict.state[0]?.step).toBe(1);
    const other = new Adam({ params: [a, b], lr: 0.1 });
    expect(() => other.loadStateDict(dict)).toThrow('Adam.loadStateDict: the state dict has 2 parameter groups, the optimizer has 1');
    const three = new Adam({ params: [{ params: [a] }, { params: [b, param([3])] }], lr: 0.1 });
    expect(() => three.loadStateDict(dict)).toThrow("Adam.loadStateDict: parameter group 1 of the state dict has 1 parameters, the optimizer's has 2");
    optimizer.dispose();
  });
});
