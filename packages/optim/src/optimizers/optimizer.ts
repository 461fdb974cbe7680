import { type Tensor, Tensor as TensorClass, keep, noGrad, tidy, zerosLike } from '@mmpt/tensor';
import { copyStateTensor } from './copy-state-tensor';
import { type ParamGroup, type ParamGroupInput, type ParamsInput, describe } from './param-group';

/** A value of an optimizer's per-parameter state: a tensor (a moment, a buffer), a number (a step count) or null. */
export type OptimizerStateValue = Tensor | number | boolean | null;

/** The state of one parameter, under PyTorch's keys (`momentum_buffer`, `exp_avg`, `step`, ...). */
export type ParameterState = Record<string, OptimizerStateValue>;

/**
 * An optimizer's state dict, laid out as PyTorch's: `state` by parameter index (the order of the
 * parameters across the groups) and `param_groups` with `params` as those indices. The tensors are
 * the optimizer's own (not copies): serialize them, do not dispose them.
 */
export interface OptimizerStateDict {
  state: Record<number, ParameterState>;
  param_groups: Array<{ params: number[]; [option: string]: unknown }>;
}

/** Marks an option that every parameter group must set, as PyTorch's `required` (SGD's `lr`). */
export const REQUIRED: unique symbol = Symbol('required');

/**
 * The base class of optimizers, as `torch.optim.Optimizer`: parameter groups with their options,
 * a per-parameter state, `step()`, `zeroGrad()` and a state dict in PyTorch's layout. A subclass
 * gives its defaults to the constructor and implements {@link Optimizer.updateParameter} (or
 * overrides {@link Optimizer.performStep}); updates run without autograd, each parameter inside its
 * own `tidy`, and write the parameters and the state in place, so nothing leaks.
 *
 * @example
 * class PlainSgd extends Optimizer {
 *   constructor(options: { params: ParamsInput; lr: number }) {
 *     super(options.params, { lr: options.lr });
 *   }
 *   protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup): void {
 *     assign(param, sub(param, mul(grad, numberOption(group, 'lr', 'PlainSgd'))));
 *   }
 * }
 */
export abstract class Optimizer {
  /** The options of groups that do not set them, by PyTorch's names. */
  readonly defaults: Record<string, unknown>;
  /** The parameter groups, in order. */
  readonly paramGroups: ParamGroup[] = [];
  /** The per-parameter state, created by the first step that updates a parameter. */
  readonly state = new Map<Tensor, ParameterState>();

