// Core
export { Tensor } from './core/tensor-methods';
export type { NestedArray } from './core/tensor';
export type { DType, TypedArray } from './core/dtype';
export { bytesPerElement, isFloating, promoteTypes } from './core/dtype';
export type { Shape } from './core/shape';
export { broadcastShapes, sizeOf, stridesOf, formatShape } from './core/shape';
export type { Backend, BackendBuffer, BackendMemory, KernelTensor } from './core/backend';
export type { KernelAttributes, KernelName, ReduceAttributes, Conv2dAttributes, Pool2dAttributes, InterpolateMode } from './core/kernel-contracts';
export { UNARY_KERNELS, BINARY_KERNELS, COMPARISON_KERNELS, LOGICAL_KERNELS, REDUCE_KERNELS, OPTIONAL_KERNELS } from './core/kernel-contracts';
export type { OptionalKernel, SgdUpdateAttributes, AdamUpdateAttributes } from './core/kernel-contracts';
export { runKernel, runKernel1, allocateTensor } from './core/run-kernel';
export { conv2dGeometry } from './cpu/kernels/conv2d-geometry';
export { interpolateAxisTaps } from './cpu/kernels/interpolate-taps';
export type { InterpolateAxisTaps } from './cpu/kernels/interpolate-taps';
export type { Conv2dGeometry } from './cpu/kernels/conv2d-geometry';
export type { OutputSpec } from './core/run-kernel';
export {
  setDefaultBackend,
  getDefaultBackend,
  tidy,
  keep,
  dispose,
  noGrad,
  enableGrad,
  isGradEnabled,
  memory,
} from './core/engine';
export type { MemoryInfo } from './core/engine';

// Autograd
export { backward, grad } from './autograd/backward';
export type { BackwardOptions, GradOptions } from './autograd/backward';
export { recordOp, needsGrad } from './autograd/record-op';
export type { BackwardFunction } from './autograd/grad-node';
export { defineFunction } from './autograd/define-function';
export type { FunctionContext, FunctionDefinition } from './autograd/define-function';
export { checkpoint } from './autograd/checkpoint';
export type { CheckpointOptions } from './autograd/checkpoint';

// Creation and random
export { tensor, full, zeros, ones, fullLike, zerosLike, onesLike, empty, arange, eye, linspace, scalarLike } from './ops/creation';
export type { CreationOptions, NestedInput } from './ops/creation';
export { Generator, defaultGenerator, manualSeed } from './random/generator';
export { rand, randn, truncatedNormal, bernoulli, randint, randperm, permutation } from './random/random-tensors';
export type { RandomOptions } from './random/random-tensors';

// Elementwise
export { add, sub, mul, div, pow, maximum, minimum, atan2 } from './ops/arithmetic';
export type { Operand } from './ops/operand';
export {
  neg,
  abs,
  exp,
  log,
  log1p,
  expm1,
  sqrt,
  rsqrt,
  square,
  reciprocal,
  sign,
  floor,
  ceil,
  round,
  sigmoid,
  tanh,
  relu,
  erf,
  sin,
  cos,
  clamp,
} from './ops/unary';
export { cast } from './ops/cast';
export {
  equal,
  notEqual,
  less,
  lessEqual,
  greater,
  greaterEqual,
  logicalAnd,
  logicalOr,
  logicalXor,
  logicalNot,
  isNan,
  where,
} from './ops/compare';

// Reductions
export { sum, mean, prod, max, min, argmax, argmin, variance, std, logsumexp, norm, cumsum } from './ops/reduce';
export type { Axes, VarianceOptions } from './ops/reduce';

// Movement
export { reshape, flatten, squeeze, unsqueeze } from './ops/reshape';
export { permute, transpose, expand, slice, flip } from './ops/strided';
export type { SliceRange } from './ops/strided';
export { pad } from './ops/pad';
export type { PadMode } from './ops/pad';
export { concat, stack, split, chunk, roll } from './ops/join';
export { gather, scatterAdd, indexSelect, oneHot, topk, repeat, tile } from './ops/indexing';
export { detach, clone, copyTo } from './ops/copy';
export { sumToShape } from './ops/sum-to-shape';

// Linear algebra
export { matmul, linear } from './ops/matmul';

// Backends
export { createCpuBackend, CpuBackend } from './cpu/cpu-backend';
export type { CpuBackendOptions } from './cpu/cpu-backend';

