import { type Image } from '../../image/image';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link Transpose}. */
export interface TransposeOptions {
  /** The keys holding images to transpose. */
  keys: readonly string[];
  /** The new order of the axes, as numpy's `transpose` (e.g. `[2, 0, 1]` for HWC -> CHW). */
  order: readonly number[];
}

/**
 * Transposes image arrays (MMPretrain's `Transpose`): `[2, 0, 1]` turns HWC into CHW, `[1, 2, 0]`
 * CHW into HWC, `[1, 0, 2]` swaps the image's height and width.
 *
 * @example
 * new Transpose({ keys: ['img'], order: [2, 0, 1] });
 */
export class Transpose implements Transform {
  readonly keys: readonly string[];
  readonly order: readonly number[];

  static readonly optionNames = ['keys', 'order'];

  constructor(options: TransposeOptions) {
    const sorted = [...(options.order ?? [])].sort();
    if (sorted.join() !== '0,1,2') throw new RangeError(`Transpose: order must be a permutation of [0, 1, 2], got ${JSON.stringify(options.order)}`);
    this.keys = [...options.keys];
    this.order = [...options.order];
  }

  transform(results: Sample): Sample {
    for (const key of this.keys) results[key] = transposeImage(sampleImage(results, 'Transpose', key), this.order);
    return results;
  }
}

/** Permutes the axes of an image (see {@link Transpose}). */
export function transposeImage(image: Image, order: readonly number[]): Image {
  const axes = image.layout === 'chw' ? (['c', 'h', 'w'] as const) : (['h', 'w', 'c'] as const);
  const sizes = { h: image.height, w: image.width, c: image.channels };
  const newAxes = order.map((index) => axes[index] as 'h' | 'w' | 'c');
  const names = newAxes.join('');
  const layout = names === 'hwc' || names === 'whc' ? 'hwc' : names === 'chw' || names === 'cwh' ? 'chw' : undefined;
  if (!layout) throw new RangeError(`Transpose: the order ${JSON.stringify(order)} puts the channels in the middle (${names}), which images cannot hold`);
  const swapped = names === 'whc' || names === 'cwh';
  const height = swapped ? image.width : image.height;
  const width = swapped ? image.height : image.width;
  const outSizes = newAxes.map((axis) => sizes[axis]);
  const inStrides: Record<'h' | 'w' | 'c', number> = image.layout === 'chw'
    ? { c: image.height * image.width, h: image.width, w: 1 }
    : { h: image.width * image.channels, w: image.channels, c: 1 };
  const data = image.data instanceof Float32Array ? new Float32Array(image.data.length) : new Uint8Array(image.data.length);
  const [s0, s1, s2] = outSizes as [number, number, number];
  const [a0, a1, a2] = newAxes.map((axis) => inStrides[axis]) as [number, number, number];
  let out = 0;
  for (let i = 0; i < s0; i++) for (let j = 0; j < s1; j++) for (let k = 0; k < s2; k++) data[out++] = image.data[i * a0 + j * a1 + k * a2] as number;
  return { ...image, height, width, data, layout };
}
