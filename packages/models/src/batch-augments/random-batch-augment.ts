import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type Generator, type Tensor, cast, defaultGenerator } from '@mmpt/tensor';
import { CutMix } from './cutmix';
import { type BatchAugment, Mixup } from './mixup';
import { ResizeMix } from './resizemix';

/** The options of {@link RandomBatchAugment}, as MMPretrain's (`batch_augments` / `train_cfg`). */
export interface RandomBatchAugmentOptions {
  /** One batch augment or a list, as configs (`{ type: 'Mixup', alpha: 0.8 }`) or objects. */
  augments: BuildConfig | BatchAugment | Array<BuildConfig | BatchAugment>;
  /** The probability of each augment; the rest of 1 applies none. Default: uniform choice. */
  probs?: number | number[] | null;
  /** The random source of the choice (default: the default generator). */
  generator?: Generator;
}

const BUILT_IN: Record<string, new (options: never) => BatchAugment> = { Mixup, CutMix, ResizeMix };

/**
 * MMPretrain's `RandomBatchAugment`: picks one of `augments` per batch by `probs` (when they sum
 * to less than 1, the remainder applies no augmentation) and applies it to the inputs and the
 * one-hot scores. Augment configs are built through `registries.batchAugments` when a build
 * context is given, else from the built-in Mixup, CutMix and ResizeMix.
 */
export class RandomBatchAugment {
  readonly augments: Array<BatchAugment | null>;
  readonly probs: number[] | null;
  readonly generator: Generator;

  constructor(options: RandomBatchAugmentOptions, context?: BuildContext) {
    const list = Array.isArray(options.augments) ? options.augments : [options.augments];
    if (list.length === 0) throw new Error('RandomBatchAugment: no augments given');
    this.generator = options.generator ?? defaultGenerator;
    this.augments = list.map((item) => buildAugment(item, context));
    const probs = typeof options.probs === 'number' ? [options.probs] : (options.probs ?? null);
    if (probs) {
      if (probs.length !== list.length) throw new RangeError(`RandomBatchAugment: augments and probs must have the same length, got ${list.length} and ${probs.length}`);
      const total = probs.reduce((sum, value) => sum + value, 0);
      if (total > 1 + 1e-9) throw new RangeError(`RandomBatchAugment: the total probability of batch augments exceeds 1 (${total})`);
      this.augments.push(null);
      this.probs = [...probs, Math.max(0, 1 - total)];
    } else {
      this.probs = null;
    }
  }

  /** The index of the augment chosen for the next batch (the last means none when probs leave a remainder). */
  choose(): number {
    if (!this.probs) return this.generator.integer(0, this.augments.length);
    const draw = this.generator.uniform();
    let cumulative = 0;
    for (const [index, probability] of this.probs.entries()) {
      cumulative += probability;
      if (draw < cumulative) return index;
    }
    return this.probs.length - 1;
  }

  /** Applies the chosen augment to `[N, C, H, W]` inputs and `[N, classes]` scores. */
  apply(inputs: Tensor, scores: Tensor): [Tensor, Tensor] {
    const augment = this.augments[this.choose()];
    if (augment) return augment.apply(inputs, scores);
    return [inputs.add(0), cast(scores, 'float32')];
  }
}

function buildAugment(item: BuildConfig | BatchAugment, context?: BuildContext): BatchAugment {
  if (typeof (item as BatchAugment).apply === 'function') return item as BatchAugment;
  const config = item as BuildConfig;
  const registry = context?.registries?.batchAugments;
  if (registry && typeof config.type === 'string' && registry.has(config.type)) return registry.build(config) as BatchAugment;
  const { type, ...options } = config;
  const Augment = typeof type === 'string' ? BUILT_IN[type] : undefined;
  if (!Augment) throw new Error(`RandomBatchAugment: unknown batch augment ${JSON.stringify(type)}; known: ${Object.keys(BUILT_IN).join(', ')}`);
  return new Augment(options as never);
}
