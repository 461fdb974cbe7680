import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransforms } from './build-transform';
import type { Sample } from './sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms, thenMaybe } from './transform';

/**
 * A key mapping: inner key -> outer key (a string), a list or a dict of them, or `'...'` to hide
 * a key from the wrapped transforms (MMCV's `...`).
 */
export type KeyMapping = { [inner: string]: KeyMappingValue };
/** One value of a {@link KeyMapping}. */
export type KeyMappingValue = string | readonly KeyMappingValue[] | { [inner: string]: KeyMappingValue };

/** The options of {@link KeyMapper}. */
export interface KeyMapperOptions {
  transforms?: TransformLike | readonly TransformLike[];
  /** inner key -> outer key for the inputs of the wrapped transforms. */
  mapping?: KeyMapping;
  /** inner key -> outer key for their outputs; the inverse of `mapping` with `auto_remap`. */
  remapping?: KeyMapping;
  /** Use `mapping` as the remapping. Defaults to true when `remapping` is absent. */
  auto_remap?: boolean;
  /** Allow outer keys that are missing from the sample. Defaults to false. */
  allow_nonexist_keys?: boolean;
  registry?: Registry;
}

const IGNORE = Symbol('ignored key');

/**
 * Renames the keys the wrapped transforms see and write (MMCV's `KeyMapper`).
 *
 * @example
 * new KeyMapper({ mapping: { img: 'gt_img' }, transforms: [{ type: 'RandomFlip', prob: 1.0 }] });
 */
export class KeyMapper implements Transform {
  readonly transforms: Transform[];
  readonly mapping: KeyMapping | undefined;
  readonly remapping: KeyMapping | undefined;
  readonly autoRemap: boolean;
  readonly allowNonexistKeys: boolean;

  constructor(options: KeyMapperOptions = {}) {
    this.allowNonexistKeys = options.allow_nonexist_keys ?? false;
    this.mapping = options.mapping;
    this.autoRemap = options.auto_remap ?? options.remapping === undefined;
    if (this.autoRemap) {
      if (options.remapping !== undefined) throw new Error('KeyMapper: remapping must be absent when auto_remap is true');
      this.remapping = options.mapping;
    } else {
      this.remapping = options.remapping;
    }
    this.transforms = resolveTransforms(options.transforms ?? [], options.registry, 'KeyMapper');
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const inputs = this.mapInput(results);
    return thenMaybe(this.applyWrapped(inputs, generator), (outputs) => {
      Object.assign(results, this.mapOutput(outputs));
      return results;
    });
  }

  /** The inputs of the wrapped transforms: the sample with mapped keys added. */
  mapInput(data: Record<string, unknown>): Record<string, unknown> {
    if (!this.mapping) return { ...data };
    const map = (mapping: KeyMappingValue): unknown => {
      if (Array.isArray(mapping)) return mapping.map((item) => map(item as KeyMappingValue));
      if (typeof mapping === 'object') {
        return Object.fromEntries(Object.entries(mapping as Record<string, KeyMappingValue>).map(([inner, outer]) => [inner, map(outer)]));
      }
      if (mapping === '...') return IGNORE;
      if (!(mapping in data)) {
        if (this.allowNonexistKeys) return IGNORE;
        throw new Error(`KeyMapper: the key "${mapping}" is missing from the sample (set allow_nonexist_keys to allow it)`);
      }
      return data[mapping];
    };
    const collected = Object.fromEntries(Object.entries(this.mapping).map(([inner, outer]) => [inner, map(outer)]));
    return { ...data, ...collected };
  }

  /** Runs the wrapped transforms on the visible keys and merges their output back. */
  applyWrapped(inputs: Record<string, unknown>, generator: Generator): MaybePromise<Record<string, unknown>> {
    const visible = Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== IGNORE)) as Sample;
    return thenMaybe(applyTransforms(this.transforms, visible, generator), (outputs) => {
      if (outputs === null) throw new Error('KeyMapper: the wrapped transforms must not return null');
      return { ...inputs, ...outputs };
    });
  }

  /** The outputs with remapped keys (unmapped keys are dropped when a remapping is given). */
  mapOutput(data: Record<string, unknown>): Record<string, unknown> {
    if (!this.remapping) return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== IGNORE));
    const map = (value: unknown, mapping: KeyMappingValue): Record<string, unknown> => {
      if (Array.isArray(mapping)) {
        if (!Array.isArray(value) || value.length !== mapping.length) throw new Error('KeyMapper: a remapped list does not match the output');
        return Object.assign({}, ...mapping.map((item, index) => map(value[index], item as KeyMappingValue)));
      }
      if (typeof mapping === 'object') {
        const record = value as Record<string, unknown>;
        return Object.assign(
          {},
          ...Object.entries(mapping as Record<string, KeyMappingValue>).map(([inner, outer]) => {
            if (!(inner in record)) throw new Error(`KeyMapper: the output has no key "${inner}" to remap`);
            return map(record[inner], outer);
          }),
        );
      }
      if (mapping === '...' || value === IGNORE) return {};
      return { [mapping]: value };
    };
    return map(data, this.remapping);
  }
}
