import type { ModuleLike } from './module-like';

const BATCH_NORM_CLASSES = new Set(['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm', '_BatchNorm', 'BatchNorm']);
const NORM_CLASSES = new Set([
  ...BATCH_NORM_CLASSES,
  'InstanceNorm1d',
  'InstanceNorm2d',
  'InstanceNorm3d',
  '_InstanceNorm',
  'InstanceNorm',
  'GroupNorm',
  'LayerNorm',
]);
const DEFORMABLE_CONV_CLASSES = new Set(['DeformConv2d', 'ModulatedDeformConv2d']);

/** The class names of a module and of its base classes (`LayerNorm2d`, `LayerNorm`, `Module`, ...). */
export function classNames(module: object): string[] {
  const names: string[] = [];
  for (let prototype = Object.getPrototypeOf(module); prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    const name = (prototype.constructor as { name?: string } | undefined)?.name;
    if (name) names.push(name);
  }
  return names;
}

/**
 * Whether a module is a normalization layer as MMEngine counts them (`_BatchNorm`, `_InstanceNorm`,
 * `GroupNorm`, `LayerNorm`): its class or a base class is `BatchNorm1d/2d/3d`, `SyncBatchNorm`,
 * `InstanceNorm1d/2d/3d`, `GroupNorm` or `LayerNorm` (so `class LayerNorm2d extends LayerNorm` counts).
 */
export function isNormModule(module: object): boolean {
  return classNames(module).some((name) => NORM_CLASSES.has(name));
}

/** Whether a module is a batch-normalization layer (`BatchNorm1d/2d/3d`, `SyncBatchNorm` or a subclass). */
export function isBatchNormModule(module: object): boolean {
  return classNames(module).some((name) => BATCH_NORM_CLASSES.has(name));
}

/**
 * Whether a module is a depth-wise convolution as MMEngine tests it: a `Conv2d` (or subclass) whose
 * input channels equal its groups (`inChannels`/`in_channels` and `groups`).
 */
export function isDepthwiseConv(module: object): boolean {
  if (!classNames(module).includes('Conv2d')) return false;
  const fields = module as { inChannels?: unknown; in_channels?: unknown; groups?: unknown };
  const inChannels = fields.inChannels ?? fields.in_channels;
  return typeof inChannels === 'number' && inChannels === fields.groups;
}

/** Whether a module is a `Conv2d` (or a subclass). */
export function isConv2d(module: object): boolean {
  return classNames(module).includes('Conv2d');
}

/** Whether a module is a deformable convolution (`DeformConv2d`, `ModulatedDeformConv2d` or a subclass). */
export function isDeformableConv(module: object): boolean {
  return classNames(module).some((name) => DEFORMABLE_CONV_CLASSES.has(name));
}

/** Whether a model holds a batch-normalization layer anywhere, as MMEngine's `has_batch_norm`. */
export function hasBatchNorm(model: ModuleLike): boolean {
  if (isBatchNormModule(model)) return true;
  for (const [, child] of model.namedChildren()) if (hasBatchNorm(child)) return true;
  return false;
}
