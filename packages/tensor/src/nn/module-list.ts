import { type AnyModule, Module } from './module';

/**
 * A list of submodules registered as `'0'`, `'1'`, ..., as `torch.nn.ModuleList`. It has no
 * `forward`: the owner iterates over it.
 *
 * @example
 * const blocks = new ModuleList([new Linear(4, 4), new Linear(4, 4)]);
 * for (const block of blocks) x = block.forward(x);
 */
export class ModuleList<M extends AnyModule = AnyModule> extends Module<never[], never> {
  readonly #items: M[] = [];

  constructor(modules: Iterable<M> = []) {
    super();
    this.extend(modules);
  }

  /** The number of modules. */
  get length(): number {
    return this.#items.length;
  }

  /** The module at `index` (negative counts from the end). */
  get(index: number): M {
    const module = this.#items[index < 0 ? index + this.#items.length : index];
    if (!Number.isInteger(index) || !module) throw new RangeError(`ModuleList.get: index ${index} is out of range for ${this.#items.length} modules`);
    return module;
  }

  /** Adds a module at the end; returns this list. */
  append(module: M): this {
    this.registerModule(String(this.#items.length), module);
    this.#items.push(module);
    return this;
  }

  /** Adds modules at the end; returns this list. */
  extend(modules: Iterable<M>): this {
    for (const module of modules) this.append(module);
    return this;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.#items[Symbol.iterator]();
  }

  /** A ModuleList is not callable, as in PyTorch; iterate over it instead. */
  forward(): never {
    throw new Error('ModuleList has no forward(): iterate over its modules (for (const module of list) ...)');
  }
}
