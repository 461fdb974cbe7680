import { type AnyModule, type LoadStateDictResult, type StateDict, type Tensor, cast, clone, full, isFloating, keep, noGrad, tidy } from '@mmpt/tensor';

/** The options of {@link BaseAveragedModel} and its subclasses, with MMEngine's names. */
export interface BaseAveragedModelOptions {
  /** The model whose weights are averaged (the source). */
  model: AnyModule;
  /** Average every `interval` updates (the first update always copies). Default 1. */
  interval?: number;
  /**
   * Where the averaged copy lives. Only the source model's own device is available (`null`, or
   * its device name such as `'cpu'`): the copy is kept beside the source.
   */
  device?: string | null;
  /**
   * Average the buffers too (BatchNorm running statistics); otherwise they are copied from the
   * source at every update. Default false.
   */
  update_buffers?: boolean;
}

/**
 * MMEngine's `BaseAveragedModel`: running averages of the weights of a model (EMA, SWA), updated
 * by {@link BaseAveragedModel.updateParameters}. Subclasses give the rule in
 * {@link BaseAveragedModel.avgFunc}.
 *
 * MMEngine deep-copies the source module; modules cannot be copied here, so the averaged copy is
 * held as one tensor per parameter and buffer of the source, under the source's state-dict names,
 * cloned from the source when the averaged model is made. Evaluating with the averaged weights is
 * done by swapping them into the source ({@link BaseAveragedModel.swapWith}, what `EMAHook` does
 * around validation). The state dict has MMEngine's keys: `steps` (how many updates ran) and
 * `module.<name>` for every entry of the source's state dict.
 *
 * An update (`update_parameters`): the first one copies the source; later ones, every `interval`
 * updates, replace each floating-point averaged parameter (and buffer, with `update_buffers`) by
 * `avgFunc(averaged, source, steps)`; without `update_buffers` every buffer is copied from the
 * source at every update; `steps` then grows by one.
 */
export abstract class BaseAveragedModel {
  readonly interval: number;
  readonly updateBuffers: boolean;
  /** The averaged tensors by the source's names: parameters, then buffers (persistent or not). */
  readonly #averaged = new Map<string, Tensor>();
  /** The names of the parameters (what an update averages without `update_buffers`). */
  readonly #parameterNames: string[];
  /** The names of the buffers, persistent or not (copied without `update_buffers`). */
  readonly #bufferNames: string[];
  /** The source's state-dict names (parameters and persistent buffers), in PyTorch's order. */
  readonly #stateNames: string[];
  #steps = 0;
  #stepsTensor: { tensor: Tensor; value: number } | undefined;
  #disposed = false;

