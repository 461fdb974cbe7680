import type { Generator } from '@mmpt/tensor';
import { pythonRound } from '../../ops/rounding';
import { randomInteger, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';

/** The options of {@link BEiTMaskGenerator}. */
export interface BEiTMaskGeneratorOptions {
  /** The patch grid size (an int for a square, or `(h, w)`). */
  input_size: number | readonly [number, number];
  /** How many patches to mask. */
  num_masking_patches: number;
  /** Defaults to 4. */
  min_num_patches?: number;
  /** Defaults to `num_masking_patches`. */
  max_num_patches?: number | null;
  /** Defaults to 0.3. */
  min_aspect?: number;
  /** Defaults to `1 / min_aspect`. */
  max_aspect?: number | null;
}

/**
 * BEiT's block-wise mask (MMPretrain's `BEiTMaskGenerator`): random rectangles of patches are added
 * until exactly `num_masking_patches` are masked. Sets `mask` (int32, `[h, w]` patches).
 *
 * @example
 * new BEiTMaskGenerator({ input_size: 14, num_masking_patches: 75, max_num_patches: null, min_num_patches: 16 });
 */
export class BEiTMaskGenerator implements Transform {
  readonly height: number;
  readonly width: number;
  readonly numPatches: number;
  readonly numMaskingPatches: number;
  readonly minNumPatches: number;
  readonly maxNumPatches: number;
  readonly logAspectRatio: [number, number];

  static readonly optionNames = ['input_size', 'num_masking_patches', 'min_num_patches', 'max_num_patches', 'min_aspect', 'max_aspect'];

  constructor(options: BEiTMaskGeneratorOptions) {
    const size = typeof options.input_size === 'number' ? [options.input_size, options.input_size] : options.input_size;
    [this.height, this.width] = [size[0] as number, size[1] as number];
    this.numPatches = this.height * this.width;
    this.numMaskingPatches = options.num_masking_patches;
    if (!Number.isInteger(this.numMaskingPatches) || this.numMaskingPatches < 0 || this.numMaskingPatches > this.numPatches) {
      throw new RangeError(`BEiTMaskGenerator: num_masking_patches must be an integer in [0, ${this.numPatches}], got ${options.num_masking_patches}`);
    }
    this.minNumPatches = options.min_num_patches ?? 4;
    this.maxNumPatches = options.max_num_patches ?? this.numMaskingPatches;
    const minAspect = options.min_aspect ?? 0.3;
    const maxAspect = options.max_aspect || 1 / minAspect;
    this.logAspectRatio = [Math.log(minAspect), Math.log(maxAspect)];
  }

  #maskOnce(mask: Int32Array, maxMaskPatches: number, generator: Generator): number {
    let delta = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const targetArea = uniform(generator, this.minNumPatches, maxMaskPatches);
      const aspectRatio = Math.exp(uniform(generator, this.logAspectRatio[0], this.logAspectRatio[1]));
      const h = pythonRound(Math.sqrt(targetArea * aspectRatio));
      const w = pythonRound(Math.sqrt(targetArea / aspectRatio));
      if (w < this.width && h < this.height) {
        const top = randomInteger(generator, 0, this.height - h);
        const left = randomInteger(generator, 0, this.width - w);
        let numMasked = 0;
        for (let y = top; y < top + h; y++) for (let x = left; x < left + w; x++) numMasked += mask[y * this.width + x] as number;
        if (h * w - numMasked > 0 && h * w - numMasked <= maxMaskPatches) {
          for (let y = top; y < top + h; y++) {
            for (let x = left; x < left + w; x++) {
              if (mask[y * this.width + x] === 0) {
                mask[y * this.width + x] = 1;
                delta++;
              }
            }
          }
        }
        if (delta > 0) break;
      }
    }
    return delta;
  }

  transform(results: Sample, generator: Generator): Sample {
    const mask = new Int32Array(this.numPatches);
    let count = 0;
    let idleRounds = 0;
    while (count !== this.numMaskingPatches) {
      const maxMaskPatches = Math.min(this.numMaskingPatches - count, this.maxNumPatches);
      const delta = this.#maskOnce(mask, maxMaskPatches, generator);
      count += delta;
      idleRounds = delta === 0 ? idleRounds + 1 : 0;
      if (idleRounds > 10000) {
        throw new Error(
          `BEiTMaskGenerator: cannot mask ${this.numMaskingPatches} patches of a ${this.height}x${this.width} grid with min_num_patches ${this.minNumPatches} (stuck at ${count})`,
        );
      }
    }
    results.mask = { data: mask, shape: [this.height, this.width] };
    return results;
  }
}
