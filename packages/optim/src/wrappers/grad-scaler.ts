import { type Tensor, add, mul, noGrad, sum, tidy } from '@mmpt/tensor';
import type { Optimizer } from '../optimizers/optimizer';
import { assign } from '../optimizers/assign';

/** The options of {@link GradScaler}, with PyTorch's names and defaults. */
export interface GradScalerOptions {
  /** The first scale (default 2^16 = 65536). */
  init_scale?: number;
  /** Multiplies the scale after `growth_interval` steps without inf/NaN gradients (default 2). */
  growth_factor?: number;
  /** Multiplies the scale after a step with inf/NaN gradients (default 0.5). */
  backoff_factor?: number;
  /** The number of clean steps between growths (default 2000). */
  growth_interval?: number;
  /** When false, every method passes through (scale 1, plain steps). */
  enabled?: boolean;
}

/** The state dict of a {@link GradScaler}, with PyTorch's keys (empty when disabled). */
export interface GradScalerStateDict {
  scale: number;
  growth_factor: number;
  backoff_factor: number;
  growth_interval: number;
  _growth_tracker: number;
}

type Stage = 'ready' | 'unscaled' | 'stepped';

/**
 * Dynamic loss scaling, as `torch.cuda.amp.GradScaler` (PyTorch 1.13): `scale(loss)` multiplies
 * the loss by the scale; `unscale(optimizer)` divides the gradients by it and records whether any
 * is inf or NaN; `step(optimizer)` steps only when none is; `update()` halves the scale after an
 * overflow and doubles it after `growth_interval` clean steps (`update(newScale)` sets it instead,
 * which is how a static scale is kept). The scale is a float32 value, as PyTorch's scale tensor.
 *
 * Checking for inf/NaN reads one number back from the gradients' backend, so it needs a backend
 * with synchronous readback (the CPU backend).
 *
 * @example
 * const scaler = new GradScaler();
 * const scaled = scaler.scale(loss);
 * scaled.backward();
 * scaled.dispose();
 * scaler.step(optimizer); // skipped when a gradient overflowed
 * scaler.update();
 */
export class GradScaler {
  #enabled: boolean;
  #initScale: number;
  #scale: number | null = null;
  #growthFactor: number;
  #backoffFactor: number;
  #growthInterval: number;
  #initGrowthTracker = 0;
  #growthTracker: number | null = null;
  #states = new Map<Optimizer, { stage: Stage; foundInf: boolean | null }>();

