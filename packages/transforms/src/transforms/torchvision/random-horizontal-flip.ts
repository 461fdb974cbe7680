import type { Generator } from '@mmpt/tensor';
import { imflip } from '../../ops/flip';
import { checkProbability } from '../../pipeline/checks';
import { uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link TorchvisionRandomHorizontalFlip}. */
export interface TorchvisionRandomHorizontalFlipOptions {
  /** Defaults to 0.5. */
  p?: number;
}

/** `torchvision/RandomHorizontalFlip`: flips with probability `p` (PIL or tensor images). */
export class TorchvisionRandomHorizontalFlip implements Transform {
  readonly p: number;

  static readonly optionNames = ['p'];

  constructor(options: TorchvisionRandomHorizontalFlipOptions = {}) {
    this.p = checkProbability(options.p ?? 0.5, 'torchvision/RandomHorizontalFlip', 'p');
  }

  transform(results: Sample, generator: Generator): Sample {
    if (generator.uniform() < this.p) results.img = imflip(sampleImage(results, 'torchvision/RandomHorizontalFlip'), 'horizontal');
    return results;
  }
}
