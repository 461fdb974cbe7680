import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';

/** The options of {@link Collect}. */
export interface CollectOptions {
  keys: readonly string[];
}

/**
 * Keeps only the given keys (MMPretrain's `Collect`); a missing key is an error that names it.
 *
 * @example
 * new Collect({ keys: ['img', 'gt_label'] });
 */
export class Collect implements Transform {
  readonly keys: readonly string[];

  static readonly optionNames = ['keys'];

  constructor(options: CollectOptions) {
    this.keys = [...options.keys];
  }

  transform(results: Sample): Sample {
    const collected: Sample = {};
    for (const key of this.keys) {
      if (!(key in results)) throw new Error(`Collect: the sample has no "${key}" (keys: ${Object.keys(results).join(', ')})`);
      collected[key] = results[key];
    }
    return collected;
  }
}
