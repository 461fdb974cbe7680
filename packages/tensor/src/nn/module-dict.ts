import { type AnyModule, Module } from './module';

/**
 * Submodules by name, in insertion order, as `torch.nn.ModuleDict`; the names are the state-dict
 * prefixes. It has no `forward`: the owner looks modules up.
 *
 * @example
 * const heads = new ModuleDict({ cls: new Linear(8, 10), reg: new Linear(8, 4) });
 * heads.get('cls')?.forward(x);
 */
export class ModuleDict<M extends AnyModule = AnyModule> extends Module<never[], never> {
  readonly #items = new Map<string, M>();

  constructor(modules: Readonly<Record<string, M>> | Iterable<readonly [string, M]> = {}) {
    super();
    const entries = Symbol.iterator in modules ? (modules as Iterable<readonly [string, M]>) : Object.entries(modules);
    for (const [name, module] of entries) this.set(name, module);
  }

  /** The number of modules. */
  get size(): number {
    return this.#items.size;
  }

  /** The module named `name`, if any. */
  get(name: string): M | undefined {
    return this.#items.get(name);
  }

  /** Whether a module is named `name`. */
  has(name: string): boolean {
    return this.#items.has(name);
  }

  /** Adds or replaces the module named `name`; returns this dict. */
  set(name: string, module: M): this {
    this.registerModule(name, module);
    this.#items.set(name, module);
    return this;
  }

  /** The names, in insertion order. */
  keys(): IterableIterator<string> {
    return this.#items.keys();
  }

  /** The modules, in insertion order. */
  values(): IterableIterator<M> {
    return this.#items.values();
  }

  /** The names and modules, in insertion order. */
  entries(): IterableIterator<[string, M]> {
    return this.#items.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, M]> {
    return this.#items.entries();
  }

  /** A ModuleDict is not callable, as in PyTorch; look modules up instead. */
  forward(): never {
    throw new Error('ModuleDict has no forward(): look its modules up with get(name)');
  }
}
