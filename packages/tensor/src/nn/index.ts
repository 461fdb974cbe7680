/**
 * The `nn` module system: {@link Module} and {@link Parameter}, the containers, the layers with
 * PyTorch's parameter names and default initialisation, and `init` (as `torch.nn.init`).
 */
export { Parameter } from './parameter';
export { Module } from './module';
export type { AnyModule, RegisterBufferOptions } from './module';
export type { LoadStateDictOptions, LoadStateDictResult, StateDict } from './load-state-dict';
export type { LayerOptions } from './layer-options';
export { Sequential } from './sequential';
export type { TensorModule } from './sequential';
export { ModuleList } from './module-list';
export { ModuleDict } from './module-dict';
export { Linear } from './linear';
export type { LinearOptions } from './linear';
export { Conv2d } from './conv2d';
export type { Conv2dLayerOptions, Conv2dPaddingMode } from './conv2d';
export { BatchNorm, BatchNorm1d, BatchNorm2d } from './batch-norm';
export type { BatchNormLayerOptions } from './batch-norm';
export { LayerNorm } from './layer-norm';
export type { LayerNormOptions } from './layer-norm';
export { GroupNorm } from './group-norm';
export type { GroupNormOptions } from './group-norm';
export { Dropout, DropPath } from './dropout';
export { Identity } from './identity';
export { ReLU, ReLU6, LeakyReLU, ELU, GELU, SiLU, Hardswish, Hardsigmoid, Sigmoid, Tanh, Softmax } from './activations';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './pooling';
export { Flatten } from './flatten';
export { MultiheadAttention } from './multihead-attention';
export type { MultiheadAttentionOptions, MultiheadAttentionForwardOptions } from './multihead-attention';
export * as init from './init';
