import { type Tensor, div } from '@mmpt/tensor';
import type { ModuleLike } from '../module-like';
import { hasBatchNorm } from '../module-kinds';
import { Optimizer, type OptimizerStateDict } from '../optimizers/optimizer';
import { type ParamGroup, describe } from '../optimizers/param-group';
import { type NormType, clipGradNorm, clipGradValue } from './clip-grad';

/**
 * The `clip_grad` option of an optimizer wrapper: by norm (`type: 'norm'`, the default; the options
 * of `clip_grad_norm_`) or by value (`type: 'value'`; `clip_value`).
 *
 * @example
 * clip_grad: { max_norm: 35, norm_type: 2 }
 * clip_grad: { type: 'value', clip_value: 0.5 }
 */
export interface ClipGradConfig {
  type?: 'norm' | 'value';
  max_norm?: number;
  norm_type?: NormType;
  error_if_nonfinite?: boolean;
  clip_value?: number;
}

/** The options of {@link OptimWrapper}, with MMEngine's names. */
export interface OptimWrapperOptions {
  /** The optimizer (a constructor such as `DefaultOptimWrapperConstructor` builds it from the config). */
  optimizer: Optimizer;
  /** Update the parameters every this many `updateParams` calls, accumulating the gradients (default 1). */
  accumulative_counts?: number;
  /** Clip the gradients before each step. */
  clip_grad?: ClipGradConfig | null;
  /** Where warnings go (default `console.warn`). */
  warn?: (message: string) => void;
}

/** The state dict of an optimizer wrapper: the optimizer's, plus `base_param_settings` with several groups. */
export interface OptimWrapperStateDict extends OptimizerStateDict {
  base_param_settings?: ParamGroup;
  [key: string]: unknown;
}

/**
 * MMEngine's `OptimWrapper`: one interface for a training step. `updateParams(loss)` divides the
 * loss by the accumulation factor, back-propagates, and every `accumulative_counts` calls clips
 * the gradients (`clip_grad`), steps and zeroes them. After `initializeCountStatus(model, start,
 * max)` the last incomplete window is handled as MMEngine does: its losses are divided by the
 * number of iterations left in it, and the final iteration steps.
 *
 * The wrapper is what schedulers drive: `paramGroups` are the optimizer's groups plus, when there
 * are several, `base_param_settings` (the optimizer's defaults, whose `lr` is logged as `base_lr`).
 *
 * @example
 * const wrapper = new OptimWrapper({ optimizer, accumulative_counts: 4, clip_grad: { max_norm: 35 } });
 * wrapper.initializeCountStatus(model, 0, maxIters);
 * for (...) wrapper.updateParams(loss);
 */
export class OptimWrapper {
  readonly optimizer: Optimizer;
  /** The option names the wrapper accepts; a subclass with more options extends the list. */
  static readonly optionKeys: readonly string[] = ['optimizer', 'accumulative_counts', 'clip_grad', 'warn'];
  /** The `clip_grad` options without `type`, or null. */
  readonly clipGradOptions: Omit<ClipGradConfig, 'type'> | null;
  /** `'norm'` or `'value'`, when clipping. */
  readonly clipType: 'norm' | 'value' | null;
  /** The optimizer's defaults as an extra group, when the optimizer has several groups. */
  baseParamSettings: ParamGroup | null;
  /** The total gradient norm of the last clipped step (0-d tensor owned by the wrapper), or null. */
  gradNorm: Tensor | null = null;
  protected readonly accumulativeCounts: number;
  protected innerCountValue = 0;
  protected maxCounts = -1;
  protected remainderCounts = -1;
  protected readonly warn: (message: string) => void;

