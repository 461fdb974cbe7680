import type { Buildable } from '@mmpt/registry';
import { type HostStateDict, type Tensor, hostToTensor } from '@mmpt/tensor';
import { BaseAveragedModel } from '../averaged-models/base-averaged-model';
import type { Runner } from '../runner/runner';
import { Hook } from './hook';

/**
 * The options of {@link EMAHook}: MMEngine's (with MMPretrain's `evaluate_on_ema` and
 * `evaluate_on_origin`); every other key (`momentum`, `interval`, `update_buffers`, `gamma`,
 * `device`) goes to the averaged model.
 */
export interface EMAHookOptions {
  /** The averaged model, a name in `registries.models` or a class. Default `'ExponentialMovingAverage'`. */
  ema_type?: string | Buildable;
  /** Whether a resumed EMA state must match the model's keys exactly. Default false. */
  strict_load?: boolean;
  /** The first iteration (1-based, counted over the whole run) that updates the average; before it the average copies the model. Default 0. */
  begin_iter?: number;
  /** The first epoch (1-based) that updates the average; not together with `begin_iter`. Default 0. */
  begin_epoch?: number;
  /** Validate and test with the averaged weights (MMPretrain's option). Default true. */
  evaluate_on_ema?: boolean;
  /** Validate and test with the model's own weights (MMPretrain's option). Default false. */
  evaluate_on_origin?: boolean;
  /** Options of the averaged model (`momentum`, `interval`, `update_buffers`...). */
  [key: string]: unknown;
}

/**
 * MMEngine's `EMAHook`: keeps an exponential moving average (or another averaged model) of the
 * model's weights during training and evaluates with it.
 *
 * - before the run it makes the averaged model from the model (`ema_type` built from
 *   `registries.models` with the model);
 * - after every training iteration it updates the average, or, before `begin_iter` /
 *   `begin_epoch`, copies the model into it;
 * - around every validation and test epoch it swaps the averaged weights into the model and back;
 * - on a checkpoint save the weights file holds the averaged weights (the file to deploy) and the
 *   EMA state (`<name>.ema.safetensors`, MMEngine's `ema_state_dict` with `steps` and
 *   `module.<name>`) holds the model's own weights; resuming swaps them back, so a resumed run goes
 *   on exactly. Resuming from a checkpoint without EMA state starts the average from the loaded
 *   weights, with a warning. (`load_from` loads the weights file, the averaged weights of an EMA
 *   checkpoint, and the average starts from them, as in MMEngine.)
 *
 * @example
 * // in a config, as MMPretrain's DeiT, ConvNeXt and Swin configs:
 * custom_hooks = [{ type: 'EMAHook', momentum: 1e-4, priority: 'ABOVE_NORMAL' }]
 */
export class EMAHook extends Hook {
  override priority: Hook['priority'] = 'NORMAL';
  readonly strictLoad: boolean;
  readonly beginIter: number;
  readonly beginEpoch: number;
  readonly evaluateOnEma: boolean;
  /** Whether `begin_epoch` (rather than `begin_iter`) decides when the average starts. */
  readonly enabledByEpoch: boolean;
  readonly #emaType: string | Buildable;
  readonly #averagedOptions: Record<string, unknown>;
  #averaged: BaseAveragedModel | undefined;

  constructor(options: EMAHookOptions = {}) {
    super();
    const { ema_type, strict_load, begin_iter, begin_epoch, evaluate_on_ema, evaluate_on_origin, ...averagedOptions } = options;
    this.#emaType = ema_type ?? 'ExponentialMovingAverage';
    this.#averagedOptions = averagedOptions;
    this.strictLoad = strict_load ?? false;
    this.beginIter = begin_iter ?? 0;
    this.beginEpoch = begin_epoch ?? 0;
    if (this.beginIter !== 0 && this.beginEpoch !== 0) throw new RangeError(`EMAHook: begin_iter (${this.beginIter}) and begin_epoch (${this.beginEpoch}) cannot both be set`);
    if (!Number.isInteger(this.beginIter) || this.beginIter < 0) throw new RangeError(`EMAHook: begin_iter must be a non-negative integer, got ${this.beginIter}`);
    if (!Number.isInteger(this.beginEpoch) || this.beginEpoch < 0) throw new RangeError(`EMAHook: begin_epoch must be a non-negative integer, got ${this.beginEpoch}`);
    this.enabledByEpoch = this.beginEpoch > 0;
    const onEma = evaluate_on_ema ?? true;
    const onOrigin = evaluate_on_origin ?? !onEma;
    if (onEma && onOrigin) {
      throw new RangeError('EMAHook: evaluating both the averaged and the original model (evaluate_on_ema and evaluate_on_origin both true) is not available; choose one');
    }
    this.evaluateOnEma = onEma;
  }

  /** The averaged model (made before the run, or when a checkpoint is resumed before it). */
  get averagedModel(): BaseAveragedModel | undefined {
    return this.#averaged;
  }

  override beforeRun(runner: Runner): void {
    this.#ensureAveraged(runner);
  }

