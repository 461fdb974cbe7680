/**
 * `@mmpt/gpu/testing`: what other packages' test files need to run on WebGPU where an adapter
 * exists, skip with a message where none does, and fail under CI (`CI=true`) rather than skip.
 *
 * @example
 * const gpu = await gpuTestBackend();
 * describe.skipIf(!gpu)(gpuSuiteTitle('my model on WebGPU', gpu), () => { ... });
 */
export { ensureRuntimeDirectory, gpuSuiteTitle, gpuTestBackend } from './test-support/gpu-test-backend';
