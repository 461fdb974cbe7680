/**
 * `@mmpt/tensor/testing`: the backend conformance suite. A backend package runs it from a vitest
 * test file:
 *
 * @example
 * import { runConformanceSuite } from '@mmpt/tensor/testing';
 * runConformanceSuite({ name: 'webgpu', createBackend: () => createWebGpuBackend() });
 */
export { runConformanceSuite } from './run-conformance-suite';
export { ConformanceContext } from './conformance-context';
export type { ConformanceOptions } from './conformance-context';
export { DEFAULT_TOLERANCES, FINITE_DIFFERENCE_TOLERANCE, resolveTolerance } from './tolerances';
export type { Tolerance, ToleranceKind } from './tolerances';
export { assertClose, isClose } from './assert-close';
export type { ExpectedTensor } from './assert-close';
export { checkGradients, compareGradients } from './finite-difference';
export type { CheckInput, GradientCheck, GradientComparison } from './finite-difference';
export { compute, computeOne, readTensor } from './host-tensor';
export type { HostTensor } from './host-tensor';
export { runReferenceCase, registerReferenceCases, decodeValues } from './reference-cases';
export type { FixtureTensor, FixtureValue, ReferenceCase, ReferenceFile, ReferenceRunOptions } from './reference-cases';
export { CORE_REFERENCE_OPS } from './reference-ops';
export type { ReferenceAttributes, ReferenceOp, ReferenceOpTable } from './reference-ops';
export { runNetworkCase, registerNetworkFixtureCases } from './network-fixtures';
export type { NetworkFixtureCase, NetworkFixtureFile, NetworkFixtureTensor, NetworkGradientCheck, NetworkSuite } from './network-fixtures';
export { NETWORK_SUITES } from './network-suites';
export { CORE_KERNELS, backendWithoutKernel } from './groups/backend-contract';
export { assertNoLeak } from './leak-check';
