import { describe, expect, it } from 'vitest';
import { ErrorTracker, WebGpuError } from './error-tracker';

/** A stand-in for a device's error scopes: errors are raised into the innermost matching scope. */
function fakeDevice() {
  const stack: Array<{ filter: GPUErrorFilter; error: GPUError | null }> = [];
  return {
    device: {
      pushErrorScope: (filter: GPUErrorFilter): undefined => {
        stack.push({ filter, error: null });
      },
      popErrorScope: async () => {
        const scope = stack.pop();
        if (!scope) throw new Error('no scope');
        return scope.error;
      },
    },
    raise(filter: GPUErrorFilter, message: string) {
      const scope = [...stack].reverse().find((item) => item.filter === filter);
      if (scope) scope.error ??= { message } as GPUError;
    },
    get depth() {
      return stack.length;
    },
  };
}

describe('error tracker', () => {
  it('blames a submit window error on the kernel its message labels', async () => {
    const fake = fakeDevice();
    const tracker = new ErrorTracker(fake.device);
    tracker.openWindow();
    fake.raise('validation', 'Binding size too small in [ComputePipeline "mmpt:matmul:float32|nn"]');
    tracker.closeWindow('one of add, matmul');
    tracker.openWindow();
    const failure = tracker.settle('read');
    await expect(failure).rejects.toThrow(/WebGPU kernel "matmul": GPU validation error: Binding size too small/);
    await expect(failure).rejects.toBeInstanceOf(WebGpuError);
    expect(fake.depth).toBe(3);
  });

  it('blames an allocation running out of memory on the kernel that claims it later', async () => {
    const fake = fakeDevice();
    const tracker = new ErrorTracker(fake.device);
    tracker.openWindow();
    const claim: { kernel: string | null } = { kernel: null };
    tracker.scoped(() => claim.kernel ?? 'allocate', 'allocation', () => fake.raise('out-of-memory', 'Out of memory allocating 4 GiB'));
    claim.kernel = 'conv2d';
    await expect(tracker.settle('read')).rejects.toThrow(/WebGPU kernel "conv2d": out of GPU memory: allocating a buffer: Out of memory allocating 4 GiB/);
    expect(() => tracker.throwIfFailed('next')).not.toThrow();
  });

  it('reports a compilation error once, then a lost device on every call', async () => {
    const fake = fakeDevice();
    const tracker = new ErrorTracker(fake.device);
    tracker.scoped('topk', 'compilation', () => fake.raise('validation', "error: 'target' is a reserved keyword"));
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(() => tracker.throwIfFailed('add')).toThrow(/WebGPU kernel "topk": WGSL compilation failed: error: 'target' is a reserved keyword/);
    expect(() => tracker.throwIfFailed('add')).not.toThrow();
    tracker.deviceLost({ reason: 'unknown', message: 'GPU hung' } as GPUDeviceLostInfo);
    expect(() => tracker.throwIfFailed('add')).toThrow(/Kernel "add" cannot run: the WebGPU device was lost \(unknown: GPU hung\)/);
  });
});
