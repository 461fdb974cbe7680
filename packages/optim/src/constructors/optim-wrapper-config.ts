import type { BuildConfig, Registries } from '@mmpt/registry';

/** The registries a constructor builds optimizers and wrappers from. */
export type OptimRegistries = Pick<Registries, 'optimizers' | 'optimWrappers'>;

/**
 * The `custom_keys` entry of a `paramwise_cfg`: multipliers for the parameters whose name contains
 * the key; every entry is also copied into the parameter's group.
 */
export interface CustomKeyConfig {
  lr_mult?: number;
  decay_mult?: number;
  [option: string]: unknown;
}

/** The `paramwise_cfg` of an `optim_wrapper`, with MMEngine's (and MMPretrain's) keys. */
export interface ParamwiseConfig {
  /** Per-name settings; the longest key contained in a parameter's name wins (ties: alphabetical). */
  custom_keys?: Record<string, CustomKeyConfig>;
  /** Multiplies the learning rate of biases (not those of norm layers or deformable convs). */
  bias_lr_mult?: number;
  /** Multiplies the weight decay of biases (not those of norm layers or deformable convs). */
  bias_decay_mult?: number;
  /** Multiplies the weight decay of the weights and biases of normalization layers. */
  norm_decay_mult?: number;
  /** Multiplies the weight decay of depth-wise convolutions. */
  dwconv_decay_mult?: number;
  /** Multiplies the weight decay of every other one-dimensional parameter. */
  flat_decay_mult?: number;
  /** Multiplies the learning rate of the offset convolutions of deformable convs (none exist here yet). */
  dcn_offset_lr_mult?: number;
  /** Skip a parameter already in an earlier group instead of failing. */
  bypass_duplicate?: boolean;
  /** `LearningRateDecayOptimWrapperConstructor`: the decay of the learning rate per layer. */
  layer_decay_rate?: number;
  [option: string]: unknown;
}

/**
 * An `optim_wrapper` config: the wrapper's `type` (default `OptimWrapper`) and options, the
 * `optimizer` config, and for `buildOptimWrapper` the `constructor` and `paramwise_cfg`.
 *
 * @example
 * const optim_wrapper = {
 *   optimizer: { type: 'SGD', lr: 0.01, weight_decay: 0.0001 },
 *   paramwise_cfg: { custom_keys: { 'backbone.layer0': { lr_mult: 0, decay_mult: 0 }, head: { lr_mult: 0.1 } } },
 *   clip_grad: { max_norm: 35, norm_type: 2 },
 *   accumulative_counts: 4,
 * };
 */
export interface OptimWrapperConfig {
  type?: BuildConfig['type'];
  optimizer: BuildConfig;
  /**
   * The constructor's registered name or class (default `DefaultOptimWrapperConstructor`). Typed
   * with `Function` because every object literal inherits `Object`'s `constructor`; only an own
   * `constructor` key is read.
   */
  // biome-ignore lint/complexity/noBannedTypes: the inherited Object.prototype.constructor is a Function
  constructor?: string | Function;
  paramwise_cfg?: ParamwiseConfig | null;
  [option: string]: unknown;
}
