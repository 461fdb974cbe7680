import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { tensorImage } from './torchvision-options';

const f32 = Math.fround;

/** The options of {@link TorchvisionConvertImageDtype}. */
export interface TorchvisionConvertImageDtypeOptions {
  /** The target dtype: `'float'`/`'float32'` (or `'torch.float'`), or `'uint8'`. */
  dtype: string;
}

/** `torchvision/ConvertImageDtype`: uint8 -> float32 divides by 255; float32 -> uint8 scales by 255. */
export class TorchvisionConvertImageDtype implements Transform {
  readonly dtype: 'float32' | 'uint8';

  static readonly optionNames = ['dtype'];

  constructor(options: TorchvisionConvertImageDtypeOptions) {
    const name = String(options.dtype).replace(/^torch\./, '');
    if (name === 'float' || name === 'float32') this.dtype = 'float32';
    else if (name === 'uint8') this.dtype = 'uint8';
    else throw new RangeError(`torchvision/ConvertImageDtype: dtype must be 'float', 'float32' or 'uint8', got ${JSON.stringify(options.dtype)}`);
  }

  transform(results: Sample): Sample {
    const image = tensorImage(results, 'torchvision/ConvertImageDtype');
    if (this.dtype === 'float32' && image.data instanceof Uint8Array) {
      const data = new Float32Array(image.data.length);
      for (let i = 0; i < data.length; i++) data[i] = f32((image.data[i] as number) / 255);
      results.img = { ...image, data };
    } else if (this.dtype === 'uint8' && image.data instanceof Float32Array) {
      const data = new Uint8Array(image.data.length);
      const eps = 1e-3;
      for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, Math.trunc((image.data[i] as number) * (255 + 1 - eps))));
      results.img = { ...image, data };
    }
    return results;
  }
}
