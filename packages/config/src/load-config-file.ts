import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { ConfigError } from './config-error';
import { type ConfigDict, isPlainObject } from './plain-object';

/** The extensions a config file may have. */
export const CONFIG_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] as const;

/**
 * Reads one config file, without resolving its `_base_`: a JSON object, or a TS/JS module whose
 * default export is the config (or, without a default export, whose named exports are its keys).
 * TypeScript needs no build step: modules are loaded with jiti.
 */
export async function loadConfigFile(file: string): Promise<ConfigDict> {
  if (!existsSync(file)) throw new ConfigError(`Config file not found: ${file}`, file);
  const extension = extname(file).toLowerCase();
  if (!(CONFIG_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ConfigError(
      `Unsupported config file type "${extension || '(none)'}" for ${file}; use one of ${CONFIG_EXTENSIONS.join(', ')}.`,
      file,
    );
  }
  if (extension === '.json') return parseJsonConfig(file);
  let exported: Record<string, unknown>;
  try {
    exported = await importConfigModule(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot load the config ${file}: ${reason}`, file, undefined, { cause: error });
  }
  const config = 'default' in exported ? exported.default : namedExports(exported);
  if (!isPlainObject(config)) {
    throw new ConfigError(
      `The config ${file} must export an object (export default { ... } or named exports), got ${config === null ? 'null' : typeof config}.`,
      file,
    );
  }
  return { ...config };
}

let loads = 0;

/**
 * Imports a config module: with the platform's `import()` first (a fresh copy each time, by a
 * query), so that classes a config imports are the application's own; with jiti when the running
 * Node cannot load TypeScript by itself.
 */
async function importConfigModule(file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(/* @vite-ignore */ `${pathToFileURL(file).href}?load=${++loads}`)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const jiti = createJiti(pathToFileURL(file).href, { moduleCache: false, fsCache: false, interopDefault: false });
    return (await jiti.import(file)) as Record<string, unknown>;
  }
}

function namedExports(module: Record<string, unknown>): ConfigDict {
  const config: ConfigDict = {};
  for (const key of Object.keys(module)) {
    if (key !== '__esModule') config[key] = module[key];
  }
  return config;
}

function parseJsonConfig(file: string): ConfigDict {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot parse the JSON config ${file}: ${reason}`, file, undefined, { cause: error });
  }
  if (!isPlainObject(parsed)) throw new ConfigError(`The JSON config ${file} must hold an object at its top level.`, file);
  return parsed;
}
