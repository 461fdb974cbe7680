import { type AnyModule, Module, type Tensor } from '@mmpt/tensor';
import { asFeatureList } from './as-feature-list';

/**
 * An encoder as MMPretrain's `nn.Sequential(backbone, neck)`: the modules registered as `'0'`,
 * `'1'`... (so the state-dict keys are PyTorch's), each taking the previous one's output (a list of
 * tensors for backbones and necks). Intermediate outputs are disposed; the last one is returned.
 */
export class FeatureSequential extends Module<[Tensor], Tensor[]> {
  readonly #items: AnyModule[] = [];

  constructor(modules: ReadonlyArray<AnyModule | null | undefined>) {
    super();
    for (const module of modules) {
      if (!module) continue;
      this.registerModule(String(this.#items.length), module);
      this.#items.push(module);
    }
  }

  /** The chained modules, in order. */
  get items(): readonly AnyModule[] {
    return this.#items;
  }

  forward(x: Tensor): Tensor[] {
    let current: unknown = x;
    for (const [index, module] of this.#items.entries()) {
      const next = module.forward(current);
      if (index > 0) {
        const kept = asFeatureList(next, 'FeatureSequential');
        for (const tensor of asFeatureList(current, 'FeatureSequential')) if (tensor !== x && !kept.includes(tensor)) tensor.dispose();
      }
      current = next;
    }
    return asFeatureList(current, 'FeatureSequential');
  }
}
