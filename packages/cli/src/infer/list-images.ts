import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from '@mmpt/datasets';
import { CliError } from '../cli-error';

/** The extensions `mmpt infer` takes from a folder: CustomDataset's, plus WebP, GIF and TIFF. */
export const INFER_EXTENSIONS: readonly string[] = [...IMAGE_EXTENSIONS, '.tiff', '.webp', '.gif'];

/**
 * The images to classify: the file itself, or every image file directly in a folder, sorted by
 * name. A missing path or a folder without images is a {@link CliError}.
 */
export function listImages(target: string): string[] {
  if (!existsSync(target)) throw new CliError(`Image or folder not found: ${target}`);
  if (!statSync(target).isDirectory()) return [target];
  const files = readdirSync(target)
    .filter((name) => INFER_EXTENSIONS.includes(extname(name).toLowerCase()) && statSync(join(target, name)).isFile())
    .sort()
    .map((name) => join(target, name));
  if (files.length === 0) throw new CliError(`No image files (${INFER_EXTENSIONS.join(', ')}) in the folder ${target}`);
  return files;
}
