import type { Tensor } from '../core/tensor';
import { flatten } from '../ops/reshape';
import { Module } from './module';

/**
 * Flattens the axes `startAxis` to `endAxis` (inclusive) into one, as `torch.nn.Flatten`
 * (default: all but the batch axis).
 */
export class Flatten extends Module {
  constructor(
    readonly startAxis = 1,
    readonly endAxis = -1,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startAxis, this.endAxis);
  }

  override extraRepr(): string {
    return `start_dim=${this.startAxis}, end_dim=${this.endAxis}`;
  }
}
