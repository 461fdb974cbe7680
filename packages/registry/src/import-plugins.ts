import { isAbsolute, resolve } from 'node:path';
import { importModule } from './import-module';
import type { Registries } from './root-registries';
import { RegistryError } from './registry-error';

/** What a plugin module exports: a function that registers its modules. */
export interface PluginModule {
  register: (registries: Registries) => void | Promise<void>;
}

/** The options of {@link importPlugins}. */
export interface ImportPluginsOptions {
  /** The folder that relative module paths and package names resolve from; the cwd by default. */
  baseDir?: string;
  /** Warn and go on when a module cannot be imported, as MMEngine's `allow_failed_imports`. */
  allowFailedImports?: boolean;
  /** Where warnings go when `allowFailedImports` is set; `console.warn` by default. */
  warn?: (message: string) => void;
}

/**
 * Imports each module (a package name or a path to a `.ts`, `.mts`, `.js` or `.mjs` file; a
 * TypeScript file needs no build step) and calls its exported `register` with the registries.
 * This is how a config's `custom_imports` brings in a plugin. Returns the imported modules.
 *
 * @example
 * await importPlugins(['mmpt-plugin-cifar-resnet', './my_modules/my-head.ts'], registries);
 */
export async function importPlugins(
  modules: readonly string[],
  registries: Registries,
  options: ImportPluginsOptions = {},
): Promise<PluginModule[]> {
  const baseDir = options.baseDir ?? process.cwd();
  const loaded: PluginModule[] = [];
  for (const specifier of modules) {
    const target = isRelativeOrAbsolute(specifier) ? resolve(baseDir, specifier) : specifier;
    let plugin: Partial<PluginModule>;
    try {
      plugin = (await importModule(target, baseDir)) as Partial<PluginModule>;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `Cannot import the plugin "${specifier}" (from ${baseDir}): ${reason}`;
      if (options.allowFailedImports) {
        (options.warn ?? console.warn)(message);
        continue;
      }
      throw new RegistryError(message, { cause: error });
    }
    if (typeof plugin.register !== 'function') {
      throw new RegistryError(
        `The plugin "${specifier}" has no exported function "register(registries)"; exports: ${Object.keys(plugin).join(', ') || 'none'}.`,
      );
    }
    await plugin.register(registries);
    loaded.push(plugin as PluginModule);
  }
  return loaded;
}

function isRelativeOrAbsolute(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier);
}
