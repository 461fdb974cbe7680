import { imageShape } from '../../image/image';
import type { PaddingMode } from '../../ops/border';
import { impad } from '../../ops/pad';
import { checkChoice } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link Pad} (mmcv's names). */
export interface PadOptions {
  /** Pad to this fixed `(w, h)`. */
  size?: readonly [number, number];
  /** Pad each edge up to a multiple of this. */
  size_divisor?: number;
  /** Pad to a square of the longer edge. Defaults to false. */
  pad_to_square?: boolean;
  /** The fill of `constant` padding: a number, one value per channel, or `{ img, seg }`. Defaults to 0. */
  pad_val?: number | readonly number[] | { img?: number | readonly number[]; seg?: number };
  /** Defaults to `'constant'`. */
  padding_mode?: PaddingMode;
}

/**
 * Pads the image at the bottom and right to a fixed size, to a multiple of `size_divisor`, or to a
 * square (mmcv's `Pad`). Sets `img`, `img_shape`, `pad_shape`, `pad_fixed_size`,
 * `pad_size_divisor`.
 *
 * @example
 * new Pad({ size: [224, 224], pad_val: 0 });
 */
export class Pad implements Transform {
  readonly size: readonly [number, number] | undefined;
  readonly sizeDivisor: number | undefined;
  readonly padToSquare: boolean;
  readonly padValue: number | readonly number[];
  readonly paddingMode: PaddingMode;

  static readonly optionNames = ['size', 'size_divisor', 'pad_to_square', 'pad_val', 'padding_mode'];

  constructor(options: PadOptions) {
    this.size = options.size;
    this.sizeDivisor = options.size_divisor;
    this.padToSquare = options.pad_to_square ?? false;
    if (this.padToSquare) {
      if (this.size !== undefined) throw new Error('Pad: size must be absent when pad_to_square is true');
    } else if ((this.size === undefined) === (this.sizeDivisor === undefined)) {
      throw new Error('Pad: give exactly one of size and size_divisor (or pad_to_square)');
    }
    if (this.sizeDivisor !== undefined && !(Number.isInteger(this.sizeDivisor) && this.sizeDivisor > 0)) {
      throw new RangeError(`Pad: size_divisor must be a positive integer, got ${this.sizeDivisor}`);
    }
    const padValue = options.pad_val ?? 0;
    this.padValue = typeof padValue === 'object' && !Array.isArray(padValue) ? ((padValue as { img?: number | readonly number[] }).img ?? 0) : (padValue as number | readonly number[]);
    this.paddingMode = checkChoice(options.padding_mode ?? 'constant', ['constant', 'edge', 'reflect', 'symmetric'], 'Pad', 'padding_mode');
  }

  transform(results: Sample): Sample {
    const image = sampleImage(results, 'Pad');
    let shape: [number, number] | undefined;
    if (this.padToSquare) {
      const side = Math.max(image.height, image.width);
      shape = [side, side];
    }
    if (this.sizeDivisor !== undefined) {
      const base = shape ?? [image.height, image.width];
      shape = [Math.ceil(base[0] / this.sizeDivisor) * this.sizeDivisor, Math.ceil(base[1] / this.sizeDivisor) * this.sizeDivisor];
    } else if (this.size !== undefined) {
      shape = [this.size[1], this.size[0]];
    }
    const fill = typeof this.padValue === 'number' ? new Array<number>(image.channels).fill(this.padValue) : [...this.padValue];
    if (fill.length !== image.channels) throw new RangeError(`Pad: pad_val has ${fill.length} values but the image has ${image.channels} channels`);
    const padded = impad(image, { shape: shape as [number, number], fill, paddingMode: this.paddingMode });
    results.img = padded;
    results.pad_shape = imageShape(padded);
    results.pad_fixed_size = this.size;
    results.pad_size_divisor = this.sizeDivisor;
    results.img_shape = imageShape(padded).slice(0, 2);
    return results;
  }
}
