import type { Generator } from '@mmpt/tensor';
import type { Sample } from './sample';

/** What a transform returns: the sample, or `null` to drop it (as MMCV's `None`). */
export type TransformOutput = Sample | null;

/** A value, or a promise of it: transforms are synchronous except those that read files. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A data transform (MMCV's `BaseTransform`): it takes a sample and returns it transformed (it may
 * modify and return the same object), or `null` to drop the sample. Random transforms draw every
 * number from `generator`, which the pipeline passes in, so one seed reproduces a sample.
 *
 * @example
 * class AddOne implements Transform {
 *   transform(results: Sample): Sample {
 *     return { ...results, sample_idx: (results.sample_idx ?? 0) + 1 };
 *   }
 * }
 */
export interface Transform {
  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput>;
}

/** A transform given as a plain function. */
export type TransformFunction = (results: Sample, generator: Generator) => MaybePromise<TransformOutput>;

/** Whether a value is a promise (or any thenable). */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs transforms in order, synchronously until one returns a promise (then asynchronously), and
 * stops at the first `null`.
 */
export function applyTransforms(transforms: readonly Transform[], results: Sample, generator: Generator, start = 0): MaybePromise<TransformOutput> {
  let current = results;
  for (let index = start; index < transforms.length; index++) {
    const output = (transforms[index] as Transform).transform(current, generator);
    if (isPromise(output)) {
      return output.then((resolved) => (resolved === null ? null : applyTransforms(transforms, resolved, generator, index + 1)));
    }
    if (output === null) return null;
    current = output;
  }
  return current;
}

/** Applies `then` to a value or to the value of a promise. */
export function thenMaybe<T, R>(value: MaybePromise<T>, then: (resolved: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(then) : then(value);
}

/** Runs `run` for each item in order, collecting the results, asynchronously only if needed. */
export function mapMaybe<T, R>(items: readonly T[], run: (item: T, index: number) => MaybePromise<R>): MaybePromise<R[]> {
  const results: R[] = [];
  const step = (index: number): MaybePromise<R[]> => {
    for (let i = index; i < items.length; i++) {
      const output = run(items[i] as T, i);
      if (isPromise(output)) {
        return output.then((resolved) => {
          results.push(resolved);
          return step(i + 1);
        });
      }
      results.push(output);
    }
    return results;
  };
  return step(0);
}
