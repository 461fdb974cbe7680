/// <reference types="@webgpu/types" />
export { createWebGpuBackend, WebGpuUnavailableError } from './create-webgpu-backend';
export type { WebGpuBackendOptions } from './create-webgpu-backend';
export { WebGpuBackend } from './webgpu-backend';
export type { WebGpuMemory } from './webgpu-backend';
export type { KernelStyle } from './kernels/kernel-context';
export type { WebGpuAdapterReport } from './runtime/adapter-report';
export type { PoolStats } from './runtime/buffer-pool';
export { WebGpuError } from './runtime/error-tracker';
