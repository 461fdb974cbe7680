/** The class names of a module's class chain (`BatchNorm2d`, its bases...), for `layer` matching. */
export function classChain(instance: object): string[] {
  const names: string[] = [];
  for (let prototype = Object.getPrototypeOf(instance); prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    names.push((prototype.constructor as { name: string }).name);
  }
  return names;
}

/** MMEngine's abstract layer names and the concrete classes they stand for. */
const ALIASES: Record<string, readonly string[]> = {
  _BatchNorm: ['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm'],
  _ConvNd: ['Conv1d', 'Conv2d', 'Conv3d'],
  _InstanceNorm: ['InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d'],
};

/** Whether a module matches one of the `layer` names of an init config. */
export function matchesLayer(instance: object, layers: readonly string[]): boolean {
  const chain = classChain(instance);
  return layers.some((layer) => chain.includes(layer) || (ALIASES[layer] ?? []).some((alias) => chain.includes(alias)));
}
