import type { BuildConfig, Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { defaultTransformRegistry, resolveTransform } from '../../pipeline/build-transform';
import { checkChoice } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms } from '../../pipeline/transform';
import { mergeHparams } from './merge-hparams';
import { RANDAUG_POLICIES } from './policies';

/** The options of {@link RandAugment}. */
export interface RandAugmentOptions {
  /** A preset name (`'timm_increasing'`, `'simple_increasing'`) or a list of transform configs. */
  policies: string | readonly BuildConfig[];
  /** How many policies to apply per call (drawn with replacement). */
  num_policies: number;
  /** The magnitude level of every policy with a `magnitude_range`. */
  magnitude_level: number;
  /** Noise on the level: a deviation, 0, or `'inf'` for a uniform level. Defaults to 0. */
  magnitude_std?: number | 'inf';
  /** Defaults to 10. */
  total_level?: number;
  /** Options added to the policies' transforms that accept them (`pad_val`, `interpolation`). Defaults to `{ pad_val: 128 }`. */
  hparams?: Record<string, unknown>;
  registry?: Registry;
}

/**
 * RandAugment (MMPretrain's `RandAugment`): applies `num_policies` policies drawn uniformly with
 * replacement; the policies with a `magnitude_range` get `magnitude_level`, `total_level` and
 * `magnitude_std`.
 *
 * @example
 * new RandAugment({ policies: 'timm_increasing', num_policies: 2, total_level: 10, magnitude_level: 9, magnitude_std: 0.5,
 *   hparams: { pad_val: [104, 116, 124], interpolation: 'bicubic' } });
 */
export class RandAugment implements Transform {
  readonly policies: BuildConfig[];
  readonly transforms: Transform[];
  readonly numPolicies: number;
  readonly magnitudeLevel: number;
  readonly magnitudeStd: number | 'inf';
  readonly totalLevel: number;

  static readonly optionNames = ['policies', 'num_policies', 'magnitude_level', 'magnitude_std', 'total_level', 'hparams'];

  constructor(options: RandAugmentOptions) {
    let policies = options.policies;
    if (typeof policies === 'string') {
      checkChoice(policies, Object.keys(RANDAUG_POLICIES), 'RandAugment', 'policies');
      policies = RANDAUG_POLICIES[policies] as BuildConfig[];
    }
    if (!Array.isArray(policies) || policies.some((policy) => policy === null || typeof policy !== 'object' || !('type' in policy))) {
      throw new TypeError('RandAugment: policies must be a preset name or a list of configs with a "type"');
    }
    const std = options.magnitude_std ?? 0;
    if (typeof std === 'string' ? std !== 'inf' : typeof std !== 'number') {
      throw new TypeError(`RandAugment: magnitude_std must be a number or "inf", got ${JSON.stringify(std)}`);
    }
    if (!(Number.isInteger(options.num_policies) && options.num_policies > 0)) {
      throw new RangeError(`RandAugment: num_policies must be greater than 0, got ${options.num_policies}`);
    }
    if (!(typeof options.magnitude_level === 'number' && options.magnitude_level >= 0)) {
      throw new RangeError(`RandAugment: magnitude_level must be no less than 0, got ${options.magnitude_level}`);
    }
    const totalLevel = options.total_level ?? 10;
    if (!(totalLevel > 0)) throw new RangeError(`RandAugment: total_level must be greater than 0, got ${totalLevel}`);
    this.numPolicies = options.num_policies;
    this.magnitudeLevel = options.magnitude_level;
    this.magnitudeStd = std;
    this.totalLevel = totalLevel;
    const registry = options.registry ?? defaultTransformRegistry();
    const hparams = options.hparams ?? { pad_val: 128 };
    this.policies = policies.map((policy) => {
      const range = (policy as BuildConfig).magnitude_range;
      if (range !== undefined && (!Array.isArray(range) || range.length !== 2 || range.some((value) => typeof value !== 'number'))) {
        throw new TypeError(`RandAugment: magnitude_range of policy ${String(policy.type)} should be a sequence with two numbers, got ${JSON.stringify(range)}`);
      }
      const merged = mergeHparams(policy, hparams, registry);
      delete merged.magnitude_key;
      if ('magnitude_range' in merged) {
        Object.assign(merged, { magnitude_level: this.magnitudeLevel, total_level: this.totalLevel, magnitude_std: this.magnitudeStd });
      }
      return merged;
    });
    this.transforms = this.policies.map((policy) => resolveTransform(policy, registry, 'RandAugment'));
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const chosen: Transform[] = [];
    for (let index = 0; index < this.numPolicies; index++) chosen.push(this.transforms[generator.integer(0, this.transforms.length)] as Transform);
    return applyTransforms(chosen, results, generator);
  }
}
