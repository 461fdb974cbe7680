import { dirname, relative, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfigFile } from './load-config-file';
import { mergeConfig, stripDeleteKeys } from './merge';
import type { ConfigDict } from './plain-object';
import { substituteBaseReferences, substitutePredefinedVariables } from './substitute';

/** The key that lists a config's base files. */
export const BASE_KEY = '_base_';

/** A config read from a file, with its bases resolved, and every file that went into it. */
export interface ReadConfigResult {
  config: ConfigDict;
  /** Absolute paths of the file and of all its bases, depth-first, the file itself last. */
  files: string[];
}

/**
 * Reads a config file and its bases: `_base_` (a path or a list, relative to the file) are read
 * depth-first and merged in order, later bases winning; then `{{_base_.x}}` references are
 * resolved and the file's own keys merged on top (`_delete_: true` replaces instead of merging).
 */
export async function readConfig(file: string): Promise<ReadConfigResult> {
  const files: string[] = [];
  const config = await readWithBases(resolve(file), [], files);
  return { config: stripDeleteKeys(config), files };
}

async function readWithBases(file: string, chain: string[], files: string[]): Promise<ConfigDict> {
  if (chain.includes(file)) {
    const cycle = [...chain.slice(chain.indexOf(file)), file].map((item) => relative(process.cwd(), item) || item);
    throw new ConfigError(`Cycle of ${BASE_KEY} configs: ${cycle.join(' -> ')}`, file);
  }
  const own = substitutePredefinedVariables(await loadConfigFile(file), file);
  const baseEntries = baseList(own[BASE_KEY], file);
  delete own[BASE_KEY];
  let base: ConfigDict = {};
  for (const entry of baseEntries) {
    const baseFile = resolve(dirname(file), entry);
    let baseConfig: ConfigDict;
    try {
      baseConfig = await readWithBases(baseFile, [...chain, file], files);
    } catch (error) {
      if (error instanceof ConfigError && error.file === baseFile && error.message.startsWith('Config file not found')) {
        throw new ConfigError(
          `The base config "${entry}" of ${file} was not found (looked for ${baseFile}).`,
          file,
          BASE_KEY,
          { cause: error },
        );
      }
      throw error;
    }
    base = mergeConfig(baseConfig, base, { file: baseFile });
  }
  files.push(file);
  if (baseEntries.length === 0) return own;
  return mergeConfig(substituteBaseReferences(own, base, file), base, { file });
}

function baseList(value: unknown, file: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new ConfigError(`${BASE_KEY} in ${file} must be a path or a list of paths.`, file, BASE_KEY);
  }
  return list;
}