  /**
   * @param params - the parameters or parameter groups
   * @param defaults - the options of groups that do not set them
   * @param options - the options object the subclass was given, checked for unknown keys (every
   *   key must be `params`, a default, or one of `extraKeys`), as PyTorch rejects unknown arguments
   * @param extraKeys - option names that are not group defaults (LARS's `eps`)
   */
  constructor(params: ParamsInput, defaults: Record<string, unknown>, options?: object, extraKeys: readonly string[] = []) {
    this.defaults = defaults;
    if (options) {
      for (const key of Object.keys(options)) {
        if (key !== 'params' && !(key in defaults) && !extraKeys.includes(key)) {
          throw new TypeError(`${this.name}: unknown option "${key}" (known options: params, ${[...Object.keys(defaults), ...extraKeys].join(', ')})`);
        }
      }
    }
    if (params instanceof TensorClass) {
      throw new TypeError(
        `${this.name}: params must be an iterable of tensors or of parameter groups, got a single tensor of shape [${params.shape.join(', ')}]; wrap it in an array`,
      );
    }
    if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
      throw new TypeError(`${this.name}: params must be an iterable of tensors or of parameter groups, got ${describe(params)}`);
    }
    const items = [...(params as Iterable<Tensor | ParamGroupInput>)];
    if (items.length === 0) throw new RangeError(`${this.name}: got an empty parameter list`);
    const groups: ParamGroupInput[] = items.every((item) => item instanceof TensorClass)
      ? [{ params: items as Tensor[] }]
      : (items as ParamGroupInput[]);
    for (const group of groups) this.addParamGroup(group);
  }

  /** The optimizer's name in messages (its class name). */
  get name(): string {
    return this.constructor.name;
  }

  /**
   * Adds a parameter group, as `add_param_group`: options it does not set come from the defaults;
   * a required option it lacks, a non-leaf tensor or a parameter already in another group is an
   * error.
   */
  addParamGroup(input: ParamGroupInput): void {
    if (input === null || typeof input !== 'object' || !('params' in input)) {
      throw new TypeError(`${this.name}: a parameter group must be an object with "params", got ${describe(input)}`);
    }
    const index = this.paramGroups.length;
    const source = input.params as unknown;
    let params: Tensor[];
    if (source instanceof TensorClass) params = [source];
    else if (source !== null && typeof source === 'object' && Symbol.iterator in source) params = [...(source as Iterable<Tensor>)];
    else throw new TypeError(`${this.name}: parameter group ${index} has params ${describe(source)}, not tensors`);
    for (const param of params) {
      if (!(param instanceof TensorClass)) {
        throw new TypeError(`${this.name}: can only optimize tensors, but parameter group ${index} holds ${describe(param)}`);
      }
      if (!param.isLeaf) throw new TypeError(`${this.name}: can't optimize a non-leaf tensor (shape [${param.shape.join(', ')}]) in parameter group ${index}`);
    }
    const group: ParamGroup = { ...input, params };
    for (const [key, value] of Object.entries(this.defaults)) {
      if (value === REQUIRED && !(key in input)) {
        throw new TypeError(`${this.name}: parameter group ${index} did not specify a value of the required option "${key}"`);
      }
      if (!(key in group)) group[key] = Array.isArray(value) ? [...value] : value;
    }
    const existing = new Set(this.paramGroups.flatMap((other) => other.params));
    if (params.some((param) => existing.has(param))) {
      throw new Error(`${this.name}: some parameters appear in more than one parameter group (group ${index})`);
    }
    this.paramGroups.push(group);
  }

  /**
   * Clears the gradients of every parameter. As PyTorch 1.13's `zero_grad()`, gradients are set to
   * zero by default; with `setToNone` they are disposed and set to `null` (a parameter without a
   * gradient is then skipped by the next step).
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    for (const group of this.paramGroups) {
      for (const param of group.params) {
        const grad = param.grad;
        if (!grad) continue;
        if (options.setToNone) {
          grad.dispose();
          param.grad = null;
        } else {
          const zeros = zerosLike(grad);
          grad.replaceStorage(zeros.storage);
          zeros.dispose();
        }
      }
    }
  }

  /** Performs one optimization step with the current gradients (parameters without one are skipped). */
  step(): void {
    noGrad(() => this.performStep());
  }

  /**
   * The body of {@link Optimizer.step}, run without autograd: by default each parameter that has a
   * gradient is updated by {@link Optimizer.updateParameter} inside its own `tidy`.
   */
  protected performStep(): void {
    for (const group of this.paramGroups) {
      for (const param of group.params) {
        const grad = param.grad;
        if (!grad) continue;
        tidy(() => this.updateParameter(param, grad, group, this.stateOf(param)));
      }
    }
  }

  /** Updates one parameter in place from its gradient, its group's options and its state. */
  protected abstract updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void;

  /** The state of `param`, created empty on first use. */
  protected stateOf(param: Tensor): ParameterState {
    let state = this.state.get(param);
    if (!state) {
      state = {};
      this.state.set(param, state);
    }
    return state;
  }

  /**
   * Stores a tensor in a parameter's state: the first time the tensor becomes the state (kept out
   * of the enclosing `tidy`), later its storage replaces the stored tensor's, which keeps its
   * identity.
   */
  protected setStateTensor(state: ParameterState, key: string, value: Tensor): Tensor {
    const current = state[key];
    if (current !== null && typeof current === 'object' && current !== value) {
      current.replaceStorage(value.storage);
      return current;
    }
    state[key] = keep(value);
    return value;
  }

  /** The state dict, in PyTorch's layout (see {@link OptimizerStateDict}). */
  stateDict(): OptimizerStateDict {
    const indices = new Map<Tensor, number>();
    let start = 0;
    const paramGroups = this.paramGroups.map((group) => {
      const packed: { params: number[]; [option: string]: unknown } = { params: [] };
      for (const [key, value] of Object.entries(group)) {
        if (key !== 'params') packed[key] = Array.isArray(value) ? [...value] : value;
      }
      group.params.forEach((param, offset) => {
        if (!indices.has(param)) indices.set(param, start + offset);
      });
      packed.params = group.params.map((param) => indices.get(param) as number);
      start += group.params.length;
      return packed;
    });
    const state: Record<number, ParameterState> = {};
    for (const [param, values] of this.state) {
      const index = indices.get(param);
      if (index !== undefined) state[index] = { ...values };
    }
    return { state, param_groups: paramGroups };
  }

  /**
   * Loads a state dict (of an optimizer of the same kind over the same parameters), as
   * `load_state_dict`: the groups take the saved options, state tensors are copied onto each
   * parameter's backend and dtype. A different number of groups or of parameters in a group is
   * an error.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const saved = dict.param_groups;
    if (!Array.isArray(saved) || saved.length !== this.paramGroups.length) {
      throw new RangeError(
        `${this.name}.loadStateDict: the state dict has ${Array.isArray(saved) ? saved.length : describe(saved)} parameter groups, the optimizer has ${this.paramGroups.length}`,
      );
    }
    const byIndex = new Map<number, Tensor>();
    saved.forEach((savedGroup, index) => {
      const group = this.paramGroups[index] as ParamGroup;
      if (!Array.isArray(savedGroup.params) || savedGroup.params.length !== group.params.length) {
        throw new RangeError(
          `${this.name}.loadStateDict: parameter group ${index} of the state dict has ${Array.isArray(savedGroup.params) ? savedGroup.params.length : describe(savedGroup.params)} parameters, the optimizer's has ${group.params.length}`,
        );
      }
      savedGroup.params.forEach((savedIndex, offset) => byIndex.set(savedIndex, group.params[offset] as Tensor));
    });
    const loaded = new Map<Tensor, ParameterState>();
    try {
      for (const [key, values] of Object.entries(dict.state ?? {})) {
        const param = byIndex.get(Number(key));
        if (!param) continue;
        const copy: ParameterState = {};
        for (const [name, value] of Object.entries(values)) {
          copy[name] = value instanceof TensorClass ? copyStateTensor(value, param, this.name) : value;
        }
        loaded.set(param, copy);
      }
    } catch (error) {
      for (const values of loaded.values()) disposeState(values);
      throw error;
    }
    for (const values of this.state.values()) disposeState(values);
    this.state.clear();
    for (const [param, values] of loaded) this.state.set(param, values);
    saved.forEach((savedGroup, index) => {
      const group = this.paramGroups[index] as ParamGroup;
      for (const key of Object.keys(group)) if (key !== 'params') delete group[key];
      for (const [key, value] of Object.entries(savedGroup)) {
        if (key !== 'params') group[key] = Array.isArray(value) ? [...value] : value;
      }
    });
  }

  /** Frees the state tensors; the optimizer can still step (its state starts again). */
  dispose(): void {
    for (const values of this.state.values()) disposeState(values);
    this.state.clear();
  }

  /** The groups and their options, as PyTorch prints an optimizer. */
  toString(): string {
    const lines = [`${this.name} (`];
    this.paramGroups.forEach((group, index) => {
      lines.push(`Parameter Group ${index}`);
      for (const key of Object.keys(group).sort()) {
        if (key !== 'params') lines.push(`    ${key}: ${describe(group[key])}`);
      }
    });
    lines.push(')');
    return lines.join('\n');
  }
}

function disposeState(values: ParameterState): void {
  for (const value of Object.values(values)) if (value instanceof TensorClass) value.dispose();
}
