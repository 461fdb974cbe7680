import type { Tensor } from '../core/tensor';
import { Module } from './module';

/** Returns its input unchanged, as `torch.nn.Identity` (a placeholder in configurable networks). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}
