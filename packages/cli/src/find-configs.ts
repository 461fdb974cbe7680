import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `configs/` folder: the given one, else the nearest above the working directory, else the one
 * of the mmpt repository this package lives in.
 */
export function findConfigsDir(explicit?: string): string | undefined {
  if (explicit) return existsSync(explicit) ? resolve(explicit) : undefined;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, 'configs');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) break;
  }
  const packaged = fileURLToPath(new URL('../../../configs', import.meta.url));
  return existsSync(packaged) ? packaged : undefined;
}

/** A model config of the zoo: its name (the file name without extension) and path. */
export interface ModelEntry {
  name: string;
  path: string;
  /** The folder below `configs/` (the algorithm: `resnet`, `lenet`...). */
  collection: string;
}

/** Every model config below `configs/` except the `_base_` parts, sorted by name. */
export function listModelConfigs(configsDir: string): ModelEntry[] {
  const entries: ModelEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_base_') walk(path);
      } else if (/\.(ts|mts|js|mjs|json)$/.test(name)) {
        entries.push({ name: basename(name).replace(/\.(ts|mts|js|mjs|json)$/, ''), path, collection: relative(configsDir, dir) });
      }
    }
  };
  walk(configsDir);
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a name matches a pattern with `*` wildcards (or contains it, without wildcards). */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name.toLowerCase().includes(pattern.toLowerCase());
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return regex.test(name);
}
