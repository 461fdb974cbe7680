import type { Backend } from '../core/backend';
import { keep } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type LoadStateDictOptions, type LoadStateDictResult, type StateDict, loadStateDictInto } from './load-state-dict';
import { moveTensor } from './move-tensor';
import { Parameter } from './parameter';

/** A module of any signature, as containers and generic helpers hold them. */
export type AnyModule = Module<any[], unknown>;

/** The options of {@link Module.registerBuffer}. */
export interface RegisterBufferOptions {
  /** Whether the buffer is part of the state dict (default true). */
  persistent?: boolean;
}

/**
 * The base class of network layers, as `torch.nn.Module`. A module registers its parameters,
 * buffers and submodules explicitly under their PyTorch state-dict names and keeps them in
 * registration order, so `namedParameters()` and `stateDict()` give PyTorch's dotted keys
 * (`layer1.0.conv1.weight`). A module owns what it registers: `dispose()` frees its parameters and
 * buffers, and registered tensors are exempt from the enclosing `tidy` scopes.
 *
 * @typeParam Inputs - the arguments of `forward`
 * @typeParam Output - what `forward` returns
 *
 * @example
 * class Affine extends Module {
 *   readonly weight: Parameter;
 *   constructor(features: number) {
 *     super();
 *     this.weight = this.registerParameter('weight', ones([features]));
 *   }
 *   forward(x: Tensor): Tensor {
 *     return mul(x, this.weight);
 *   }
 * }
 */
export abstract class Module<Inputs extends unknown[] = [Tensor], Output = Tensor> {
  /** Whether the module is in training mode (set by `train()` and `eval()`). */
  training = true;
  readonly #parameters = new Map<string, Parameter | null>();
  readonly #buffers = new Map<string, Tensor | null>();
  readonly #nonPersistent = new Set<string>();
  readonly #modules = new Map<string, AnyModule | null>();

  /** Computes the module's output. */
  abstract forward(...inputs: Inputs): Output;

  /**
   * Registers a parameter under `name` (its state-dict name) and returns it. A plain tensor is
   * turned into a {@link Parameter} that takes over its storage (the tensor handle is disposed);
   * `null` records the name without a value, as PyTorch's `bias=False`. Registering a name again
   * replaces the value (the previous one is not disposed).
   */
  registerParameter(name: string, value: Tensor): Parameter;
  registerParameter(name: string, value: null): null;
  registerParameter(name: string, value: Tensor | null): Parameter | null;
  registerParameter(name: string, value: Tensor | null): Parameter | null {
    this.#checkName('registerParameter', name, this.#parameters);
    const parameter = value === null || value instanceof Parameter ? value : Parameter.take(value);
    if (parameter) keep(parameter);
    this.#parameters.set(name, parameter);
    return parameter;
  }

  /**
   * Registers a buffer (state that is not learned, such as BatchNorm's `running_mean`) and
   * returns it. A persistent buffer is part of the state dict. The module takes ownership.
   */
  registerBuffer<T extends Tensor | null>(name: string, value: T, options: RegisterBufferOptions = {}): T {
    this.#checkName('registerBuffer', name, this.#buffers);
    if (value) {
      value.assertAlive('registerBuffer');
      keep(value);
    }
    this.#buffers.set(name, value);
    if (options.persistent ?? true) this.#nonPersistent.delete(name);
    else this.#nonPersistent.add(name);
    return value;
  }

  /** Registers a submodule under `name` and returns it; `null` records the name without a module. */
  registerModule<M extends AnyModule | null>(name: string, module: M): M {
    this.#checkName('registerModule', name, this.#modules);
    this.#modules.set(name, module);
    return module;
  }

