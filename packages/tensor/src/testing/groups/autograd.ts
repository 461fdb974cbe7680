import { describe, expect } from 'vitest';
import { grad } from '../../autograd/backward';
import { defineFunction } from '../../autograd/define-function';
import { recordOp } from '../../autograd/record-op';
import { enableGrad, isGradEnabled, memory, noGrad, tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { add, mul, sub } from '../../ops/arithmetic';
import { cast } from '../../ops/cast';
import { detach } from '../../ops/copy';
import { tensor } from '../../ops/creation';
import { matmul } from '../../ops/matmul';
import { argmax, mean, sum } from '../../ops/reduce';
import { exp, square } from '../../ops/unary';
import type { ConformanceContext } from '../conformance-context';
import { type HostTensor, readTensor } from '../host-tensor';

/** Reads a leaf's gradient and disposes the leaf and its gradient. */
async function takeGrad(leaf: Tensor): Promise<HostTensor | null> {
  try {
    return leaf.grad ? await readTensor(leaf.grad) : null;
  } finally {
    leaf.grad?.dispose();
    leaf.grad = null;
    leaf.dispose();
  }
}

/** A custom op `x^3` with a hand-written backward, as `torch.autograd.Function`. */
const cube = defineFunction({
  name: 'cube',
  forward: (context, x) => {
    context.saveForBackward(x as Tensor);
    context.values.exponent = 3;
    const squared = square(x as Tensor);
    const result = mul(squared, x as Tensor);
    squared.dispose();
    return result;
  },
  backward: (context, gradient) => {
    const squared = square(context.saved[0] as Tensor);
    const local = mul(squared, context.values.exponent as number);
    squared.dispose();
    const result = mul(gradient, local);
    local.dispose();
    return [result];
  },
});

/** The behaviour of the autograd engine on the backend: accumulation, modes, custom ops, errors. */
export function registerAutogradTests(context: ConformanceContext): void {
  describe('autograd', () => {
    context.test('gradients accumulate on fan-out (an input used several times)', 'autograd', async () => {
      const x = tensor([1, -2, 0.5], { requiresGrad: true });
      tidy(() => sum(add(mul(x, x), mul(x, 3))).backward());
      const result = await takeGrad(x);
      context.expectTensor('mul', result as HostTensor, { shape: [3], values: [5, -1, 4] });
    });

    context.test('backward adds into .grad across calls', 'autograd', async () => {
      const x = tensor([1, 2], { requiresGrad: true });
      tidy(() => sum(mul(x, 3)).backward());
      tidy(() => sum(mul(x, x)).backward());
      context.expectTensor('mul', (await takeGrad(x)) as HostTensor, { shape: [2], values: [5, 7] });
    });

    context.test('grad() returns gradients without touching .grad, and reports unused inputs', 'autograd', async () => {
      const x = tensor([1, 2], { requiresGrad: true });
      const unused = tensor([3], { requiresGrad: true });
      try {
        const values = await tidy(() => {
          const y = sum(mul(x, x));
          const [dx, dUnused] = grad(y, [x, unused], undefined, { retainGraph: true, allowUnused: true });
          expect(dUnused).toBeNull();
          expect(() => grad(y, [unused])).toThrow(/was not used/);
          return dx as Tensor;
        });
        try {
          context.expectTensor('mul', await readTensor(values), { shape: [2], values: [2, 4] });
        } finally {
          values.dispose();
        }
        expect([x.grad, unused.grad]).toEqual([null, null]);
        tidy(() => expect(() => grad(mul(x, 2), [mul(x, 2)])).toThrow(/every input must be a leaf/));
      } finally {
        x.dispose();
        unused.dispose();
      }
    });

    context.test('grad() of several outputs with explicit output gradients', 'autograd', async () => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      try {
        const value = tidy(() => {
          const [dx] = grad([mul(x, 2), square(x)], [x], [tensor([1, 1, 1]), tensor([1, 0, -1])]);
          return dx as Tensor;
        });
        try {
          context.expectTensor('mul', await readTensor(value), { shape: [3], values: [4, 2, -4] });
        } finally {
          value.dispose();
        }
      } finally {
        x.dispose();
      }
    });

    context.test('noGrad records nothing; enableGrad records again inside it', 'autograd', () => {
      const x = tensor([1, 2], { requiresGrad: true });
      try {
        tidy(() => {
          const plain = noGrad(() => {
            expect(isGradEnabled()).toBe(false);
            return mul(x, 2);
          });
          expect([plain.requiresGrad, plain.gradFn]).toEqual([false, null]);
          const recorded = noGrad(() => enableGrad(() => mul(x, 2)));
          expect(recorded.requiresGrad).toBe(true);
          expect(recorded.gradFn).not.toBeNull();
          expect(isGradEnabled()).toBe(true);
          const untracked = mul(tensor([1, 2]), 2);
          expect([untracked.requiresGrad, untracked.gradFn]).toEqual([false, null]);
        });
      } finally {
        x.dispose();
      }
    });

    context.test('detach shares the values and cuts the graph', ['autograd', 'detach'], async () => {
      const x = tensor([1, -2, 3], { requiresGrad: true });
      const cut = tidy(() => {
        const detached = detach(x);
        expect([detached.requiresGrad, detached.isLeaf]).toEqual([false, true]);
        sum(mul(detached, x)).backward();
        return detached;
      });
      try {
        expect((await readTensor(cut)).values).toEqual([1, -2, 3]);
      } finally {
        cut.dispose();
      }
      context.expectTensor('mul', (await takeGrad(x)) as HostTensor, { shape: [3], values: [1, -2, 3] });
    });

    context.test('defineFunction: a custom op with saved tensors and values', ['autograd', 'defineFunction'], async () => {
      const x = tensor([1, -2, 0.5], { requiresGrad: true });
      const output = tidy(() => {
        const y = cube.apply(x);
        expect(y.gradFn?.name).toBe('cube');
        sum(y).backward(undefined, { retainGraph: true });
        return y;
      });
      try {
        context.expectTensor('mul', await readTensor(output), { shape: [3], values: [1, -8, 0.125] });
      } finally {
        output.dispose();
      }
      context.expectTensor('mul', (await takeGrad(x)) as HostTensor, { shape: [3], values: [3, 12, 0.75] });
      const misuse = defineFunction({
        name: 'peek',
        forward: (ctx, input) => {
          void ctx.saved;
          return mul(input as Tensor, 1);
        },
        backward: (_, gradient) => [gradient],
      });
      const y = tensor([1], { requiresGrad: true });
      try {
        expect(() => misuse.apply(y)).toThrow(/peek: saved tensors are only available in backward/);
      } finally {
        y.dispose();
      }
    });

    context.gradientTest('defineFunction: the custom gradient matches finite differences', ['defineFunction'], {
      inputs: [{ shape: [4], values: [-1.5, -0.3, 0.4, 1.2] }],
      forward: (x) => cube.apply(x as Tensor),
    });

    context.test('backward twice without retainGraph is an error that says "second time"', 'autograd', async () => {
      const x = tensor([1, 2], { requiresGrad: true });
      const squared = mul(x, x);
      const y = sum(squared);
      try {
        y.backward();
        expect(() => y.backward()).toThrow(/second time/);
      } finally {
        y.dispose();
        squared.dispose();
      }
      context.expectTensor('mul', (await takeGrad(x)) as HostTensor, { shape: [2], values: [2, 4] });
    });

    context.test('retainGraph allows a second backward, which accumulates', 'autograd', async () => {
      const x = tensor([1, 2], { requiresGrad: true });
      tidy(() => {
        const y = sum(mul(x, x));
        y.backward(undefined, { retainGraph: true });
        y.backward();
      });
      context.expectTensor('mul', (await takeGrad(x)) as HostTensor, { shape: [2], values: [4, 8] });
    });

    context.test('backward of a non-scalar needs a gradient of its shape', 'autograd', async () => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      const y = mul(x, 2);
      const wrong = tensor([1, 1]);
      try {
        expect(() => y.backward()).toThrow(/gradient can be implied only for an output of one element/);
        expect(() => y.backward(wrong)).toThrow(/gradient has shape \[2\] but the output has \[3\]/);
        tidy(() => y.backward(tensor([1, 0, -2])));
      } finally {
        y.dispose();
        wrong.dispose();
      }
      context.expectTensor('mul', (await takeGrad(x)) as HostTensor, { shape: [3], values: [2, 0, -4] });
    });

    context.test('backward through an op recorded without a backward function is an error naming it', 'autograd', () => {
      const x = tensor([1, 2], { requiresGrad: true });
      const opaque = recordOp('opaque', [x], noGrad(() => mul(x, 2)), undefined);
      const total = sum(opaque);
      try {
        expect(opaque.requiresGrad).toBe(true);
        expect(() => total.backward()).toThrow(/"opaque" is not differentiable/);
        expect(x.grad).toBeNull();
      } finally {
        total.dispose();
        opaque.dispose();
        x.dispose();
      }
    });

    context.test('integer results (argmax) are not differentiable: their float cast is a leaf', ['autograd', 'argmax'], () => {
      const x = tensor([[1, 5, 2], [7, 0, 3]], { requiresGrad: true });
      try {
        tidy(() => {
          const index = argmax(x, 1);
          const asFloat = cast(index, 'float32');
          expect([index.requiresGrad, asFloat.requiresGrad, asFloat.isLeaf, asFloat.gradFn]).toEqual([false, false, true, null]);
          expect(() => sum(asFloat).backward()).toThrow(/does not require grad/);
        });
      } finally {
        x.dispose();
      }
    });

    context.test('the graph survives the disposal of intermediates by tidy', 'autograd', async () => {
      const x = tensor([0.5, -1], { requiresGrad: true });
      const y = tidy(() => sum(exp(mul(x, 2))));
      try {
        y.backward();
      } finally {
        y.dispose();
      }
      context.expectTensor('exp', (await takeGrad(x)) as HostTensor, { shape: [2], values: [2 * Math.exp(1), 2 * Math.exp(-2)] });
    });

    context.test('a training step does not grow memory', ['autograd', 'matmul'], async () => {
      const inputs = tensor([[1, 2], [3, 4], [-1, 0.5]]);
      const targets = tensor([[1], [2], [0]]);
      let weight = tensor([[0.1], [-0.2]], { requiresGrad: true });
      const losses: number[] = [];
      let baseline: ReturnType<typeof memory> | undefined;
      try {
        for (let step = 0; step < 4; step++) {
          const loss = tidy(() => {
            const value = mean(square(sub(matmul(inputs, weight), targets)));
            value.backward();
            return detach(value);
          });
          losses.push((await readTensor(loss)).values[0] as number);
          loss.dispose();
          const current = weight;
          weight = tidy(() => noGrad(() => sub(current, mul(current.grad as Tensor, 0.05))));
          weight.requiresGrad = true;
          current.grad?.dispose();
          current.dispose();
          const now = memory();
          if (baseline) expect([now.tensors, now.bytes]).toEqual([baseline.tensors, baseline.bytes]);
          baseline = now;
        }
      } finally {
        inputs.dispose();
        targets.dispose();
        weight.dispose();
      }
      for (let step = 1; step < losses.length; step++) expect(losses[step]).toBeLessThan(losses[step - 1] as number);
    });
  });
}
