import type { BuildConfig, Registry } from '@mmpt/registry';

/**
 * Adds the hyper-parameters a policy's transform accepts and does not set (MMPretrain's
 * `merge_hparams`). A class declares the options it accepts in a static `optionNames` list (the
 * TypeScript stand-in for Python's signature inspection); a class without it gets no hparams.
 *
 * @example
 * mergeHparams({ type: 'Rotate', magnitude_range: [0, 30] }, { pad_val: 104 }, registry);
 * // { type: 'Rotate', magnitude_range: [0, 30], pad_val: 104 }
 */
export function mergeHparams(policy: BuildConfig, hparams: Record<string, unknown>, registry: Registry): BuildConfig {
  const merged: BuildConfig = { ...policy };
  const target = typeof policy.type === 'string' ? registry.get(policy.type) : policy.type;
  if (!target) throw new Error(`Invalid policy type "${String(policy.type)}"`);
  const optionNames = (target as { optionNames?: readonly string[] }).optionNames ?? [];
  for (const [key, value] of Object.entries(hparams)) {
    if (optionNames.includes(key) && !(key in merged)) merged[key] = value;
  }
  return merged;
}
