import { cropRegion } from '../../ops/crop';
import { impad } from '../../ops/pad';
import { pythonRound } from '../../ops/rounding';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { pilImage, sizePair } from './torchvision-options';

/** The options of {@link TorchvisionCenterCrop}. */
export interface TorchvisionCenterCropOptions {
  /** An int or `(h, w)`. */
  size: number | readonly number[];
}

/** `torchvision/CenterCrop` on a PIL image: pads with zeros when too small, offsets rounded half to even. */
export class TorchvisionCenterCrop implements Transform {
  readonly size: [number, number];

  static readonly optionNames = ['size'];

  constructor(options: TorchvisionCenterCropOptions) {
    this.size = sizePair(options.size, 'torchvision/CenterCrop');
  }

  transform(results: Sample): Sample {
    let image = pilImage(results, 'torchvision/CenterCrop');
    const [cropHeight, cropWidth] = this.size;
    if (cropWidth > image.width || cropHeight > image.height) {
      const left = cropWidth > image.width ? Math.floor((cropWidth - image.width) / 2) : 0;
      const top = cropHeight > image.height ? Math.floor((cropHeight - image.height) / 2) : 0;
      const right = cropWidth > image.width ? Math.floor((cropWidth - image.width + 1) / 2) : 0;
      const bottom = cropHeight > image.height ? Math.floor((cropHeight - image.height + 1) / 2) : 0;
      image = impad(image, { padding: [left, top, right, bottom], fill: new Array<number>(image.channels).fill(0) });
    }
    const top = pythonRound((image.height - cropHeight) / 2);
    const left = pythonRound((image.width - cropWidth) / 2);
    results.img = cropRegion(image, top, left, cropHeight, cropWidth);
    return results;
  }
}