  constructor(options: OptimWrapperOptions) {
    const name = this.constructor.name;
    if (options === null || typeof options !== 'object') throw new TypeError(`${name}: options must be an object, got ${describe(options)}`);
    const accumulativeCounts = options.accumulative_counts ?? 1;
    if (!Number.isInteger(accumulativeCounts) || accumulativeCounts < 1) {
      throw new RangeError(`${name}: accumulative_counts must be a positive integer, got ${describe(accumulativeCounts)}`);
    }
    if (!(options.optimizer instanceof Optimizer)) {
      throw new TypeError(`${name}: optimizer must be an Optimizer instance, got ${describe(options.optimizer)}`);
    }
    const known = (this.constructor as typeof OptimWrapper).optionKeys;
    for (const key of Object.keys(options)) {
      if (!known.includes(key)) throw new TypeError(`${name}: unknown option "${key}" (known options: ${known.join(', ')})`);
    }
    this.accumulativeCounts = accumulativeCounts;
    this.optimizer = options.optimizer;
    this.warn = options.warn ?? ((message) => console.warn(message));
    const clip = options.clip_grad ?? null;
    if (clip !== null) {
      if (typeof clip !== 'object' || Object.keys(clip).length === 0) {
        throw new TypeError(`${name}: clip_grad must be null or a non-empty object of clip_grad_norm_ or clip_grad_value_ options, got ${describe(clip)}`);
      }
      const { type = 'norm', ...rest } = clip;
      if (type !== 'norm' && type !== 'value') throw new RangeError(`${name}: clip_grad.type must be "norm" or "value", got ${describe(type)}`);
      if (Object.keys(rest).length === 0) throw new TypeError(`${name}: clip_grad must hold options besides "type"`);
      if (type === 'norm' && typeof rest.max_norm !== 'number') throw new TypeError(`${name}: clip_grad.max_norm must be a number, got ${describe(rest.max_norm)}`);
      if (type === 'value' && typeof rest.clip_value !== 'number') throw new TypeError(`${name}: clip_grad.clip_value must be a number, got ${describe(rest.clip_value)}`);
      this.clipType = type;
      this.clipGradOptions = rest;
    } else {
      this.clipType = null;
      this.clipGradOptions = null;
    }
    this.baseParamSettings = this.optimizer.paramGroups.length > 1 ? { ...copyDefaults(this.optimizer.defaults), params: [] } : null;
  }

  /**
   * One training iteration: scales the loss for accumulation, back-propagates, and when the
   * window is complete clips, steps and zeroes the gradients. The loss stays the caller's.
   */
  updateParams(loss: Tensor, options: { zeroGrad?: { setToNone?: boolean } } = {}): void {
    this.backwardScaled(loss);
    if (this.shouldUpdate()) {
      this.step();
      this.zeroGrad(options.zeroGrad);
    }
  }

  /**
   * {@link OptimWrapper.updateParams} whose step may read values back asynchronously: the loss
   * scaler's inf/NaN check of {@link AmpOptimWrapper} on backends without synchronous reads
   * (WebGPU). The runner trains through this method; on other wrappers it is `updateParams`.
   */
  async updateParamsAsync(loss: Tensor, options: { zeroGrad?: { setToNone?: boolean } } = {}): Promise<void> {
    this.backwardScaled(loss);
    if (this.shouldUpdate()) {
      await this.stepAsync();
      this.zeroGrad(options.zeroGrad);
    }
  }

  /** {@link OptimWrapper.step}, awaiting any read-back a subclass's step needs. */
  async stepAsync(): Promise<void> {
    this.step();
  }

  /** Back-propagates the loss divided for gradient accumulation. */
  private backwardScaled(loss: Tensor): void {
    const scaled = this.scaleLoss(loss);
    try {
      this.backward(scaled);
    } finally {
      if (scaled !== loss) scaled.dispose();
    }
  }

  /** Back-propagates the loss and counts the iteration. */
  backward(loss: Tensor): void {
    loss.backward();
    this.innerCountValue += 1;
  }

  /** Zeroes the gradients (see `Optimizer.zeroGrad`). */
  zeroGrad(options?: { setToNone?: boolean }): void {
    this.optimizer.zeroGrad(options);
  }

  /** Clips the gradients when `clip_grad` is set, then steps the optimizer. */
  step(): void {
    if (this.clipType) this.clipGrad();
    this.optimizer.step();
  }

  /** The optimizer's state dict, plus `base_param_settings` when there are several groups. */
  stateDict(): OptimWrapperStateDict {
    const dict: OptimWrapperStateDict = { ...this.optimizer.stateDict() };
    if (this.baseParamSettings) dict.base_param_settings = { ...this.baseParamSettings };
    return dict;
  }

  /** Loads a state dict saved by {@link OptimWrapper.stateDict}. */
  loadStateDict(dict: OptimWrapperStateDict): void {
    const { base_param_settings: base, ...rest } = dict;
    if (base) this.baseParamSettings = { ...base, params: [] };
    this.optimizer.loadStateDict(rest as OptimizerStateDict);
  }

  /** The groups that schedulers update: the optimizer's, then `base_param_settings` if any. */
  get paramGroups(): ParamGroup[] {
    return this.baseParamSettings ? [...this.optimizer.paramGroups, this.baseParamSettings] : this.optimizer.paramGroups;
  }

  /** The optimizer's defaults. */
  get defaults(): Record<string, unknown> {
    return this.optimizer.defaults;
  }

