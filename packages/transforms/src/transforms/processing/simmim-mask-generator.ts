import type { Generator } from '@mmpt/tensor';
import { permutation } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';

/** The options of {@link SimMIMMaskGenerator}. */
export interface SimMIMMaskGeneratorOptions {
  /** Defaults to 192. */
  input_size?: number;
  /** Defaults to 32. */
  mask_patch_size?: number;
  /** Defaults to 4. */
  model_patch_size?: number;
  /** Defaults to 0.6. */
  mask_ratio?: number;
}

/**
 * SimMIM's random block mask (MMPretrain's `SimMIMMaskGenerator`): `ceil(ratio * tokens)` of the
 * `(input_size / mask_patch_size)^2` blocks are masked, then each block is repeated to the model's
 * patch grid. Sets `mask` (int32, `[input_size / model_patch_size]^2`).
 *
 * @example
 * new SimMIMMaskGenerator({ input_size: 192, mask_patch_size: 32, model_patch_size: 4, mask_ratio: 0.6 }); // mask 48x48
 */
export class SimMIMMaskGenerator implements Transform {
  readonly inputSize: number;
  readonly maskPatchSize: number;
  readonly modelPatchSize: number;
  readonly maskRatio: number;
  readonly randSize: number;
  readonly scale: number;
  readonly tokenCount: number;
  readonly maskCount: number;

  static readonly optionNames = ['input_size', 'mask_patch_size', 'model_patch_size', 'mask_ratio'];

  constructor(options: SimMIMMaskGeneratorOptions = {}) {
    this.inputSize = options.input_size ?? 192;
    this.maskPatchSize = options.mask_patch_size ?? 32;
    this.modelPatchSize = options.model_patch_size ?? 4;
    this.maskRatio = options.mask_ratio ?? 0.6;
    if (this.inputSize % this.maskPatchSize !== 0) {
      throw new RangeError(`SimMIMMaskGenerator: input_size (${this.inputSize}) must be a multiple of mask_patch_size (${this.maskPatchSize})`);
    }
    if (this.maskPatchSize % this.modelPatchSize !== 0) {
      throw new RangeError(`SimMIMMaskGenerator: mask_patch_size (${this.maskPatchSize}) must be a multiple of model_patch_size (${this.modelPatchSize})`);
    }
    if (!(this.maskRatio >= 0 && this.maskRatio <= 1)) throw new RangeError(`SimMIMMaskGenerator: mask_ratio must be in [0, 1], got ${this.maskRatio}`);
    this.randSize = this.inputSize / this.maskPatchSize;
    this.scale = this.maskPatchSize / this.modelPatchSize;
    this.tokenCount = this.randSize ** 2;
    this.maskCount = Math.ceil(this.tokenCount * this.maskRatio);
  }

  transform(results: Sample, generator: Generator): Sample {
    const masked = new Uint8Array(this.tokenCount);
    for (const index of permutation(generator, this.tokenCount).slice(0, this.maskCount)) masked[index] = 1;
    const side = this.randSize * this.scale;
    const data = new Int32Array(side * side);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) data[y * side + x] = masked[Math.floor(y / this.scale) * this.randSize + Math.floor(x / this.scale)] as number;
    }
    results.mask = { data, shape: [side, side] };
    return results;
  }
}
