import type { BuildConfig, Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { defaultTransformRegistry, resolveTransform } from '../../pipeline/build-transform';
import { checkChoice } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms } from '../../pipeline/transform';
import { mergeHparams } from './merge-hparams';
import { AUTOAUG_POLICIES } from './policies';

/** The options of {@link AutoAugment}. */
export interface AutoAugmentOptions {
  /** A preset name (`'imagenet'`) or a list of sub-policies (lists of transform configs). */
  policies: string | ReadonlyArray<readonly BuildConfig[]>;
  /** Options added to the policies' transforms that accept them. Defaults to `{ pad_val: 128 }`. */
  hparams?: Record<string, unknown>;
  registry?: Registry;
}

/**
 * AutoAugment (MMPretrain's `AutoAugment`): applies one sub-policy chosen uniformly at random.
 *
 * @example
 * new AutoAugment({ policies: 'imagenet' });
 */
export class AutoAugment implements Transform {
  readonly policies: BuildConfig[][];
  readonly subPolicies: Transform[][];

  static readonly optionNames = ['policies', 'hparams'];

  constructor(options: AutoAugmentOptions) {
    let policies = options.policies;
    if (typeof policies === 'string') {
      checkChoice(policies, Object.keys(AUTOAUG_POLICIES), 'AutoAugment', 'policies');
      policies = AUTOAUG_POLICIES[policies] as BuildConfig[][];
    }
    if (!Array.isArray(policies) || policies.length === 0 || policies.some((sub) => !Array.isArray(sub))) {
      throw new TypeError('AutoAugment: policies must be a preset name or a non-empty list of sub-policies (lists of configs)');
    }
    const registry = options.registry ?? defaultTransformRegistry();
    const hparams = options.hparams ?? { pad_val: 128 };
    this.policies = (policies as ReadonlyArray<readonly BuildConfig[]>).map((sub) => sub.map((policy) => mergeHparams(policy, hparams, registry)));
    this.subPolicies = this.policies.map((sub) => sub.map((policy) => resolveTransform(policy, registry, 'AutoAugment')));
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const index = generator.integer(0, this.subPolicies.length);
    return applyTransforms(this.subPolicies[index] as Transform[], results, generator);
  }
}
