import type { HostStateDict } from '@mmpt/tensor';

/**
 * MMEngine's `revise_keys`: pairs of a pattern and a replacement applied to every key in turn, as
 * Python's `re.sub` (every match is replaced). Replacements use JavaScript's syntax (`$1`, not `\1`).
 */
export type ReviseKeys = ReadonlyArray<readonly [RegExp | string, string]>;

/** MMEngine's default `revise_keys`: strip the `module.` prefix that DataParallel wrappers add. */
export const DEFAULT_REVISE_KEYS: ReviseKeys = [[/^module\./, '']];

/** Applies `revise_keys` to the keys of a state dict, keeping the order of entries. */
export function reviseKeys(dict: HostStateDict, rules: ReviseKeys): HostStateDict {
  if (rules.length === 0) return dict;
  const patterns = rules.map(([pattern, replacement]) => {
    const source = typeof pattern === 'string' ? new RegExp(pattern, 'g') : pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    return [source, replacement] as const;
  });
  const result: HostStateDict = new Map();
  for (const [key, value] of dict) {
    let revised = key;
    for (const [pattern, replacement] of patterns) revised = revised.replace(pattern, replacement);
    if (result.has(revised)) throw new Error(`revise_keys: two keys of the checkpoint become "${revised}" (the second is "${key}")`);
    result.set(revised, value);
  }
  return result;
}

/**
 * The entries whose keys start with `prefix` (a `.` is appended when missing), with the prefix
 * removed, as MMEngine's `_load_checkpoint_with_prefix` (how `init_cfg` Pretrained with
 * `prefix: 'backbone.'` loads a backbone out of a classifier checkpoint).
 */
export function selectPrefix(dict: HostStateDict, prefix: string, source = 'checkpoint'): HostStateDict {
  const withDot = prefix.endsWith('.') ? prefix : `${prefix}.`;
  const result: HostStateDict = new Map();
  for (const [key, value] of dict) if (key.startsWith(withDot)) result.set(key.slice(withDot.length), value);
  if (result.size === 0) {
    const prefixes = [...new Set([...dict.keys()].map((key) => key.split('.')[0]))].slice(0, 8);
    throw new Error(`${source}: no key starts with the prefix "${withDot}"; the top-level names are ${prefixes.map((p) => `"${p}"`).join(', ')}`);
  }
  return result;
}
