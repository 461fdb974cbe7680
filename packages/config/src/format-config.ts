import { ConfigError } from './config-error';
import { type ConfigDict, isPlainObject } from './plain-object';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const LINE_WIDTH = 100;

/**
 * Writes a config as a TypeScript object literal: two-space indentation, short lists and dicts of
 * scalars on one line, keys quoted only where they must be. Classes and functions (a `type` given
 * as the class itself) are written as their name in a string, which loads back through a registry.
 *
 * @example
 * formatConfig({ model: { type: 'ResNet', depth: 50 } });
 * // "{\n  model: { type: 'ResNet', depth: 50 },\n}"
 */
export function formatConfig(config: ConfigDict): string {
  return formatValue(config, '');
}

function formatValue(value: unknown, indent: string): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return quote(value.name);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => formatValue(item, inner));
    const flat = `[${items.join(', ')}]`;
    if (fitsOnOneLine(flat, indent, items)) return flat;
    return `[\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const items = entries.map(([key, item]) => `${formatKey(key)}: ${formatValue(item, inner)}`);
    const flat = `{ ${items.join(', ')} }`;
    if (indent !== '' && fitsOnOneLine(flat, indent, items)) return flat;
    return `{\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}}`;
  }
  if (ArrayBuffer.isView(value)) return formatValue(Array.from(value as unknown as ArrayLike<number>), indent);
  return quote(String(value));
}

function fitsOnOneLine(flat: string, indent: string, items: string[]): boolean {
  return !flat.includes('\n') && indent.length + flat.length <= LINE_WIDTH && items.length <= 12;
}

function formatKey(key: string): string {
  return IDENTIFIER.test(key) || /^(0|[1-9]\d*)$/.test(key) ? key : quote(key);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * Writes a config as JSON. Values that JSON cannot hold (NaN, Infinity, undefined) are refused with
 * the key that holds them; classes and functions are written as their name.
 */
export function formatConfigAsJson(config: ConfigDict, file?: string): string {
  const check = (value: unknown, path: string): unknown => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ConfigError(`Cannot write ${String(value)} at "${path}" to JSON; dump to a .ts file instead.`, file, path);
    }
    if (value === undefined) {
      throw new ConfigError(`Cannot write undefined at "${path}" to JSON; use null or dump to a .ts file.`, file, path);
    }
    if (typeof value === 'function') return value.name;
    if (typeof value === 'bigint') throw new ConfigError(`Cannot write a bigint at "${path}" to JSON.`, file, path);
    if (Array.isArray(value)) return value.map((item, index) => check(item, `${path}.${index}`));
    if (ArrayBuffer.isView(value)) return check(Array.from(value as unknown as ArrayLike<number>), path);
    if (isPlainObject(value)) {
      const copy: ConfigDict = {};
      for (const [key, item] of Object.entries(value)) copy[key] = check(item, path ? `${path}.${key}` : key);
      return copy;
    }
    return value;
  };
  return `${JSON.stringify(check(config, ''), null, 2)}\n`;
}
