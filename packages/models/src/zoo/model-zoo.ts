import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { type Registries, closestNames, createRegistries } from '@mmpt/registry';
import type { AnyModule } from '@mmpt/tensor';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import { register } from '../register';

const CONFIG_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs', '.json']);

/** Where the model zoo looks for configs: `options.configDir`, or `configs/` in the working directory. */
function configRoot(configDir?: string): string {
  return resolve(configDir ?? join(process.cwd(), 'configs'));
}

/**
 * The model configs under a config folder by name: every config file outside `_base_` folders,
 * named by its file name without the extension (`resnet18_8xb16_cifar10`), which follows the
 * guide's naming convention `{algorithm}_{module}_{pretrain}_{training}_{data}`.
 */
export function findModelConfigs(configDir?: string): Map<string, string> {
  const root = configRoot(configDir);
  const found = new Map<string, string>();
  const visit = (folder: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch (error) {
      throw new Error(`model zoo: cannot read the config folder ${folder} (${(error as Error).message})`);
    }
    for (const entry of entries) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== '_base_' && !entry.startsWith('.') && entry !== 'node_modules') visit(path);
      } else if (CONFIG_EXTENSIONS.has(extname(entry)) && !entry.endsWith('.d.ts') && !entry.includes('.test.')) {
        const name = basename(entry, extname(entry));
        const previous = found.get(name);
        if (previous) throw new Error(`model zoo: two configs are named "${name}": ${previous} and ${path}`);
        found.set(name, path);
      }
    }
  };
  visit(root);
  return found;
}

/** Whether a name matches a pattern with `*` (any characters) and `?` (one), case-insensitively, as `fnmatch`. */
function matches(name: string, pattern: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/**
 * MMPretrain's `list_models`: the sorted names of the model configs, those matching `pattern`
 * (`*` and `?` wildcards; a pattern without a wildcard matches names that contain it).
 *
 * @example
 * listModels('resnet*'); // ['resnet18_8xb16_cifar10', ...]
 */
export function listModels(pattern?: string, options: { configDir?: string } = {}): string[] {
  const names = [...findModelConfigs(options.configDir).keys()].sort();
  if (!pattern) return names;
  const wildcard = /[*?]/.test(pattern) ? pattern : `*${pattern}*`;
  return names.filter((name) => matches(name, wildcard));
}

/** Reads a config file into a plain object with its `_base_` resolved (e.g. `readConfig` of `@mmpt/config`). */
export type ConfigLoader = (file: string) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** The options of {@link getModel}. */
export interface GetModelOptions {
  /** A `.pth` or `.safetensors` checkpoint loaded into the model (non-strictly, as MMPretrain). */
  pretrained?: string | null;
  /** The config folder (default `configs/` in the working directory). */
  configDir?: string;
  /**
   * Loads a config file with its bases resolved (default: `readConfig` of `@mmpt/config`, loaded
   * on first use; pass another loader for configs in a format of your own).
   */
  loadConfig?: ConfigLoader;
  /** The registries that build the model (default: fresh ones with this package registered). */
  registries?: Registries;
}

/**
 * MMPretrain's `get_model`: builds the `model` of the config named `name` (see
 * {@link listModels}) and, with `pretrained`, loads that checkpoint into it (the backbone's
 * `init_cfg` is dropped then, as MMPretrain). An unknown name is an error naming the closest ones.
 *
 * @example
 * const model = await getModel('resnet18_8xb16_cifar10', { pretrained: 'work_dirs/resnet18/epoch_200.safetensors' });
 */
export async function getModel<M extends AnyModule = AnyModule>(name: string, options: GetModelOptions = {}): Promise<M> {
  const configs = findModelConfigs(options.configDir);
  const file = configs.get(name);
  if (!file) {
    const suggestions = closestNames(name, [...configs.keys()]);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((item) => `"${item}"`).join(', ')}?` : '';
    throw new Error(`getModel: no model config named "${name}" in ${configRoot(options.configDir)}.${hint}`);
  }
  const config = await (options.loadConfig ?? readConfigFile)(file);
  const model = config.model as Record<string, unknown> | undefined;
  if (!model || typeof model !== 'object') throw new Error(`getModel: the config ${file} has no "model"`);
  const modelConfig = { ...model };
  if (options.pretrained && modelConfig.backbone && typeof modelConfig.backbone === 'object') {
    const { init_cfg: _dropped, ...backbone } = modelConfig.backbone as Record<string, unknown>;
    modelConfig.backbone = backbone;
  }
  const registries = options.registries ?? defaultRegistries();
  const built = registries.models.build(modelConfig) as M;
  if (options.pretrained) loadCheckpoint(built, options.pretrained);
  return built;
}

/** `@mmpt/config`'s reader, imported when a model is first looked up without a loader of the caller's. */
async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  const { readConfig } = await import('@mmpt/config');
  return (await readConfig(file)).config;
}

function defaultRegistries(): Registries {
  const registries = createRegistries();
  register(registries);
  return registries;
}
