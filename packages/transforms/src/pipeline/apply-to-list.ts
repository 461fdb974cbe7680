import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransforms } from './build-transform';
import { type Sample, copySample } from './sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms, mapMaybe, thenMaybe } from './transform';

/** The options of {@link ApplyToList}. */
export interface ApplyToListOptions {
  transforms: TransformLike | readonly TransformLike[];
  /** The key holding a list: each item is transformed in its own copy of the sample. */
  scatter_key: string;
  /** The keys gathered back into lists (with `scatter_key`); other keys come from the first copy. */
  collate_keys: readonly string[];
  registry?: Registry;
}

/**
 * Applies transforms to each item of a list field (MMPretrain's `ApplyToList`), e.g. to load and
 * resize a list of images.
 *
 * @example
 * new ApplyToList({ scatter_key: 'img_path', collate_keys: ['img'], transforms: [{ type: 'LoadImageFromFile' }] });
 */
export class ApplyToList implements Transform {
  readonly transforms: Transform[];
  readonly scatterKey: string;
  readonly collateKeys: Set<string>;

  constructor(options: ApplyToListOptions) {
    if (typeof options.scatter_key !== 'string') throw new TypeError(`ApplyToList: scatter_key must be a string, got ${JSON.stringify(options.scatter_key)}`);
    this.transforms = resolveTransforms(options.transforms, options.registry, 'ApplyToList');
    this.scatterKey = options.scatter_key;
    this.collateKeys = new Set([...(options.collate_keys ?? []), options.scatter_key]);
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const field = results[this.scatterKey];
    if (!Array.isArray(field)) return applyTransforms(this.transforms, results, generator);
    const outputs = mapMaybe(field, (item) => {
      const single = copySample(results);
      single[this.scatterKey] = item;
      return applyTransforms(this.transforms, single, generator);
    });
    return thenMaybe(outputs, (scattered) => {
      const valid = scattered.filter((output): output is Sample => output !== null);
      if (valid.length !== scattered.length) return null;
      const first = valid[0];
      if (!first) return results;
      const final: Sample = { ...first };
      for (const key of Object.keys(first)) {
        if (this.collateKeys.has(key)) final[key] = valid.map((output) => output[key]);
      }
      return final;
    });
  }
}
