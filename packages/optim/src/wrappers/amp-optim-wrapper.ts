import type { Tensor } from '@mmpt/tensor';
import { describe } from '../optimizers/param-group';
import { GradScaler, type GradScalerOptions, type GradScalerStateDict } from './grad-scaler';
import { OptimWrapper, type OptimWrapperOptions, type OptimWrapperStateDict } from './optim-wrapper';

/** The data types MMEngine's `AmpOptimWrapper` accepts for autocast. */
export const AMP_DTYPES = ['float16', 'bfloat16', 'float32', 'float64'] as const;

/** The options of {@link AmpOptimWrapper}, with MMEngine's names. */
export interface AmpOptimWrapperOptions extends OptimWrapperOptions {
  /**
   * `'dynamic'` (default: `GradScaler` defaults, initial scale 65536), a number (a static scale:
   * the scale is reset to it after every step) or `GradScaler` options.
   */
  loss_scale?: 'dynamic' | number | GradScalerOptions;
  /** The autocast data type (`'float16'`, `'bfloat16'`, `'float32'`, `'float64'`), or null for the default. */
  dtype?: (typeof AMP_DTYPES)[number] | null;
  /** Sharded scaling for fully sharded data parallel; not available here. */
  use_fsdp?: boolean;
}

/**
 * MMEngine's `AmpOptimWrapper`: an {@link OptimWrapper} whose backward pass runs on the loss
 * multiplied by a {@link GradScaler}'s scale; each step unscales the gradients (before clipping
 * when `clip_grad` is set), is skipped when a gradient is inf or NaN, and updates the scale
 * (dynamic: back off ×0.5 on overflow, grow ×2 after 2000 clean steps; static: reset to
 * `loss_scale`). The state dict adds `loss_scaler`.
 *
 * The overflow check reads one value back per step: synchronously in `updateParams`/`step` (CPU),
 * awaited in `updateParamsAsync`/`stepAsync`, which the runner uses and which WebGPU needs.
 *
 * Mixed-precision compute itself belongs to the backend: on the CPU backend, which computes in
 * float32, the wrapper performs the loss scaling and overflow skipping only; `dtype` is recorded
 * as `castDtype` for a backend with float16 kernels.
 *
 * @example
 * optim_wrapper: { type: 'AmpOptimWrapper', loss_scale: 'dynamic', optimizer: { type: 'SGD', lr: 0.1 } }
 */
export class AmpOptimWrapper extends OptimWrapper {
  static override readonly optionKeys: readonly string[] = [...OptimWrapper.optionKeys, 'loss_scale', 'dtype', 'use_fsdp'];
  /** The loss scaler. */
  readonly lossScaler: GradScaler;
  /** The autocast data type, or null. */
  readonly castDtype: (typeof AMP_DTYPES)[number] | null;
  /** Whether the last step was skipped because a gradient overflowed. */
  lastStepSkipped = false;
  readonly #staticScale: number | undefined;

  constructor(options: AmpOptimWrapperOptions) {
    super(options);
    if (options.use_fsdp) throw new RangeError('AmpOptimWrapper: use_fsdp is not supported (there is no fully sharded data parallel here)');
    const lossScale = options.loss_scale ?? 'dynamic';
    if (lossScale === 'dynamic') {
      this.lossScaler = new GradScaler();
    } else if (typeof lossScale === 'number') {
      this.#staticScale = lossScale;
      this.lossScaler = new GradScaler({ init_scale: lossScale });
    } else if (lossScale !== null && typeof lossScale === 'object' && !Array.isArray(lossScale)) {
      this.lossScaler = new GradScaler(lossScale);
    } else {
      throw new TypeError(`AmpOptimWrapper: loss_scale must be a number, an object of GradScaler options or "dynamic", got ${describe(lossScale)}`);
    }
    const dtype = options.dtype ?? null;
    if (dtype !== null && !(AMP_DTYPES as readonly string[]).includes(dtype)) {
      throw new RangeError(`AmpOptimWrapper: dtype must be one of ${AMP_DTYPES.join(', ')} or null, got ${describe(dtype)}`);
    }
    this.castDtype = dtype;
  }

  /** Back-propagates the scaled loss and counts the iteration. */
  override backward(loss: Tensor): void {
    const scaled = this.lossScaler.scale(loss);
    try {
      scaled.backward();
    } finally {
      if (scaled !== loss) scaled.dispose();
    }
    this.innerCountValue += 1;
  }

  /** Unscales (and clips), steps unless a gradient overflowed, and updates the scale. */
  override step(): void {
    if (this.clipType) {
      this.lossScaler.unscale(this.optimizer);
      this.clipGrad();
    }
    this.lastStepSkipped = !this.lossScaler.step(this.optimizer);
    this.lossScaler.update(this.#staticScale);
  }

  /** {@link AmpOptimWrapper.step} with the overflow check awaited: the path for WebGPU, whose reads are asynchronous. */
  override async stepAsync(): Promise<void> {
    if (this.clipType) {
      await this.lossScaler.unscaleAsync(this.optimizer);
      this.clipGrad();
    }
    this.lastStepSkipped = !(await this.lossScaler.stepAsync(this.optimizer));
    this.lossScaler.update(this.#staticScale);
  }

  /** The optimizer's state dict with `loss_scaler` (and `base_param_settings` with several groups). */
  override stateDict(): OptimWrapperStateDict {
    const dict = super.stateDict();
    dict.loss_scaler = this.lossScaler.stateDict();
    return dict;
  }

  /** Loads the optimizer's state and, when present, the loss scaler's. */
  override loadStateDict(dict: OptimWrapperStateDict): void {
    const { loss_scaler: scaler, ...rest } = dict;
    if (scaler !== undefined) this.lossScaler.loadStateDict(scaler as Partial<GradScalerStateDict>);
    super.loadStateDict(rest as OptimWrapperStateDict);
  }
}
