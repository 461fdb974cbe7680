import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { getByPath, hasPath, unflattenDottedKeys } from './dotted-keys';
import { formatConfig, formatConfigAsJson } from './format-config';
import { mergeConfig } from './merge';
import { parseCfgOptions } from './parse-options';
import { type ConfigDict, cloneConfigValue, isPlainObject } from './plain-object';
import { readConfig } from './read-config';

/** The options of {@link Config.fromFile}. */
export interface FromFileOptions {
  /** Overrides applied after loading: a dict of dotted keys, or `--cfg-options` strings. */
  cfgOptions?: Record<string, unknown> | readonly string[];
}

/**
 * A config: a tree of dicts, lists and values loaded from a `.ts`, `.mts`, `.js`, `.mjs` or
 * `.json` file with MMEngine's semantics (`_base_` inheritance, `_delete_`, `{{_base_.x}}`
 * references, dotted overrides), that can be read, changed and written back.
 *
 * @example
 * const cfg = await Config.fromFile('configs/resnet/resnet18_8xb16_cifar10.ts', {
 *   cfgOptions: ['model.backbone.depth=34', 'train_dataloader.batch_size=64'],
 * });
 * cfg.get('model.backbone.depth'); // 34
 * console.log(cfg.prettyText);
 * cfg.dump('work_dirs/run/config.ts');
 */
export class Config {
  #dict: ConfigDict;
  /** The absolute path of the file the config was read from, if any. */
  readonly filename: string | undefined;
  /** Every file that went into the config: its bases depth-first, then the file itself. */
  readonly files: readonly string[];

  constructor(dict: ConfigDict = {}, filename?: string, files: readonly string[] = filename ? [filename] : []) {
    if (!isPlainObject(dict)) throw new ConfigError('A config is built from a plain object.', filename);
    this.#dict = cloneConfigValue(dict);
    this.filename = filename;
    this.files = files;
  }

  /** Reads a config file with its bases, then applies `cfgOptions` if given. */
  static async fromFile(file: string, options: FromFileOptions = {}): Promise<Config> {
    const { config, files } = await readConfig(file);
    const loaded = new Config(config, resolve(file), files);
    if (options.cfgOptions) {
      if (Array.isArray(options.cfgOptions)) loaded.mergeFromOptions(options.cfgOptions as readonly string[]);
      else loaded.mergeFromDict(options.cfgOptions as Record<string, unknown>);
    }
    return loaded;
  }

  /** A config from a plain object (copied). */
  static fromDict(dict: ConfigDict, filename?: string): Config {
    return new Config(dict, filename);
  }

  /** A deep copy of the config's content as a plain object. */
  toDict(): ConfigDict {
    return cloneConfigValue(this.#dict);
  }

  /** The top-level keys. */
  keys(): string[] {
    return Object.keys(this.#dict);
  }

  /**
   * The value at a dotted path (`'model.backbone.depth'`, `'train_pipeline.0.type'`), or
   * `fallback` when the path leads nowhere. Dicts and lists are returned as copies.
   */
  get<T = unknown>(path: string, fallback?: T): T {
    if (!hasPath(this.#dict, path)) return fallback as T;
    return cloneConfigValue(getByPath(this.#dict, path)) as T;
  }

  /** Whether a dotted path leads to a value. */
  has(path: string): boolean {
    return hasPath(this.#dict, path);
  }

  /**
   * Sets the value at a dotted path, replacing what was there (a dict value is not merged; use
   * {@link Config.mergeFromDict} for that). Missing dicts on the way are created.
   */
  set(path: string, value: unknown): void {
    const parts = path.split('.');
    let target: unknown = this.#dict;
    for (const [index, part] of parts.entries()) {
      const last = index === parts.length - 1;
      const reached = parts.slice(0, index).join('.') || '(root)';
      if (Array.isArray(target)) {
        const position = Number(part);
        if (!/^\d+$/.test(part) || position >= target.length) {
          throw new ConfigError(
            `Cannot set "${path}": "${reached}" is a list of length ${target.length} and "${part}" is not an index in it.`,
            this.filename,
            path,
          );
        }
        if (last) target[position] = cloneConfigValue(value);
        else target = target[position];
      } else if (isPlainObject(target)) {
        if (last) target[part] = cloneConfigValue(value);
        else {
          if (target[part] === undefined) target[part] = {};
          target = target[part];
        }
      } else {
        throw new ConfigError(`Cannot set "${path}": "${reached}" is not a dict or a list.`, this.filename, path);
      }
    }
  }

  /**
   * Merges dotted-key overrides into the config, as MMEngine's `merge_from_dict`: dict values
   * merge, everything else replaces, and a digit key indexes into a list (`'pipeline.1.scale': 224`)
   * unless `allowListKeys` is false.
   *
   * @example
   * cfg.mergeFromDict({ 'model.backbone.depth': 101, 'optim_wrapper.optimizer.lr': 0.01 });
   */
  mergeFromDict(options: Record<string, unknown>, allowListKeys = true): void {
    try {
      this.#dict = mergeConfig(unflattenDottedKeys(options), this.#dict, { allowListKeys });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const source = this.filename ? ` of ${this.filename}` : '';
      throw new ConfigError(`Cannot apply the override${source}: ${error.message}`, this.filename, error.key, {
        cause: error,
      });
    }
  }

  /**
   * Parses `--cfg-options` strings (see {@link parseCfgOptions}) and merges them.
   *
   * @example
   * cfg.mergeFromOptions(['model.backbone.depth=101', "model.head.loss.type='FocalLoss'"]);
   */
  mergeFromOptions(pairs: readonly string[], allowListKeys = true): void {
    this.mergeFromDict(parseCfgOptions(pairs), allowListKeys);
  }

  /** The config as a TypeScript object literal, for printing. */
  get prettyText(): string {
    return formatConfig(this.#dict);
  }

  /**
   * Writes the config to a `.ts`/`.mts`/`.js`/`.mjs` module or a `.json` file that loads back to an
   * equal config, and returns the text. Without a path, returns the TypeScript text of
   * {@link Config.prettyText} as a module.
   */
  dump(file?: string): string {
    const extension = file ? extname(file).toLowerCase() : '.ts';
    let text: string;
    if (extension === '.json') text = formatConfigAsJson(this.#dict, file);
    else if (['.ts', '.mts', '.js', '.mjs'].includes(extension)) text = `export default ${formatConfig(this.#dict)};\n`;
    else {
      throw new ConfigError(`Cannot dump a config to "${file}": use a .ts, .mts, .js, .mjs or .json file.`, file);
    }
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    return text;
  }

  /** An independent copy. */
  clone(): Config {
    return new Config(this.#dict, this.filename, this.files);
  }
}
