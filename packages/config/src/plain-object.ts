/** A config dictionary: string keys, values of any kind (nested dicts, lists, scalars, classes). */
export type ConfigDict = Record<string, unknown>;

/** Whether a value is a plain object (a config dict), not an array, a class instance or null. */
export function isPlainObject(value: unknown): value is ConfigDict {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A deep copy of the dicts and lists of a config; every other value (numbers, strings, classes,
 * functions, typed arrays) is kept as it is.
 */
export function cloneConfigValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneConfigValue(item)) as T;
  if (isPlainObject(value)) {
    const copy: ConfigDict = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneConfigValue(item);
    return copy as T;
  }
  return value;
}

/** A short name of a value's kind for messages: `a number (50)`, `a list`, `a string ("BN")`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of length ${value.length}`;
  if (isPlainObject(value)) return 'a dict';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  if (typeof value === 'function') return `a ${/^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function'} (${value.name || 'anonymous'})`;
  return `a value of type ${typeof value}`;
}
