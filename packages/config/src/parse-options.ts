import { ConfigError } from './config-error';

/**
 * Parses `--cfg-options` strings (`key=value`) into a dict of dotted keys and typed values, with
 * the value rules of MMEngine's `DictAction`:
 * - integers and floats become numbers; `true`/`false` (any case) booleans; `None` and `null` null;
 * - `[a,b]` and `(a,b)` become lists, nested to any depth; `a,b` without brackets is a list too;
 * - a value in quotes (`'str'` or `"str"`) stays a string exactly as written (MMEngine would also
 *   parse a quoted number as a number, and drops spaces; here quotes protect the text);
 * - anything else is a string.
 *
 * @example
 * parseCfgOptions(['model.backbone.depth=101', 'train_dataloader.batch_size=64', 'a.b=[1,(2,3)]']);
 * // { 'model.backbone.depth': 101, 'train_dataloader.batch_size': 64, 'a.b': [1, [2, 3]] }
 */
export function parseCfgOptions(pairs: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new ConfigError(`Invalid override "${pair}": expected key=value, such as model.backbone.depth=101.`);
    }
    const key = pair.slice(0, equals).trim();
    if (!/^[^.\s]+(\.[^.\s]+)*$/.test(key)) {
      throw new ConfigError(`Invalid override key "${key}" in "${pair}": use dotted names such as a.b.0.c.`, undefined, key);
    }
    options[key] = parseOptionValue(pair.slice(equals + 1), pair);
  }
  return options;
}

/** Parses one override value with the rules of {@link parseCfgOptions}. */
export function parseOptionValue(text: string, context = text): unknown {
  const value = text.trim();
  if (isQuoted(value)) return value.slice(1, -1);
  let inner = value;
  if ((value.startsWith('[') && value.endsWith(']')) || (value.startsWith('(') && value.endsWith(')'))) {
    inner = value.slice(1, -1);
    if (inner.trim() === '') return [];
  } else if (!hasTopLevelComma(value)) {
    checkBrackets(value, context);
    return parseScalar(value);
  }
  return splitTopLevel(inner, context).map((element) => parseOptionValue(element, context));
}

function parseScalar(value: string): unknown {
  if (/^[+-]?\d+$/.test(value)) return Number(value);
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return Number(value);
  if (/^[+-]?(inf|infinity)$/i.test(value)) return value.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(value)) return Number.NaN;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (value === 'None' || value === 'null') return null;
  return value;
}

function isQuoted(value: string): boolean {
  return value.length >= 2 && (value[0] === "'" || value[0] === '"') && value[value.length - 1] === value[0];
}

function hasTopLevelComma(value: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (const char of value) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === ',' && depth === 0) return true;
  }
  return false;
}

function splitTopLevel(text: string, context: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') {
      depth--;
      if (depth < 0) throw new ConfigError(`Unbalanced brackets in the override "${context}".`);
    } else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  if (depth !== 0 || quote) throw new ConfigError(`Unbalanced ${quote ? 'quotes' : 'brackets'} in the override "${context}".`);
  const last = text.slice(start);
  if (last.trim() !== '' || parts.length === 0) parts.push(last);
  return parts;
}

function checkBrackets(value: string, context: string): void {
  if (/[[\]()]/.test(value) && !isQuoted(value)) splitTopLevel(value, context);
}
