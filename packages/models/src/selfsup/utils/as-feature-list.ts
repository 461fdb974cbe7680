import type { Tensor } from '@mmpt/tensor';

/** A module's output as a list of tensors (backbones and necks return lists; a single tensor is wrapped). */
export function asFeatureList(value: unknown, where: string): Tensor[] {
  if (Array.isArray(value)) return value as Tensor[];
  if (value && typeof value === 'object' && 'shape' in value) return [value as Tensor];
  throw new TypeError(`${where}: expected a tensor or a list of tensors, got ${value === null ? 'null' : typeof value}`);
}

/** The first tensor of a module's output (`x[0]` of MMPretrain's tuples). */
export function firstFeature(value: unknown, where: string): Tensor {
  const list = asFeatureList(value, where);
  const first = list[0];
  if (!first) throw new Error(`${where}: the output holds no tensor`);
  return first;
}