  constructor(options: BaseAveragedModelOptions) {
    const owner = this.constructor.name;
    const model = options.model;
    if (!model || typeof model.stateDict !== 'function') throw new TypeError(`${owner}: model must be a module, got ${String(model)}`);
    this.interval = options.interval ?? 1;
    if (!Number.isInteger(this.interval) || this.interval < 1) throw new RangeError(`${owner}: interval must be a positive integer, got ${this.interval}`);
    this.updateBuffers = options.update_buffers ?? false;
    const parameters = model.namedParameters();
    const buffers = model.namedBuffers();
    const device = options.device ?? null;
    const first = parameters[0]?.[1] ?? buffers[0]?.[1];
    if (device !== null && first && device !== first.device && device !== first.backend.name) {
      throw new RangeError(`${owner}: device "${device}" differs from the model's device "${first.device}"; the averaged copy lives beside the model (leave device unset)`);
    }
    this.#parameterNames = parameters.map(([name]) => name);
    this.#bufferNames = buffers.map(([name]) => name);
    const copies = new Map<Tensor, Tensor>();
    noGrad(() => {
      for (const [name, tensor] of [...parameters, ...buffers]) {
        const copy = keep(clone(tensor));
        copies.set(tensor, copy);
        this.#averaged.set(name, copy);
      }
    });
    const state = model.stateDict();
    this.#stateNames = [...state.keys()];
    // A tensor registered under two names (a shared weight) has one averaged copy.
    for (const [name, tensor] of state) {
      const copy = copies.get(tensor);
      if (copy && !this.#averaged.has(name)) this.#averaged.set(name, copy);
    }
  }

  /**
   * The averaged value of `source` after one more update (a new tensor; the caller disposes it).
   *
   * @param averaged - the current average
   * @param source - the source's current value
   * @param steps - how many updates ran before this one
   */
  abstract avgFunc(averaged: Tensor, source: Tensor, steps: number): Tensor;

  /** How many updates ran (MMEngine's `steps` buffer). */
  get steps(): number {
    return this.#steps;
  }

  /**
   * Updates the averages from `model` (a module with the source's state-dict names), as MMEngine's
   * `update_parameters`.
   */
  updateParameters(model: AnyModule): void {
    this.#assertAlive('updateParameters');
    const steps = this.#steps;
    const sources = this.updateBuffers ? model.stateDict() : new Map(model.namedParameters());
    const names = this.updateBuffers ? this.#stateNames : this.#parameterNames;
    noGrad(() =>
      tidy(() => {
        for (const name of new Set(names)) {
          const target = this.#averaged.get(name) as Tensor;
          const value = this.#source(sources, name, 'updateParameters');
          if (steps === 0) copyInto(target, value);
          else if (steps % this.interval === 0 && isFloating(target.dtype)) writeInto(target, this.avgFunc(target, value, steps));
        }
        if (!this.updateBuffers) {
          const buffers = new Map(model.namedBuffers());
          for (const name of this.#bufferNames) copyInto(this.#averaged.get(name) as Tensor, this.#source(buffers, name, 'updateParameters'));
        }
      }),
    );
    this.#steps = steps + 1;
  }

  /**
   * The averaged copy's own state dict, as MMEngine's `averaged.module.state_dict()`: the averaged
   * tensor of every state-dict entry of the source, by its name. The values are this model's
   * tensors, not copies: do not dispose them.
   */
  moduleStateDict(): Map<string, Tensor> {
    this.#assertAlive('moduleStateDict');
    return new Map(this.#stateNames.map((name) => [name, this.#averaged.get(name) as Tensor]));
  }

  /**
   * MMEngine's state dict of an averaged model: `steps` (an int32 scalar) then `module.<name>` for
   * every entry of {@link BaseAveragedModel.moduleStateDict}. The values belong to this model.
   */
  stateDict(): Map<string, Tensor> {
    this.#assertAlive('stateDict');
    const result = new Map<string, Tensor>([['steps', this.#stepsValue()]]);
    for (const [name, tensor] of this.moduleStateDict()) result.set(`module.${name}`, tensor);
    return result;
  }

  /**
   * Copies a state dict with the keys of {@link BaseAveragedModel.stateDict} into the averages
   * (reading `steps` back from its tensor), as `load_state_dict`; `strict` (default true) makes
   * missing or unexpected keys an error.
   */
  async loadStateDict(dict: StateDict, options: { strict?: boolean } = {}): Promise<LoadStateDictResult> {
    this.#assertAlive('loadStateDict');
    const entries: ReadonlyMap<string, Tensor> = dict instanceof Map ? dict : new Map(Object.entries(dict));
    const module = new Map<string, Tensor>();
    const unexpected: string[] = [];
    for (const [key, value] of entries) {
      if (key.startsWith('module.')) module.set(key.slice('module.'.length), value);
      else if (key !== 'steps') unexpected.push(key);
    }
    const steps = entries.get('steps');
    const strict = options.strict ?? true;
    const missing = steps ? [] : ['steps'];
    if (strict && (missing.length > 0 || unexpected.length > 0)) {
      throw new Error(`${this.constructor.name}.loadStateDict: ${[...missing.map((key) => `missing key "${key}"`), ...unexpected.map((key) => `unexpected key "${key}"`)].join(', ')}`);
    }
    const stepValue = steps ? await steps.itemAsync() : undefined;
    if (stepValue !== undefined && !(Number.isInteger(stepValue) && stepValue >= 0)) {
      throw new RangeError(`${this.constructor.name}.loadStateDict: "steps" must be a non-negative integer, got ${stepValue}`);
    }
    const result = this.loadModuleStateDict(module, { strict });
    if (stepValue !== undefined) this.#steps = stepValue;
    return {
      missingKeys: [...missing, ...result.missingKeys.map((key) => `module.${key}`)],
      unexpectedKeys: [...unexpected, ...result.unexpectedKeys.map((key) => `module.${key}`)],
    };
  }

  /**
   * Copies the values of a state dict with the source's names into the averages (MMEngine's
   * `load_state_dict(averaged.module, ...)`), leaving `steps` as it is.
   */
  loadModuleStateDict(dict: StateDict, options: { strict?: boolean } = {}): LoadStateDictResult {
    this.#assertAlive('loadModuleStateDict');
    const entries: ReadonlyMap<string, Tensor> = dict instanceof Map ? dict : new Map(Object.entries(dict));
    const strict = options.strict ?? true;
    const missingKeys = this.#stateNames.filter((name) => !entries.has(name));
    const unexpectedKeys = [...entries.keys()].filter((name) => !this.#stateNames.includes(name));
    const errors: string[] = [];
    if (strict && missingKeys.length > 0) errors.push(`missing keys: ${missingKeys.map((key) => `"${key}"`).join(', ')}`);
    if (strict && unexpectedKeys.length > 0) errors.push(`unexpected keys: ${unexpectedKeys.map((key) => `"${key}"`).join(', ')}`);
    for (const [name, value] of entries) {
      const target = this.#averaged.get(name);
      if (target && target.backend !== value.backend) errors.push(`"${name}" is on ${value.device} and the averaged model on ${target.device}; move the state dict first`);
      else if (target && (target.shape.length !== value.shape.length || target.shape.some((size, axis) => size !== value.shape[axis]))) {
        errors.push(`size mismatch for "${name}": the state dict has shape [${value.shape.join(', ')}], the averaged model has [${target.shape.join(', ')}]`);
      }
    }
    if (errors.length > 0) throw new Error(`${this.constructor.name}.loadModuleStateDict: ${errors.join('; ')}`);
    noGrad(() =>
      tidy(() => {
        for (const name of new Set(this.#stateNames)) {
          const value = entries.get(name);
          if (value) copyInto(this.#averaged.get(name) as Tensor, value);
        }
      }),
    );
    return { missingKeys, unexpectedKeys };
  }

  /**
   * Exchanges the values of the averaged parameters (and buffers, with `update_buffers`) with
   * those of `model`, without copying (the tensors trade storage, keeping their identity): after
   * one swap `model` computes with the averaged weights, a second swap restores both. As
   * MMEngine's `EMAHook._swap_ema_parameters`.
   */
  swapWith(model: AnyModule): void {
    this.#assertAlive('swapWith');
    const sources = this.updateBuffers ? new Map([...model.namedParameters(), ...model.namedBuffers()]) : new Map(model.namedParameters());
    const names = this.updateBuffers ? [...this.#parameterNames, ...this.#bufferNames] : this.#parameterNames;
    const pairs = names.map((name) => [this.#averaged.get(name) as Tensor, this.#source(sources, name, 'swapWith')] as const);
    for (const [averaged, source] of pairs) {
      if (averaged.dtype !== source.dtype || averaged.size !== source.size) {
        throw new Error(`${this.constructor.name}.swapWith: the averaged tensor has ${averaged.size} ${averaged.dtype} values, the model's has ${source.size} ${source.dtype}`);
      }
    }
    for (const [averaged, source] of pairs) {
      const held = averaged.storage.retain();
      averaged.replaceStorage(source.storage);
      source.replaceStorage(held);
      held.release();
    }
  }

  /** Frees the averaged tensors. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const tensor of new Set(this.#averaged.values())) tensor.dispose();
    this.#stepsTensor?.tensor.dispose();
  }

  #source(sources: ReadonlyMap<string, Tensor>, name: string, method: string): Tensor {
    const value = sources.get(name);
    if (!value) throw new Error(`${this.constructor.name}.${method}: the model has no "${name}", which the averaged model holds`);
    return value;
  }

  #stepsValue(): Tensor {
    const cached = this.#stepsTensor;
    if (cached && cached.value === this.#steps) return cached.tensor;
    cached?.tensor.dispose();
    const first = this.#averaged.values().next().value as Tensor | undefined;
    const tensor = keep(full([], this.#steps, first ? { dtype: 'int32', backend: first.backend } : { dtype: 'int32' }));
    this.#stepsTensor = { tensor, value: this.#steps };
    return tensor;
  }

  #assertAlive(method: string): void {
    if (this.#disposed) throw new Error(`${this.constructor.name}.${method}: the averaged model was disposed`);
  }
}

/** Writes a copy of `value` (cast to the target's dtype) into `target`, keeping its identity. */
function copyInto(target: Tensor, value: Tensor): void {
  if (value.backend !== target.backend) throw new Error(`averaged model: a value on ${value.device} cannot be copied into a tensor on ${target.device}`);
  const copy = clone(value);
  writeInto(target, copy.dtype === target.dtype ? copy : cast(copy, target.dtype));
}

/** Makes `target` take over the storage of `value` (PyTorch's `target.copy_(value)`). */
function writeInto(target: Tensor, value: Tensor): void {
  if (target === value) return;
  target.replaceStorage(value.storage);
}
