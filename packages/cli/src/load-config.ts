import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Config } from '@mmpt/config';
import { type Registries, importPlugins } from '@mmpt/registry';
import { CliError } from './cli-error';

/** A config loaded for a command, with the plugins of its `custom_imports` registered. */
export interface LoadedConfig {
  cfg: Config;
  /** Plugin modules, resolved, for data loader workers to import too. */
  pluginModules: string[];
}

/** Loads a config file, applies `--cfg-options`, and imports its `custom_imports`. */
export async function loadConfig(path: string, cfgOptions: readonly string[], registries: Registries): Promise<LoadedConfig> {
  if (!existsSync(path)) throw new CliError(`Config file not found: ${path}`);
  const cfg = await Config.fromFile(path, { cfgOptions });
  const custom = cfg.get<{ imports?: string[] | string; allow_failed_imports?: boolean } | undefined>('custom_imports');
  const imports = custom?.imports === undefined ? [] : typeof custom.imports === 'string' ? [custom.imports] : custom.imports;
  const baseDir = dirname(resolve(path));
  await importPlugins(imports, registries, { baseDir, allowFailedImports: custom?.allow_failed_imports ?? false });
  const pluginModules = imports.map((specifier) => (specifier.startsWith('.') ? resolve(baseDir, specifier) : specifier));
  return { cfg, pluginModules };
}
