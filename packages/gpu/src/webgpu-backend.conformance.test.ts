import { runConformanceSuite } from '@mmpt/tensor/testing';
import { describe, it } from 'vitest';
import { createWebGpuBackend } from './create-webgpu-backend';
import { gpuTestBackend, skipReason } from './test-support/gpu-test-backend';

// Probe once: without an adapter the suite is skipped (and fails under CI=true).
const probe = await gpuTestBackend();
probe?.dispose();

if (probe) {
  runConformanceSuite({ name: 'webgpu', createBackend: () => createWebGpuBackend() });
} else {
  describe('webgpu backend conformance', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
