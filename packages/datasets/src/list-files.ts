import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from './dataset-error';

/** The sub-folders of a folder, sorted (MMPretrain's `find_folders`). */
export function listFolders(root: string): string[] {
  checkFolder(root);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || (entry.isSymbolicLink() && statSync(join(root, entry.name)).isDirectory()))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Every file below a folder, recursively, as paths relative to it with '/' separators, sorted;
 * only files whose name ends with one of `extensions` (case-insensitive) when given.
 */
export function listFiles(root: string, extensions?: readonly string[]): string[] {
  checkFolder(root);
  const wanted = extensions?.map((extension) => extension.toLowerCase());
  const files: string[] = [];
  const walk = (folder: string, relative: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && statSync(path).isDirectory());
      if (isDirectory) walk(path, name);
      else if (!wanted || wanted.some((extension) => entry.name.toLowerCase().endsWith(extension))) files.push(name);
    }
  };
  walk(root, '');
  return files.sort();
}

function checkFolder(root: string): void {
  if (!existsSync(root)) throw new DatasetError(`The data folder ${root} does not exist`, root);
  if (!statSync(root).isDirectory()) throw new DatasetError(`${root} is not a folder`, root);
}
