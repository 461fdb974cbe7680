import { existsSync, readFileSync } from 'node:fs';
import { DatasetError } from './dataset-error';

/**
 * The class names of a dataset config: a list, or the path of a text file with one name per line
 * (as MMPretrain's `classes` option).
 */
export function readClassNames(classes: readonly string[] | string | undefined | null): string[] | undefined {
  if (classes === undefined || classes === null) return undefined;
  if (typeof classes !== 'string') return [...classes];
  if (!existsSync(classes)) throw new DatasetError(`The classes file ${classes} does not exist`, classes);
  return readFileSync(classes, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
