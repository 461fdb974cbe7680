import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { Backend } from '../core/backend';
import { type MemoryInfo, getDefaultBackend, memory, setDefaultBackend } from '../core/engine';
import { type ConformanceOptions, ConformanceContext } from './conformance-context';
import { registerAutogradTests } from './groups/autograd';
import { registerBackendContractTests } from './groups/backend-contract';
import { registerBinaryTests } from './groups/binary';
import { registerCreationTests } from './groups/creation';
import { registerFusedKernelTests } from './groups/fused-kernels';
import { registerIndexingTests } from './groups/indexing';
import { registerMatmulTests } from './groups/matmul';
import { registerMemoryDisciplineTests } from './groups/memory-discipline';
import { registerMovementTests } from './groups/movement';
import { registerNetworkTests } from './groups/network';
import { registerRandomTests } from './groups/random';
import { registerReductionTests } from './groups/reduce';
import { registerUnaryTests } from './groups/unary';
import { assertNoLeak } from './leak-check';

function currentDefaultBackend(): Backend | undefined {
  try {
    return getDefaultBackend();
  } catch {
    return undefined;
  }
}

/**
 * Registers the backend conformance suite with vitest: every core op forward and backward
 * (against host references, PyTorch values and finite differences), autograd behaviour, the
 * backend contract, and a leak check after every test. Call it at the top level of a test file.
 *
 * @example
 * // my-backend.conformance.test.ts
 * import { runConformanceSuite } from '@mmpt/tensor/testing';
 * runConformanceSuite({ name: 'webgpu', createBackend: () => createWebGpuBackend(), tolerances: { matmul: { rtol: 1e-3, atol: 1e-3 } } });
 */
export function runConformanceSuite(options: ConformanceOptions): void {
  const context = new ConformanceContext(options);
  describe(`${options.name} backend conformance`, () => {
    let previous: Backend | undefined;
    let before: MemoryInfo | undefined;

    beforeAll(async () => {
      previous = currentDefaultBackend();
      const backend = await options.createBackend();
      context.setBackend(backend);
      setDefaultBackend(backend);
    });

    afterAll(() => {
      setDefaultBackend(previous);
      const backend = context.isReady ? context.backend : undefined;
      context.setBackend(undefined);
      backend?.dispose();
    });

    beforeEach(() => {
      before = memory();
    });

    afterEach(() => {
      if (before) assertNoLeak(before, memory());
    });

    registerBackendContractTests(context);
    registerCreationTests(context);
    registerRandomTests(context);
    registerUnaryTests(context);
    registerBinaryTests(context);
    registerReductionTests(context);
    registerMovementTests(context);
    registerIndexingTests(context);
    registerMatmulTests(context);
    registerAutogradTests(context);
    registerMemoryDisciplineTests(context);
    registerNetworkTests(context);
    registerFusedKernelTests(context);
  });
}
