import { basename, dirname, extname } from 'node:path';
import { ConfigError } from './config-error';
import { getByPath, hasPath } from './dotted-keys';
import { type ConfigDict, cloneConfigValue, isPlainObject } from './plain-object';

const BASE_REFERENCE = /\{\{\s*_base_\.([\w.]+)\s*\}\}/g;
const WHOLE_BASE_REFERENCE = /^\{\{\s*_base_\.([\w.]+)\s*\}\}$/;
const PREDEFINED = /\{\{\s*(fileDirname|fileBasename|fileBasenameNoExtension|fileExtname)\s*\}\}/g;

/**
 * Replaces MMEngine's predefined variables in every string of a config read from `file`:
 * `{{fileDirname}}`, `{{fileBasename}}`, `{{fileBasenameNoExtension}}` and `{{fileExtname}}`.
 */
export function substitutePredefinedVariables<T>(value: T, file: string): T {
  const extension = extname(file);
  const variables: Record<string, string> = {
    fileDirname: dirname(file),
    fileBasename: basename(file),
    fileBasenameNoExtension: basename(file, extension),
    fileExtname: extension,
  };
  return mapValues(value, (text) => text.replace(PREDEFINED, (_, name: string) => variables[name] ?? ''));
}

/**
 * Replaces references to values of the merged bases, MMEngine's `{{_base_.key}}`: a string that is
 * only a reference becomes a copy of the base value (a dict, a list, a number...); a reference
 * inside a longer string is replaced by the value's text.
 *
 * @example
 * // base: { train_pipeline: [...] }; child:
 * { train_dataloader: { dataset: { pipeline: '{{_base_.train_pipeline}}' } } }
 */
export function substituteBaseReferences<T>(value: T, base: ConfigDict, file: string): T {
  const resolveReference = (path: string): unknown => {
    if (!hasPath(base, path)) {
      throw new ConfigError(
        `The reference {{_base_.${path}}} in ${file} names a key that its bases do not define.`,
        file,
        path,
      );
    }
    return getByPath(base, path);
  };
  return mapValues(value, (text) => {
    const whole = WHOLE_BASE_REFERENCE.exec(text);
    if (whole) return cloneConfigValue(resolveReference(whole[1] as string));
    return text.replace(BASE_REFERENCE, (_, path: string) => String(resolveReference(path)));
  });
}

function mapValues<T>(value: T, replace: (text: string) => unknown): T {
  if (typeof value === 'string') return replace(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapValues(item, replace)) as T;
  if (isPlainObject(value)) {
    const copy: ConfigDict = {};
    for (const [key, item] of Object.entries(value)) copy[key] = mapValues(item, replace);
    return copy as T;
  }
  return value;
}
