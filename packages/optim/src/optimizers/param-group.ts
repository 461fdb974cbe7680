import type { Tensor } from '@mmpt/tensor';

/**
 * One parameter group of an optimizer, as PyTorch's `param_groups` entries: the parameters and
 * the options that apply to them (`lr`, `weight_decay`, `momentum`, `betas`, ...) under PyTorch's
 * names. Schedulers and the paramwise constructor read and write these options by name, and keys
 * of their own (`initial_lr`, `lr_mult`, `layer_id`) live here too.
 */
export interface ParamGroup {
  params: Tensor[];
  [option: string]: unknown;
}

/** A parameter group as a config gives it: its parameters and the options it overrides. */
export interface ParamGroupInput {
  params: Iterable<Tensor>;
  [option: string]: unknown;
}

/** What an optimizer optimizes: parameters, or parameter groups with their own options. */
export type ParamsInput = Iterable<Tensor> | Iterable<ParamGroupInput>;

/**
 * The numeric option `key` of a parameter group, or an error naming the optimizer, the option
 * and the value it found.
 */
export function numberOption(group: ParamGroup, key: string, owner: string): number {
  const value = group[key];
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${owner}: the parameter group option "${key}" must be a number, got ${describe(value)}`);
  }
  return value;
}

/** The boolean option `key` of a parameter group (absent is false). */
export function booleanOption(group: ParamGroup, key: string, owner: string): boolean {
  const value = group[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new TypeError(`${owner}: the parameter group option "${key}" must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** The pair option `key` of a parameter group, such as Adam's `betas`. */
export function pairOption(group: ParamGroup, key: string, owner: string): [number, number] {
  const value = group[key];
  if (!Array.isArray(value) || value.length !== 2 || !value.every((item) => typeof item === 'number')) {
    throw new TypeError(`${owner}: the parameter group option "${key}" must be a pair of numbers, got ${describe(value)}`);
  }
  return [value[0] as number, value[1] as number];
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${value.name || '<anonymous>'}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
