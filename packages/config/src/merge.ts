import { ConfigError } from './config-error';
import { type ConfigDict, cloneConfigValue, describeValue, isPlainObject } from './plain-object';

/** The key that makes a dict replace the dict it would merge into, as MMEngine's `_delete_`. */
export const DELETE_KEY = '_delete_';

/** The options of {@link mergeConfig}. */
export interface MergeOptions {
  /**
   * Let digit keys of a dict index into a list of the base (`{ 0: { type: 'X' } }` merges into
   * the first element), as the overrides `a.0.b=1` do.
   */
  allowListKeys?: boolean;
  /** The file the child comes from, named in errors. */
  file?: string;
  /** The dotted path of `child` inside the whole config, named in errors. */
  path?: string;
}

/**
 * Merges `child` into `base` and returns the result, with MMEngine's rules: dicts merge
 * recursively, lists and scalars of the child replace those of the base, and a child dict with
 * `_delete_: true` replaces the base value instead of merging. Neither input is modified.
 *
 * @example
 * mergeConfig({ model: { depth: 101 } }, { model: { type: 'ResNet', depth: 50 } });
 * // { model: { type: 'ResNet', depth: 101 } }
 */
export function mergeConfig(child: ConfigDict, base: ConfigDict, options: MergeOptions = {}): ConfigDict {
  return mergeInto(child, cloneConfigValue(base), options.path ?? '', options) as ConfigDict;
}

function mergeInto(child: ConfigDict, base: ConfigDict | unknown[], path: string, options: MergeOptions): ConfigDict | unknown[] {
  for (const [key, value] of Object.entries(child)) {
    if (key === DELETE_KEY) continue;
    const keyPath = path ? `${path}.${key}` : key;
    if (Array.isArray(base)) {
      base[listIndex(key, base, keyPath, path, options)] = mergeValue(value, base[Number(key)], true, keyPath, options);
      continue;
    }
    base[key] = mergeValue(value, base[key], key in base, keyPath, options);
  }
  return base;
}

function mergeValue(value: unknown, current: unknown, exists: boolean, keyPath: string, options: MergeOptions): unknown {
  if (!isPlainObject(value)) return stripDeleteKeys(value);
  if (!exists || value[DELETE_KEY] === true) return stripDeleteKeys(value);
  if (isPlainObject(current) || (options.allowListKeys && Array.isArray(current))) {
    return mergeInto(value, current, keyPath, options);
  }
  const where = options.file ? ` (in ${options.file})` : '';
  throw new ConfigError(
    `Cannot merge the dict at "${keyPath}"${where} into ${describeValue(current)}: ` +
      `set ${DELETE_KEY}: true in that dict to replace the base value instead.`,
    options.file,
    keyPath,
  );
}

function listIndex(key: string, list: unknown[], keyPath: string, listPath: string, options: MergeOptions): number {
  const where = options.file ? ` (in ${options.file})` : '';
  if (!options.allowListKeys || !/^\d+$/.test(key)) {
    throw new ConfigError(
      `Cannot set "${keyPath}"${where}: "${listPath}" is a list, so the key after it must be an index.`,
      options.file,
      keyPath,
    );
  }
  const index = Number(key);
  if (index >= list.length) {
    throw new ConfigError(
      `Cannot set "${keyPath}"${where}: index ${index} is out of range for "${listPath}", a list of length ${list.length}.`,
      options.file,
      keyPath,
    );
  }
  return index;
}

/** A deep copy of a config value without any `_delete_` key. */
export function stripDeleteKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => stripDeleteKeys(item)) as T;
  if (isPlainObject(value)) {
    const copy: ConfigDict = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== DELETE_KEY) copy[key] = stripDeleteKeys(item);
    }
    return copy as T;
  }
  return value;
}
