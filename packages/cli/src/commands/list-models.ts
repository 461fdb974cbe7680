import { existsSync } from 'node:fs';
import { closestNames } from '@mmpt/registry';
import { CliError } from '../cli-error';
import { findConfigsDir, listModelConfigs, matchesPattern } from '../find-configs';

/** `mmpt list-models [PATTERN]`: the model configs of the zoo whose names match. */
export function listModels(pattern?: string, configsDir?: string): string[] {
  const dir = findConfigsDir(configsDir);
  if (!dir) throw new CliError('No configs/ folder found; pass --configs DIR');
  const names = listModelConfigs(dir).map((entry) => entry.name);
  return pattern ? names.filter((name) => matchesPattern(name, pattern)) : names;
}

/**
 * The config path of a model name, or the path itself when it names a file. A missing file is a
 * {@link CliError}: "Config file not found" for something that looks like a path (it has a folder
 * or a config extension), "Unknown model name" with the closest names of the zoo otherwise.
 */
export function resolveModel(nameOrPath: string, configsDir?: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  const dir = findConfigsDir(configsDir);
  const entries = dir ? listModelConfigs(dir) : [];
  const entry = entries.find((item) => item.name === nameOrPath);
  if (entry) return entry.path;
  if (looksLikePath(nameOrPath)) throw new CliError(`Config file not found: ${nameOrPath}`);
  const names = entries.map((item) => item.name);
  const closest = closestModelNames(nameOrPath, names);
  const hint = closest.length > 0 ? `; closest: ${closest.join(', ')}` : names.length > 0 ? '; run `mmpt list-models` to see them' : ' (no configs/ folder found)';
  throw new CliError(`Unknown model name "${nameOrPath}": it is neither a config file nor a model of the zoo${hint}`);
}

/** Whether a command-line argument is meant as a file path rather than a model name. */
function looksLikePath(value: string): boolean {
  return /[/\\]/.test(value) || /\.(ts|mts|js|mjs|json|py)$/.test(value);
}

/**
 * The model names closest to a wrong one: by edit distance (or containment) first, else those
 * sharing the most name parts (`resnet18`, `cifar10`...), at most three.
 */
export function closestModelNames(name: string, names: readonly string[], limit = 3): string[] {
  const byDistance = closestNames(name, names, limit);
  if (byDistance.length > 0) return byDistance;
  const parts = (text: string) => new Set(text.toLowerCase().split(/[_\-.]+/).filter(Boolean));
  const wanted = parts(name);
  return names
    .map((candidate) => ({ candidate, shared: [...parts(candidate)].filter((part) => wanted.has(part) || [...wanted].some((item) => item.length >= 3 && part.startsWith(item))).length }))
    .filter((item) => item.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((item) => item.candidate);
}
