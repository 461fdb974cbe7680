import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from '../dataset-error';

/** Reads a file, gunzipping it when it starts with the gzip magic bytes. */
export function readMaybeGzipped(path: string): Uint8Array {
  if (!existsSync(path)) throw new DatasetError(`The file ${path} does not exist`, path);
  const bytes = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes);
    } catch (error) {
      throw new DatasetError(`${path}: not a valid gzip file (${(error as Error).message})`, path);
    }
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The path of `name` in `folder`, or of `name.gz` when only the gzipped file is there; undefined when neither is. */
export function findMaybeGzipped(folder: string, name: string): string | undefined {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(folder, candidate);
    if (existsSync(path)) return path;
  }
  return undefined;
}
