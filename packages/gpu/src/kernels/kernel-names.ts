import type { BINARY_KERNELS, COMPARISON_KERNELS, LOGICAL_KERNELS, REDUCE_KERNELS, UNARY_KERNELS } from '@mmpt/tensor';

/** Names of the contract's kernel families (derived from the lists `@mmpt/tensor` exports). */
export type UnaryKernel = (typeof UNARY_KERNELS)[number];
export type BinaryKernel = (typeof BINARY_KERNELS)[number];
export type ComparisonKernel = (typeof COMPARISON_KERNELS)[number];
export type LogicalKernel = (typeof LOGICAL_KERNELS)[number];
export type ReduceKernel = (typeof REDUCE_KERNELS)[number];
