import { CliError } from '../cli-error';
import { findConfigsDir, listModelConfigs, matchesPattern } from '../find-configs';

/** `mmpt list-models [PATTERN]`: the model configs of the zoo whose names match. */
export function listModels(pattern?: string, configsDir?: string): string[] {
  const dir = findConfigsDir(configsDir);
  if (!dir) throw new CliError('No configs/ folder found; pass --configs DIR');
  const names = listModelConfigs(dir).map((entry) => entry.name);
  return pattern ? names.filter((name) => matchesPattern(name, pattern)) : names;
}

/** The config path of a model name (or a path that exists), for commands that take either. */
export function resolveModel(nameOrPath: string, configsDir?: string): string {
  const dir = findConfigsDir(configsDir);
  const entry = dir ? listModelConfigs(dir).find((item) => item.name === nameOrPath) : undefined;
  if (entry) return entry.path;
  return nameOrPath;
}
