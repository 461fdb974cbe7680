import type { Tensor } from '../core/tensor';
import { dropPath, dropout } from '../ops/nn/dropout';
import type { Generator } from '../random/generator';
import { Module } from './module';
import { pythonFloat } from './python-repr';

function checkProbability(kind: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${kind}: the drop probability must be in [0, 1], got ${p}`);
}

/**
 * Inverted dropout, as `torch.nn.Dropout`: in training mode each element is zeroed with
 * probability `p` and the survivors scaled by `1 / (1 - p)`; in evaluation mode the input passes
 * unchanged. The mask is drawn from `generator`, or the default generator.
 *
 * @example
 * const drop = new Dropout(0.1);
 */
export class Dropout extends Module {
  constructor(
    readonly p = 0.5,
    readonly options: { generator?: Generator } = {},
  ) {
    super();
    checkProbability('Dropout', p);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training, this.options.generator);
  }

  override extraRepr(): string {
    return `p=${pythonFloat(this.p)}, inplace=False`;
  }
}

/**
 * Stochastic depth, as MMPretrain's (timm's) `DropPath`: in training mode each sample of the batch
 * is zeroed with probability `dropProb` and the kept ones scaled by `1 / (1 - dropProb)`
 * (unless `scaleByKeep` is false); in evaluation mode the input passes unchanged. No parameters.
 *
 * @example
 * const dropPath = new DropPath(0.1);
 * const y = add(x, dropPath.forward(block.forward(x)));
 */
export class DropPath extends Module {
  constructor(
    readonly dropProb = 0.1,
    readonly options: { scaleByKeep?: boolean; generator?: Generator } = {},
  ) {
    super();
    checkProbability('DropPath', dropProb);
  }

  forward(x: Tensor): Tensor {
    return dropPath(x, this.dropProb, this.training, this.options.generator, this.options.scaleByKeep ?? true);
  }

  override extraRepr(): string {
    return `drop_prob=${this.dropProb.toFixed(3)}`;
  }
}
