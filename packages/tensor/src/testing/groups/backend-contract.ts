import { describe, expect } from 'vitest';
import type { Backend } from '../../core/backend';
import { memory } from '../../core/engine';
import { BINARY_KERNELS, COMPARISON_KERNELS, type KernelName, LOGICAL_KERNELS, REDUCE_KERNELS, UNARY_KERNELS } from '../../core/kernel-contracts';
import { tensor, zeros } from '../../ops/creation';
import { reshape } from '../../ops/reshape';
import { exp } from '../../ops/unary';
import type { ConformanceContext } from '../conformance-context';
import { computeOne } from '../host-tensor';

/** The kernels of the core ops (the network kernels are checked with their ops). */
export const CORE_KERNELS: readonly KernelName[] = [
  ...UNARY_KERNELS,
  ...BINARY_KERNELS,
  ...COMPARISON_KERNELS,
  ...LOGICAL_KERNELS,
  ...REDUCE_KERNELS,
  'clamp',
  'logicalNot',
  'isNan',
  'cast',
  'where',
  'fill',
  'cumsum',
  'stridedCopy',
  'stridedScatterAdd',
  'pad',
  'padBackward',
  'concat',
  'gather',
  'scatterAdd',
  'topk',
  'matmul',
];

/** A view of a backend that claims not to have one kernel (everything else is delegated). */
export function backendWithoutKernel(backend: Backend, missing: KernelName): Backend {
  return {
    name: `${backend.name}-without-${missing}`,
    device: backend.device,
    dtypes: backend.dtypes,
    allocate: (dtype, size) => backend.allocate(dtype, size),
    free: (buffer) => backend.free(buffer),
    write: (buffer, dtype, data) => backend.write(buffer, dtype, data),
    read: (buffer, dtype, size) => backend.read(buffer, dtype, size),
    readSync: backend.readSync ? (buffer, dtype, size) => (backend.readSync as NonNullable<Backend['readSync']>)(buffer, dtype, size) : undefined,
    hasKernel: (name) => name !== missing && backend.hasKernel(name),
    run: (name, inputs, outputs, attributes) => backend.run(name, inputs, outputs, attributes),
    memory: () => backend.memory(),
    dispose: () => undefined,
  };
}

/** The backend object itself: identity, kernels, storage round trips and memory accounting. */
export function registerBackendContractTests(context: ConformanceContext): void {
  describe('backend contract', () => {
    context.test('names itself and stores float32, int32 and bool', 'backend', () => {
      const backend = context.backend;
      expect(typeof backend.name).toBe('string');
      expect(backend.name.length).toBeGreaterThan(0);
      expect(typeof backend.device).toBe('string');
      expect(backend.dtypes).toEqual(expect.arrayContaining(['float32', 'int32', 'bool']));
    });

    context.test('implements every core kernel', 'backend', () => {
      const missing = CORE_KERNELS.filter((name) => !context.backend.hasKernel(name));
      expect(missing).toEqual([]);
    });

    context.test('writes and reads back every dtype exactly', 'backend', async () => {
      const floats = [0, -1.5, 3.4028234663852886e38, 1.401298464324817e-45, -0.1];
      const float = await computeOne(() => tensor(Float32Array.from(floats)));
      expect(float.values).toEqual(Array.from(Float32Array.from(floats)));
      const integers = [0, -1, 2147483647, -2147483648, 12345];
      const int = await computeOne(() => tensor(Int32Array.from(integers)));
      expect(int).toEqual({ shape: [5], dtype: 'int32', values: integers });
      const bool = await computeOne(() => tensor([true, false, true]));
      expect(bool).toEqual({ shape: [3], dtype: 'bool', values: [1, 0, 1] });
    });

    context.test('memory() counts live tensors and bytes on the device', 'backend', () => {
      const device = context.backend.device;
      const start = memory();
      const x = zeros([3, 5]);
      const afterCreate = memory();
      expect(afterCreate.tensors - start.tensors).toBe(1);
      expect(afterCreate.bytes - start.bytes).toBe(60);
      expect((afterCreate.bytesByDevice[device] ?? 0) - (start.bytesByDevice[device] ?? 0)).toBe(60);
      const view = reshape(x, [15]);
      expect(memory().tensors - start.tensors).toBe(2);
      expect(memory().bytes - start.bytes).toBe(60);
      x.dispose();
      expect(memory().bytes - start.bytes).toBe(60);
      view.dispose();
      expect(memory().tensors).toBe(start.tensors);
      expect(memory().bytes).toBe(start.bytes);
    });

    context.test('a missing kernel is an error that names the kernel and the backend', 'backend', () => {
      const limited = backendWithoutKernel(context.backend, 'exp');
      const x = tensor([1, 2], { backend: limited });
      try {
        expect(() => exp(x)).toThrow(`Kernel "exp" is not implemented by the ${limited.name} backend`);
      } finally {
        x.dispose();
      }
    });
  });
}
