import { type AnyModule, Module, type Tensor, add, full, isFloating, mul, noGrad, tidy } from '@mmpt/tensor';
import { assignInPlace } from './assign-in-place';

/** The options of {@link ExponentialMovingAverage}, as MMEngine's. */
export interface ExponentialMovingAverageOptions {
  /**
   * The averaged copy: a module of the source's architecture (a fresh build of the same configs,
   * since modules cannot be deep-copied here). Its parameters stop requiring gradients; the first
   * update copies the source's values into it, as MMEngine's deep copy would hold them.
   */
  model: AnyModule;
  /** The weight of the new value in each update: `avg = (1 - momentum) * avg + momentum * source`. Default 0.0002. */
  momentum?: number;
  /** Update every `interval` calls (the first call always copies). Default 1. */
  interval?: number;
  /** Average the buffers too (BatchNorm statistics); otherwise they are copied from the source. Default false. */
  update_buffers?: boolean;
}

/**
 * MMEngine's `ExponentialMovingAverage` (a `BaseAveragedModel`): holds the averaged copy as
 * `module` and the update count as the `steps` buffer (state-dict keys `module.*` and `steps`).
 * `updateParameters(source)` copies the source's values on the first call, then moves each
 * floating-point parameter (and buffer, with `update_buffers`) towards the source by
 * {@link avgFunc} every `interval` calls; without `update_buffers` the buffers are copied from
 * the source at every call. `forward` runs the averaged copy.
 */
export class ExponentialMovingAverage extends Module<[Tensor], unknown> {
  readonly module: AnyModule;
  readonly momentum: number;
  readonly interval: number;
  readonly updateBuffers: boolean;
  readonly steps: Tensor;
  #stepsCache: { storage: unknown; count: number };

  constructor(options: ExponentialMovingAverageOptions) {
    super();
    const owner = this.constructor.name;
    this.momentum = options.momentum ?? this.defaultMomentum();
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new RangeError(`${owner}: momentum must be in [0, 1], got ${this.momentum}`);
    this.interval = options.interval ?? 1;
    if (!Number.isInteger(this.interval) || this.interval < 1) throw new RangeError(`${owner}: interval must be a positive integer, got ${this.interval}`);
    this.updateBuffers = options.update_buffers ?? false;
    this.module = this.registerModule('module', options.model);
    this.module.setRequiresGrad(false);
    this.steps = this.registerBuffer('steps', full([], 0, { dtype: 'int32' }));
    this.#stepsCache = { storage: this.steps.storage, count: 0 };
  }

  /** MMEngine's default momentum of this kind of average. */
  protected defaultMomentum(): number {
    return 0.0002;
  }

  /** How many times `updateParameters` ran (the `steps` buffer). */
  get stepCount(): number {
    if (this.#stepsCache.storage !== this.steps.storage) this.#stepsCache = { storage: this.steps.storage, count: this.steps.item() };
    return this.#stepsCache.count;
  }

  /** Runs the averaged copy. */
  forward(x: Tensor): unknown {
    return this.module.forward(x);
  }

  /**
   * One moving-average step of `averaged` towards `source` (the value written into `averaged`):
   * `(1 - momentum) * averaged + momentum * source`, as MMEngine's `lerp_`.
   */
  avgFunc(averaged: Tensor, source: Tensor, _steps: number): Tensor {
    return add(mul(averaged, 1 - this.momentum), mul(source, this.momentum));
  }

  /** Updates the averaged copy from `source`, a module with the same state-dict names. */
  updateParameters(source: AnyModule): void {
    const steps = this.stepCount;
    const averaged = this.updateBuffers ? this.module.stateDict() : new Map(this.module.namedParameters());
    const sources = this.updateBuffers ? source.stateDict() : new Map(source.namedParameters());
    noGrad(() =>
      tidy(() => {
        for (const [name, target] of averaged) {
          const value = sources.get(name);
          if (!value) throw new Error(`${this.constructor.name}.updateParameters: the source has no "${name}"`);
          if (steps === 0) assignInPlace(target, value.detach().add(0).cast(target.dtype));
          else if (steps % this.interval === 0 && isFloating(target.dtype)) assignInPlace(target, this.avgFunc(target, value, steps));
        }
        if (!this.updateBuffers) {
          const sourceBuffers = new Map(source.namedBuffers());
          for (const [name, target] of this.module.namedBuffers()) {
            const value = sourceBuffers.get(name);
            if (!value) throw new Error(`${this.constructor.name}.updateParameters: the source has no buffer "${name}"`);
            assignInPlace(target, value.add(0).cast(target.dtype));
          }
        }
        const next = add(this.steps, 1);
        assignInPlace(this.steps, next);
      }),
    );
    this.#stepsCache = { storage: this.steps.storage, count: steps + 1 };
  }
}
