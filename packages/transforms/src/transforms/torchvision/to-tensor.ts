import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { transposeImage } from '../formatting/transpose';
import { pilImage } from './torchvision-options';

const f32 = Math.fround;

/** `torchvision/PILToTensor`: a PIL image becomes a uint8 CHW tensor image (values unchanged). */
export class TorchvisionPILToTensor implements Transform {
  static readonly optionNames: string[] = [];

  constructor(_options: Record<string, never> = {}) {}

  transform(results: Sample): Sample {
    results.img = transposeImage(pilImage(results, 'torchvision/PILToTensor'), [2, 0, 1]);
    return results;
  }
}

/** `torchvision/ToTensor`: a PIL image becomes a float32 CHW tensor image in [0, 1]. */
export class TorchvisionToTensor implements Transform {
  static readonly optionNames: string[] = [];

  constructor(_options: Record<string, never> = {}) {}

  transform(results: Sample): Sample {
    const chw = transposeImage(pilImage(results, 'torchvision/ToTensor'), [2, 0, 1]);
    const data = new Float32Array(chw.data.length);
    for (let i = 0; i < data.length; i++) data[i] = f32((chw.data[i] as number) / 255);
    results.img = { ...chw, data };
    return results;
  }
}