  override beforeTrain(runner: Runner): void {
    const loop = runner.trainLoop;
    if (!loop) return;
    if (this.enabledByEpoch && this.beginEpoch > loop.maxEpochs) throw new RangeError(`EMAHook: begin_epoch (${this.beginEpoch}) exceeds max_epochs (${loop.maxEpochs})`);
    if (!this.enabledByEpoch && this.beginIter > loop.maxIters) throw new RangeError(`EMAHook: begin_iter (${this.beginIter}) exceeds max_iters (${loop.maxIters})`);
  }

  override afterTrainIter(runner: Runner): void {
    const averaged = this.#ensureAveraged(runner);
    if (this.#started(runner)) averaged.updateParameters(runner.model);
    else averaged.loadModuleStateDict(runner.model.stateDict());
  }

  override beforeValEpoch(runner: Runner): void {
    if (this.evaluateOnEma) this.#ensureAveraged(runner).swapWith(runner.model);
  }

  override afterValEpoch(runner: Runner): void {
    if (this.evaluateOnEma) this.#ensureAveraged(runner).swapWith(runner.model);
  }

  override beforeTestEpoch(runner: Runner): void {
    if (this.evaluateOnEma) this.#ensureAveraged(runner).swapWith(runner.model);
    runner.log(this.evaluateOnEma ? 'Testing with the EMA weights.' : 'Testing with the original weights.');
  }

  override afterTestEpoch(runner: Runner): void {
    if (this.evaluateOnEma) this.#ensureAveraged(runner).swapWith(runner.model);
  }

  /**
   * Puts the EMA state into the checkpoint, swapped as MMEngine swaps it: the weights file gets the
   * averaged weights (`meta.state_dict`), the EMA state (`meta.ema_state_dict`: `steps` and
   * `module.<name>`) the model's own weights.
   */
  override beforeSaveCheckpoint(runner: Runner, meta: Record<string, unknown>): void {
    const averaged = this.#ensureAveraged(runner);
    const weights = runner.model.stateDict();
    const ema = averaged.stateDict();
    for (const [key, value] of ema) {
      if (!key.startsWith('module.')) continue;
      const name = key.slice('module.'.length);
      const source = weights.get(name);
      if (!source) throw new Error(`EMAHook: the averaged model holds "${name}", which the model's state dict lacks`);
      ema.set(key, source);
      weights.set(name, value);
    }
    meta.state_dict = weights;
    meta.ema_state_dict = ema;
  }

  /**
   * After a resume (the runner has loaded the weights file, the averaged weights, into the model):
   * with EMA state in the checkpoint, the average takes the loaded weights and `steps` and the
   * model gets its own weights back from the EMA state; without, the average starts from the
   * loaded weights.
   */
  override async afterLoadCheckpoint(runner: Runner, meta: Record<string, unknown>): Promise<void> {
    const averaged = this.#ensureAveraged(runner);
    const host = meta.ema_state_dict;
    if (!(host instanceof Map)) {
      runner.logger.warn('There is no `ema_state_dict` in checkpoint. `EMAHook` will make a copy of `state_dict` as the initial `ema_state_dict`');
      averaged.loadModuleStateDict(runner.model.stateDict(), { strict: this.strictLoad });
      return;
    }
    const uploaded = new Map<string, Tensor>();
    try {
      for (const [key, value] of host as HostStateDict) uploaded.set(key, hostToTensor(value, runner.backend));
      const weights = runner.model.stateDict();
      const emaState = new Map<string, Tensor>();
      const own = new Map<string, Tensor>();
      for (const [key, value] of uploaded) {
        if (!key.startsWith('module.')) {
          emaState.set(key, value);
          continue;
        }
        const name = key.slice('module.'.length);
        const loaded = weights.get(name);
        if (!loaded) {
          if (this.strictLoad) throw new Error(`EMAHook: the checkpoint's EMA state has "${key}", which the model lacks (strict_load)`);
          continue;
        }
        emaState.set(key, loaded);
        own.set(name, value);
      }
      await averaged.loadStateDict(emaState, { strict: this.strictLoad });
      runner.model.loadStateDict(own, { strict: false });
    } finally {
      for (const tensor of uploaded.values()) tensor.dispose();
    }
  }

  #ensureAveraged(runner: Runner): BaseAveragedModel {
    if (this.#averaged) return this.#averaged;
    const built = runner.registries.models.build<unknown>({ ...this.#averagedOptions, type: this.#emaType }, { model: runner.model });
    if (!(built instanceof BaseAveragedModel)) {
      const name = typeof this.#emaType === 'string' ? this.#emaType : this.#emaType.name;
      throw new TypeError(`EMAHook: ema_type "${name}" built a ${(built as object | null)?.constructor?.name ?? typeof built}, which is not an averaged model (a BaseAveragedModel of @mmpt/engine)`);
    }
    this.#averaged = built;
    return built;
  }

  #started(runner: Runner): boolean {
    return this.enabledByEpoch ? runner.epoch + 1 >= this.beginEpoch : runner.iter + 1 >= this.beginIter;
  }
}