// Weight files
export { hostToTensor, tensorToHost, halfToFloat } from './io/host-tensor';
export type { HostTensor, HostStateDict } from './io/host-tensor';
export { readSafetensors, writeSafetensors } from './io/safetensors';
export type { SafetensorsContent } from './io/safetensors';
export { readPth, extractStateDict, isHostTensor } from './io/pth';
export { unpickle, PickleTuple, RejectedGlobal, RejectedObject } from './io/restricted-unpickler';
export type { AllowedGlobals, UnpickleOptions } from './io/restricted-unpickler';

// Network ops (functional)
export { conv2d } from './ops/nn/conv2d';
export type { Conv2dOptions } from './ops/nn/conv2d';
export { maxPool2d, maxPool2dWithIndices } from './ops/nn/max-pool2d';
export type { MaxPool2dOptions } from './ops/nn/max-pool2d';
export { avgPool2d } from './ops/nn/avg-pool2d';
export type { AvgPool2dOptions } from './ops/nn/avg-pool2d';
export { adaptiveAvgPool2d } from './ops/nn/adaptive-avg-pool2d';
export type { AdaptiveSize } from './ops/nn/adaptive-avg-pool2d';
export { poolOutputLength } from './ops/nn/pool-geometry';
export type { Pool2dOptions } from './ops/nn/pool-geometry';
export type { Pair } from './ops/nn/pair';
export { batchNorm } from './ops/nn/batch-norm';
export type { BatchNormOptions } from './ops/nn/batch-norm';
export { layerNorm } from './ops/nn/layer-norm';
export { groupNorm } from './ops/nn/group-norm';
export { dropout, dropPath } from './ops/nn/dropout';
export { softmax, logSoftmax } from './ops/nn/softmax';
export { crossEntropy } from './ops/nn/cross-entropy';
export type { CrossEntropyOptions } from './ops/nn/cross-entropy';
export { binaryCrossEntropyWithLogits } from './ops/nn/binary-cross-entropy';
export type { BinaryCrossEntropyOptions } from './ops/nn/binary-cross-entropy';
export { l1Loss, mseLoss, smoothL1Loss } from './ops/nn/regression-losses';
export type { RegressionLossOptions } from './ops/nn/regression-losses';
export type { LossReduction } from './ops/nn/loss-reduction';
export { interpolate } from './ops/nn/interpolate';
export type { InterpolateOptions } from './ops/nn/interpolate';
export { scaledDotProductAttention } from './ops/nn/attention';
export type { AttentionOptions } from './ops/nn/attention';
export { cosineSimilarity, normalize } from './ops/nn/similarity';
export type { NormalizeOptions } from './ops/nn/similarity';
export { vectorNorm } from './ops/nn/vector-norm';
export { relu6, leakyRelu, elu, gelu, silu, hardswish, hardsigmoid, softplus, mish, logSigmoid } from './ops/nn/activations';

// nn modules
export { Module } from './nn/module';
export type { AnyModule, RegisterBufferOptions } from './nn/module';
export type { TensorModule } from './nn/sequential';
export type { StateDict } from './nn/load-state-dict';
export type { LayerOptions } from './nn/layer-options';
export type { LinearOptions } from './nn/linear';
export type { Conv2dLayerOptions, Conv2dPaddingMode } from './nn/conv2d';
export type { BatchNormLayerOptions } from './nn/batch-norm';
export type { LayerNormOptions } from './nn/layer-norm';
export type { GroupNormOptions } from './nn/group-norm';
export type { MultiheadAttentionOptions, MultiheadAttentionForwardOptions } from './nn/multihead-attention';
export { Parameter } from './nn/parameter';
export type { LoadStateDictOptions, LoadStateDictResult } from './nn/load-state-dict';
export { Sequential } from './nn/sequential';
export { ModuleList } from './nn/module-list';
export { ModuleDict } from './nn/module-dict';
export { Linear } from './nn/linear';
export { Conv2d } from './nn/conv2d';
export { BatchNorm, BatchNorm1d, BatchNorm2d } from './nn/batch-norm';
export { LayerNorm } from './nn/layer-norm';
export { GroupNorm } from './nn/group-norm';
export { Dropout, DropPath } from './nn/dropout';
export { Identity } from './nn/identity';
export { Flatten } from './nn/flatten';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './nn/pooling';
export { ReLU, ReLU6, LeakyReLU, ELU, GELU, SiLU, Hardswish, Hardsigmoid, Sigmoid, Tanh, Softmax } from './nn/activations';
export { MultiheadAttention } from './nn/multihead-attention';
export * as init from './nn/init';
