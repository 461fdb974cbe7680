import { type Image, isImage } from '../image/image';
import type { Sample } from '../pipeline/sample';

/** The single image of a sample under `key`, or an error naming the transform. */
export function sampleImage(results: Sample, owner: string, key = 'img'): Image {
  const value = results[key];
  if (value === undefined) throw new Error(`${owner}: the sample has no "${key}" (load the image first)`);
  if (Array.isArray(value)) throw new TypeError(`${owner}: "${key}" is a list of images; wrap the transform in ApplyToList or MultiView`);
  if (!isImage(value)) throw new TypeError(`${owner}: "${key}" is not an image`);
  return value;
}