  #checkName(method: string, name: string, own: Map<string, unknown>): void {
    const kind = this.constructor.name;
    if (typeof name !== 'string' || name === '') throw new TypeError(`${kind}.${method}: the name must be a non-empty string, got ${JSON.stringify(name)}`);
    if (name.includes('.')) throw new RangeError(`${kind}.${method}: the name must not contain ".", got "${name}"`);
    const kinds: Array<[string, Map<string, unknown>]> = [
      ['parameter', this.#parameters],
      ['buffer', this.#buffers],
      ['submodule', this.#modules],
    ];
    for (const [other, map] of kinds) {
      if (map !== own && map.has(name)) throw new Error(`${kind}.${method}: "${name}" is already registered as a ${other}`);
    }
  }

  /** The parameter, buffer or submodule registered under a dotted path, or an error naming it. */
  #resolve(target: string, method: string): { owner: AnyModule; leaf: string } {
    const parts = target.split('.');
    const leaf = parts.pop() as string;
    let owner: AnyModule = this;
    for (const [index, part] of parts.entries()) {
      const child = owner.#modules.get(part);
      if (!child) throw new Error(`${method}: ${parts.slice(0, index).join('.') || this.constructor.name} has no submodule "${part}" (looking up "${target}")`);
      owner = child;
    }
    return { owner, leaf };
  }

  /** The submodule at a dotted path (`'layer1.0'`); `''` is this module. */
  getSubmodule(target: string): AnyModule {
    if (target === '') return this;
    const { owner, leaf } = this.#resolve(target, 'getSubmodule');
    const module = owner.#modules.get(leaf);
    if (!module) throw new Error(`getSubmodule: ${owner.constructor.name} has no submodule "${leaf}" (looking up "${target}")`);
    return module;
  }

  /** The parameter at a dotted path (`'layer1.0.conv1.weight'`). */
  getParameter(target: string): Parameter {
    const { owner, leaf } = this.#resolve(target, 'getParameter');
    const parameter = owner.#parameters.get(leaf);
    if (!parameter) throw new Error(`getParameter: ${owner.constructor.name} has no parameter "${leaf}" (looking up "${target}")`);
    return parameter;
  }

  /** The buffer at a dotted path (`'bn1.running_mean'`). */
  getBuffer(target: string): Tensor {
    const { owner, leaf } = this.#resolve(target, 'getBuffer');
    const buffer = owner.#buffers.get(leaf);
    if (!buffer) throw new Error(`getBuffer: ${owner.constructor.name} has no buffer "${leaf}" (looking up "${target}")`);
    return buffer;
  }

  /** Direct submodules with their names, in registration order (each module once). */
  namedChildren(): Array<[string, AnyModule]> {
    const seen = new Set<AnyModule>();
    const result: Array<[string, AnyModule]> = [];
    for (const [name, module] of this.#modules) {
      if (module && !seen.has(module)) {
        seen.add(module);
        result.push([name, module]);
      }
    }
    return result;
  }

  /** Direct submodules, in registration order. */
  children(): AnyModule[] {
    return this.namedChildren().map(([, module]) => module);
  }

  /**
   * This module (named `prefix`, `''` by default) and every descendant with its dotted name, in
   * pre-order; a module reachable twice is listed once.
   */
  namedModules(prefix = ''): Array<[string, AnyModule]> {
    const result: Array<[string, AnyModule]> = [];
    const seen = new Set<AnyModule>();
    const visit = (module: AnyModule, path: string): void => {
      if (seen.has(module)) return;
      seen.add(module);
      result.push([path, module]);
      for (const [name, child] of module.#modules) if (child) visit(child, path ? `${path}.${name}` : name);
    };
    visit(this, prefix);
    return result;
  }

  /** This module and every descendant, in pre-order. */
  modules(): AnyModule[] {
    return this.namedModules().map(([, module]) => module);
  }

  /**
   * Parameters with their dotted names (`layer1.0.conv1.weight`), module by module in pre-order and
   * in registration order within a module; a shared parameter is listed once. With `recurse`
   * false, only this module's own parameters.
   */
  namedParameters(options: { prefix?: string; recurse?: boolean } = {}): Array<[string, Parameter]> {
    return this.#namedMembers(options, (module) => module.#parameters);
  }

  /** The parameters, as {@link Module.namedParameters} orders them. */
  parameters(options: { recurse?: boolean } = {}): Parameter[] {
    return this.namedParameters(options).map(([, parameter]) => parameter);
  }

  /** Buffers with their dotted names (persistent or not), as {@link Module.namedParameters}. */
  namedBuffers(options: { prefix?: string; recurse?: boolean } = {}): Array<[string, Tensor]> {
    return this.#namedMembers(options, (module) => module.#buffers);
  }

  /** The buffers, as {@link Module.namedBuffers} orders them. */
  buffers(options: { recurse?: boolean } = {}): Tensor[] {
    return this.namedBuffers(options).map(([, buffer]) => buffer);
  }

  #namedMembers<T extends Tensor>(
    options: { prefix?: string; recurse?: boolean },
    members: (module: AnyModule) => Map<string, T | null>,
  ): Array<[string, T]> {
    const prefix = options.prefix ?? '';
    const modules: Array<[string, AnyModule]> = (options.recurse ?? true) ? this.namedModules(prefix) : [[prefix, this]];
    const seen = new Set<T>();
    const result: Array<[string, T]> = [];
    for (const [path, module] of modules) {
      for (const [name, value] of members(module)) {
        if (!value || seen.has(value)) continue;
        seen.add(value);
        result.push([path ? `${path}.${name}` : name, value]);
      }
    }
    return result;
  }

  /** The number of parameter elements (only those that require grad with `trainableOnly`). */
  numParameters(options: { trainableOnly?: boolean } = {}): number {
    let count = 0;
    for (const parameter of this.parameters()) if (!options.trainableOnly || parameter.requiresGrad) count += parameter.size;
    return count;
  }

  /**
   * Sets training mode (`true`) or evaluation mode on this module and every descendant, as
   * `module.train(mode)`; returns this module.
   */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** Evaluation mode, as `train(false)`; returns this module. */
  eval(): this {
    return this.train(false);
  }

  /** Sets `requiresGrad` on every parameter (freezes with `false`); returns this module. */
  setRequiresGrad(requiresGrad = true): this {
    for (const parameter of this.parameters()) parameter.requiresGrad = requiresGrad;
    return this;
  }

  /** Calls `fn` on every descendant and then on this module (post-order, as PyTorch's `apply`). */
  apply(fn: (module: AnyModule) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Disposes the gradients of every parameter and sets them to `null`. */
  zeroGrad(): void {
    for (const parameter of this.parameters()) {
      parameter.grad?.dispose();
      parameter.grad = null;
    }
  }

  /**
   * The state dict: every parameter and persistent buffer by its dotted name, in PyTorch's order
   * (a module's own parameters, then its own buffers, then each submodule's entries). The values
   * are the module's own tensors, not copies: do not dispose them.
   */
  stateDict(prefix = ''): Map<string, Tensor> {
    const result = new Map<string, Tensor>();
    const visit = (module: AnyModule, path: string): void => {
      for (const [name, parameter] of module.#parameters) if (parameter) result.set(path + name, parameter);
      for (const [name, buffer] of module.#buffers) {
        if (buffer && !module.#nonPersistent.has(name)) result.set(path + name, buffer);
      }
      for (const [name, child] of module.#modules) if (child) visit(child, `${path}${name}.`);
    };
    visit(this, prefix);
    return result;
  }

  /**
   * Copies values from a state dict into the module's tensors (which keep their identity), as
   * `load_state_dict`. Keys the module lacks are `unexpectedKeys`, its entries the dict lacks are
   * `missingKeys`; with `strict` (the default) either is an error listing both. A shape mismatch is
   * always an error naming the key and both shapes. Nothing is copied when an error is thrown.
   */
  loadStateDict(dict: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadStateDictInto(this.stateDict(), dict, this.constructor.name, options);
  }

  /**
   * Moves every parameter, buffer and gradient to another backend, keeping the tensors' identity
   * (their storage is replaced in place), so optimizers holding the parameters stay valid.
   */
  async to(backend: Backend): Promise<this> {
    const tensors = new Set<Tensor>([...this.parameters(), ...this.buffers()]);
    for (const tensor of tensors) {
      await moveTensor(tensor, backend);
      const grad = tensor.grad;
      if (grad && grad.backend !== backend) {
        tensor.grad = keep(await grad.to(backend));
        grad.dispose();
      }
    }
    return this;
  }

  /** Frees every parameter (with its gradient) and buffer of this module and its descendants. */
  dispose(): void {
    for (const parameter of this.parameters()) {
      parameter.grad?.dispose();
      parameter.grad = null;
      parameter.dispose();
    }
    for (const buffer of this.buffers()) buffer.dispose();
  }

  /** The options printed between the parentheses of {@link Module.toString}, as `extra_repr`. */
  extraRepr(): string {
    return '';
  }

  /** The module tree, printed as PyTorch prints modules. */
  toString(): string {
    const name = this.constructor.name;
    const extra = this.extraRepr();
    const children = [...this.#modules].filter((entry): entry is [string, AnyModule] => entry[1] !== null);
    if (children.length === 0) return `${name}(${extra})`;
    const indent = (text: string): string => text.split('\n').join('\n  ');
    const lines = extra ? extra.split('\n') : [];
    for (const [childName, child] of children) lines.push(`(${childName}): ${indent(child.toString())}`);
    return `${name}(\n  ${lines.join('\n  ')}\n)`;
  }
}
