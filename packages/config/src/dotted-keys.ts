import type { ConfigDict } from './plain-object';
import { isPlainObject } from './plain-object';

/**
 * Turns dotted keys into nested dicts, as MMEngine's `merge_from_dict` does before merging.
 *
 * @example
 * unflattenDottedKeys({ 'model.backbone.depth': 101, 'a.0.b': 1 });
 * // { model: { backbone: { depth: 101 } }, a: { 0: { b: 1 } } }
 */
export function unflattenDottedKeys(options: Record<string, unknown>): ConfigDict {
  const nested: ConfigDict = {};
  for (const [fullKey, value] of Object.entries(options)) {
    const parts = fullKey.split('.');
    let target = nested;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (isPlainObject(next)) target = next;
      else {
        const created: ConfigDict = {};
        target[part] = created;
        target = created;
      }
    }
    target[parts[parts.length - 1] as string] = value;
  }
  return nested;
}

/** Reads the value at a dotted path (`'model.backbone.depth'`, `'pipeline.0.type'`), or `undefined`. */
export function getByPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlainObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return undefined;
  }
  return current;
}

/** Whether a dotted path leads to a value (which may itself be `undefined` or `null`). */
export function hasPath(root: unknown, path: string): boolean {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part) && Number(part) < current.length) current = current[Number(part)];
    else if (isPlainObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return false;
  }
  return true;
}
