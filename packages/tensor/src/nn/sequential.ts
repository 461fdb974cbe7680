import type { Tensor } from '../core/tensor';
import { Module } from './module';
import { Parameter } from './parameter';

/** A module that maps one tensor to one tensor, as {@link Sequential} chains them. */
export type TensorModule = Module<[Tensor], Tensor>;

/**
 * Modules applied one after another, as `torch.nn.Sequential`; they are registered as `'0'`,
 * `'1'`, ... so their state-dict keys are PyTorch's (`0.weight`). `forward` disposes the
 * intermediate outputs as it goes (never its input, nor a module's own parameter).
 *
 * @example
 * const mlp = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2));
 * const y = mlp.forward(x);
 */
export class Sequential extends Module<[Tensor], Tensor> {
  readonly #items: TensorModule[] = [];

  constructor(...modules: TensorModule[]) {
    super();
    for (const module of modules) this.append(module);
  }

  /** The number of modules. */
  get length(): number {
    return this.#items.length;
  }

  /** The module at `index` (negative counts from the end). */
  get(index: number): TensorModule {
    const module = this.#items[index < 0 ? index + this.#items.length : index];
    if (!Number.isInteger(index) || !module) throw new RangeError(`Sequential.get: index ${index} is out of range for ${this.#items.length} modules`);
    return module;
  }

  /** Adds a module at the end (named by its position); returns this container. */
  append(module: TensorModule): this {
    this.registerModule(String(this.#items.length), module);
    this.#items.push(module);
    return this;
  }

  [Symbol.iterator](): Iterator<TensorModule> {
    return this.#items[Symbol.iterator]();
  }

  /** Applies the modules in order. */
  forward(x: Tensor): Tensor {
    let current = x;
    for (const module of this.#items) {
      const next = module.forward(current);
      if (current !== x && current !== next && !(current instanceof Parameter)) current.dispose();
      current = next;
    }
    return current;
  }
}