  /** The learning rate of each group (`lr`), and `base_lr` when there are several groups. */
  getLr(): { lr: number[]; base_lr?: number[] } {
    const result: { lr: number[]; base_lr?: number[] } = { lr: this.optimizer.paramGroups.map((group) => group.lr as number) };
    if (this.baseParamSettings) return { base_lr: [this.baseParamSettings.lr as number], ...result };
    return result;
  }

  /** The momentum of each group: `momentum` (SGD), the first of `betas` (Adam), else 0. */
  getMomentum(): { momentum: number[] } {
    return {
      momentum: this.optimizer.paramGroups.map((group) => {
        if ('momentum' in group) return group.momentum as number;
        if ('betas' in group) return (group.betas as number[])[0] as number;
        return 0;
      }),
    };
  }

  /**
   * Runs the forward pass of an iteration: the place where a mixed-precision wrapper enables its
   * casting and where gradient synchronization would be skipped inside an accumulation window.
   */
  optimContext<T>(_model: ModuleLike | null, forward: () => T): T {
    return forward();
  }

  /**
   * Prepares accumulation for a run of `maxCounts` iterations resumed at `initCounts`, so that the
   * last incomplete window still updates the parameters with correctly scaled losses.
   */
  initializeCountStatus(model: ModuleLike | null, initCounts: number, maxCounts: number): void {
    this.innerCountValue = initCounts;
    this.maxCounts = maxCounts;
    if (this.innerCountValue % this.accumulativeCounts !== 0) {
      this.warn(
        'Resumed iteration number is not divisible by `_accumulative_counts` in `GradientCumulativeOptimizerHook`, which means the gradient of some iterations is lost and the result may be influenced slightly.',
      );
    }
    if (model && hasBatchNorm(model) && this.accumulativeCounts > 1) {
      this.warn('Gradient accumulative may slightly decrease performance because the model has BatchNorm layers.');
    }
    this.remainderCounts = this.maxCounts % this.accumulativeCounts;
  }

  /** Whether the current iteration completes a window (or is the last one). */
  shouldUpdate(): boolean {
    return this.innerCountValue % this.accumulativeCounts === 0 || this.innerCountValue === this.maxCounts;
  }

  /** Whether gradients of the coming iteration should be synchronized (it will update). */
  shouldSync(): boolean {
    return (this.innerCountValue + 1) % this.accumulativeCounts === 0 || this.innerCountValue + 1 === this.maxCounts;
  }

  /**
   * The loss divided by the accumulation factor: 1 without accumulation, `accumulative_counts`
   * inside full windows, the size of the last incomplete window inside it.
   */
  scaleLoss(loss: Tensor): Tensor {
    let factor: number;
    if (this.accumulativeCounts === 1) factor = 1;
    else if (this.maxCounts === -1) factor = this.accumulativeCounts;
    else {
      factor = this.innerCountValue < this.maxCounts - this.remainderCounts ? this.accumulativeCounts : this.remainderCounts;
      if (!(factor > 0)) {
        throw new RangeError(
          `${this.constructor.name}.scaleLoss: the loss factor is ${factor} at iteration ${this.innerCountValue} of ${this.maxCounts}; check the counts given to initializeCountStatus`,
        );
      }
    }
    return factor === 1 ? loss : div(loss, factor);
  }

  /** The number of `updateParams`/`backward` calls counted so far. */
  get innerCount(): number {
    return this.innerCountValue;
  }

  /** The accumulation window. */
  get accumulative(): number {
    return this.accumulativeCounts;
  }

  /** Frees the optimizer's state and the last gradient norm. */
  dispose(): void {
    this.gradNorm?.dispose();
    this.gradNorm = null;
    this.optimizer.dispose();
  }

  /** Clips the gradients of the parameters that require grad, as `clip_grad` says. */
  protected clipGrad(): void {
    const params = this.optimizer.paramGroups.flatMap((group) => group.params).filter((param) => param.requiresGrad && param.grad !== null);
    if (params.length === 0 || !this.clipGradOptions) return;
    if (this.clipType === 'value') {
      clipGradValue(params, this.clipGradOptions.clip_value as number);
      return;
    }
    const total = clipGradNorm(
      params,
      this.clipGradOptions.max_norm as number,
      this.clipGradOptions.norm_type ?? 2,
      this.clipGradOptions.error_if_nonfinite ?? false,
    );
    this.gradNorm?.dispose();
    this.gradNorm = total;
  }

  toString(): string {
    return `Type: ${this.constructor.name}\n_accumulative_counts: ${this.accumulativeCounts}\noptimizer: \n${this.optimizer.toString()}\n`;
  }
}

function copyDefaults(defaults: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) copy[key] = Array.isArray(value) ? [...value] : value;
  return copy;
}