  constructor(options: GradScalerOptions = {}) {
    this.#enabled = options.enabled ?? true;
    this.#initScale = options.init_scale ?? 2 ** 16;
    this.#growthFactor = options.growth_factor ?? 2.0;
    this.#backoffFactor = options.backoff_factor ?? 0.5;
    this.#growthInterval = options.growth_interval ?? 2000;
    if (this.#enabled) {
      if (!(this.#growthFactor > 1)) throw new RangeError(`GradScaler: growth_factor must be > 1.0, got ${this.#growthFactor}`);
      if (!(this.#backoffFactor < 1)) throw new RangeError(`GradScaler: backoff_factor must be < 1.0, got ${this.#backoffFactor}`);
      if (!Number.isInteger(this.#growthInterval) || this.#growthInterval <= 0) {
        throw new RangeError(`GradScaler: growth_interval must be a positive integer, got ${this.#growthInterval}`);
      }
      if (!(this.#initScale > 0)) throw new RangeError(`GradScaler: init_scale must be positive, got ${this.#initScale}`);
    }
  }

  /** Whether scaling is on. */
  isEnabled(): boolean {
    return this.#enabled;
  }

  /** The current scale (the initial one before the first `scale()`; 1 when disabled). */
  getScale(): number {
    if (!this.#enabled) return 1.0;
    return this.#scale ?? this.#initScale;
  }

  /** The number of consecutive clean steps since the last growth or overflow. */
  getGrowthTracker(): number {
    return this.#growthTracker ?? this.#initGrowthTracker;
  }

  /** The loss multiplied by the scale (a new tensor the caller owns; the loss itself when disabled). */
  scale(loss: Tensor): Tensor {
    if (!this.#enabled) return loss;
    this.#lazyInit();
    return mul(loss, this.#scale as number);
  }

  /**
   * Divides the gradients of the optimizer's parameters by the scale, in place, and records
   * whether any of them holds inf or NaN. Once per optimizer between two `update()` calls.
   */
  unscale(optimizer: Optimizer): void {
    const probe = this.#beginUnscale(optimizer);
    this.#finishUnscale(optimizer, probe ? readNonFinite(probe) : false);
  }

  /**
   * {@link GradScaler.unscale} for backends that read values back only asynchronously (WebGPU):
   * the inf/NaN check is awaited instead of read synchronously. It works on every backend.
   */
  async unscaleAsync(optimizer: Optimizer): Promise<void> {
    const probe = this.#beginUnscale(optimizer);
    let foundInf = false;
    if (probe) {
      try {
        foundInf = Number.isNaN((await probe.data())[0] as number);
      } finally {
        probe.dispose();
      }
    }
    this.#finishUnscale(optimizer, foundInf);
  }

  /**
   * Checks the stage, queues the inf/NaN probe of the raw gradients (a 0-d tensor that is NaN
   * when any gradient holds an inf or a NaN; null without gradients) and divides the gradients by
   * the scale in place.
   */
  #beginUnscale(optimizer: Optimizer): Tensor | null {
    if (!this.#enabled) return null;
    this.#requireScale('unscale');
    const state = this.#stateOf(optimizer);
    if (state.stage === 'unscaled') throw new Error('GradScaler.unscale: unscale() has already been called on this optimizer since the last update()');
    if (state.stage === 'stepped') throw new Error('GradScaler.unscale: unscale() is being called after step()');
    const inverse = Math.fround(1 / (this.#scale as number));
    const grads: Tensor[] = [];
    for (const group of optimizer.paramGroups) {
      for (const param of group.params) {
        if (!param.grad) continue;
        if (param.grad.dtype === 'float16') throw new TypeError('GradScaler.unscale: attempting to unscale float16 gradients (keep the parameters in float32)');
        grads.push(param.grad);
      }
    }
    const probe = grads.length > 0 ? nonFiniteProbe(grads) : null;
    if (inverse !== 1) {
      noGrad(() => {
        for (const grad of grads) tidy(() => assign(grad, mul(grad, inverse)));
      });
    }
    return probe;
  }

  #finishUnscale(optimizer: Optimizer, foundInf: boolean): void {
    if (!this.#enabled) return;
    const state = this.#stateOf(optimizer);
    state.foundInf = foundInf;
    state.stage = 'unscaled';
  }

  /**
   * Unscales the gradients (unless `unscale` was called) and steps the optimizer when none of
   * them is inf or NaN. Returns whether the optimizer stepped.
   */
  step(optimizer: Optimizer): boolean {
    if (!this.#beginStep(optimizer)) return true;
    const state = this.#stateOf(optimizer);
    if (state.stage === 'ready') this.unscale(optimizer);
    return this.#finishStep(optimizer);
  }

  /** {@link GradScaler.step} with the inf/NaN check awaited (see {@link GradScaler.unscaleAsync}). */
  async stepAsync(optimizer: Optimizer): Promise<boolean> {
    if (!this.#beginStep(optimizer)) return true;
    const state = this.#stateOf(optimizer);
    if (state.stage === 'ready') await this.unscaleAsync(optimizer);
    return this.#finishStep(optimizer);
  }

  /** Steps a disabled scaler's optimizer directly (returns false), or checks the stage (true). */
  #beginStep(optimizer: Optimizer): boolean {
    if (!this.#enabled) {
      optimizer.step();
      return false;
    }
    this.#requireScale('step');
    if (this.#stateOf(optimizer).stage === 'stepped') throw new Error('GradScaler.step: step() has already been called since the last update()');
    return true;
  }

  #finishStep(optimizer: Optimizer): boolean {
    const state = this.#stateOf(optimizer);
    state.stage = 'stepped';
    if (state.foundInf) return false;
    optimizer.step();
    return true;
  }

  /**
   * Updates the scale at the end of an iteration: with `newScale`, sets it; otherwise backs off
   * after an overflow (and resets the growth tracker) or counts a clean step, growing the scale
   * every `growth_interval` clean steps (unless that would overflow float32).
   */
  update(newScale?: number): void {
    if (!this.#enabled) return;
    this.#requireScale('update');
    if (newScale !== undefined && newScale !== null) {
      if (typeof newScale !== 'number' || Number.isNaN(newScale)) throw new TypeError(`GradScaler.update: new_scale must be a number, got ${String(newScale)}`);
      this.#scale = Math.fround(newScale);
    } else {
      const checks = [...this.#states.values()].filter((state) => state.foundInf !== null);
      if (checks.length === 0) throw new Error('GradScaler.update: no inf checks were recorded prior to update() (call step() or unscale() first)');
      const foundInf = checks.some((state) => state.foundInf);
      const scale = this.#scale as number;
      if (foundInf) {
        this.#scale = Math.fround(scale * this.#backoffFactor);
        this.#growthTracker = 0;
      } else {
        const successful = (this.#growthTracker as number) + 1;
        if (successful === this.#growthInterval) {
          const grown = Math.fround(scale * this.#growthFactor);
          if (Number.isFinite(grown)) this.#scale = grown;
          this.#growthTracker = 0;
        } else {
          this.#growthTracker = successful;
        }
      }
    }
    this.#states.clear();
  }

  /** The state dict, with PyTorch's keys (`{}` when disabled). */
  stateDict(): GradScalerStateDict | Record<string, never> {
    if (!this.#enabled) return {};
    return {
      scale: this.getScale(),
      growth_factor: this.#growthFactor,
      backoff_factor: this.#backoffFactor,
      growth_interval: this.#growthInterval,
      _growth_tracker: this.getGrowthTracker(),
    };
  }

  /** Loads a state dict saved by {@link GradScaler.stateDict}; an empty one is an error. */
  loadStateDict(dict: Partial<GradScalerStateDict>): void {
    if (!this.#enabled) return;
    if (!dict || Object.keys(dict).length === 0) {
      throw new Error('GradScaler.loadStateDict: the state dict is empty, possibly because it was saved from a disabled GradScaler');
    }
    for (const key of ['scale', 'growth_factor', 'backoff_factor', 'growth_interval', '_growth_tracker'] as const) {
      if (typeof dict[key] !== 'number') throw new TypeError(`GradScaler.loadStateDict: "${key}" must be a number, got ${String(dict[key])}`);
    }
    this.#initScale = dict.scale as number;
    if (this.#scale !== null) this.#scale = Math.fround(dict.scale as number);
    this.#growthFactor = dict.growth_factor as number;
    this.#backoffFactor = dict.backoff_factor as number;
    this.#growthInterval = dict.growth_interval as number;
    this.#initGrowthTracker = dict._growth_tracker as number;
    if (this.#growthTracker !== null) this.#growthTracker = dict._growth_tracker as number;
  }

  #lazyInit(): void {
    if (this.#scale === null) {
      this.#scale = Math.fround(this.#initScale);
      this.#growthTracker = this.#initGrowthTracker;
    }
  }

  #requireScale(method: string): void {
    if (this.#scale === null) {
      throw new Error(`GradScaler.${method}: the scale is not initialized; call scale(loss) earlier in the iteration`);
    }
  }

  #stateOf(optimizer: Optimizer): { stage: Stage; foundInf: boolean | null } {
    let state = this.#states.get(optimizer);
    if (!state) {
      state = { stage: 'ready', foundInf: null };
      this.#states.set(optimizer, state);
    }
    return state;
  }
}

/** A 0-d tensor that is NaN when any gradient holds an inf or a NaN (x · 0 is NaN exactly then), else 0. */
function nonFiniteProbe(grads: Tensor[]): Tensor {
  return noGrad(() =>
    tidy(() => {
      let total: Tensor | undefined;
      for (const grad of grads) {
        const part = sum(mul(grad, 0));
        total = total ? add(total, part) : part;
      }
      return total as Tensor;
    }),
  );
}

/** Reads a probe back synchronously (and frees it), naming the backend that cannot. */
function readNonFinite(probe: Tensor): boolean {
  try {
    if (!probe.backend.readSync) {
      throw new Error(
        `GradScaler: checking the gradients for inf/NaN reads a value back, which the ${probe.backend.name} backend only does asynchronously; use unscaleAsync/stepAsync (the runner does)`,
      );
    }
    return Number.isNaN(probe.item());
  } finally {
    probe.dispose();
  }
}
