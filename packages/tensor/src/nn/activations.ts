import type { Tensor } from '../core/tensor';
import { elu, gelu, hardsigmoid, hardswish, leakyRelu, relu6, silu } from '../ops/nn/activations';
import { softmax } from '../ops/nn/softmax';
import { relu, sigmoid, tanh } from '../ops/unary';
import { Module } from './module';
import { pythonFloat } from './python-repr';

/** `max(x, 0)`, as `torch.nn.ReLU`. */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/** `min(max(x, 0), 6)`, as `torch.nn.ReLU6`. */
export class ReLU6 extends Module {
  forward(x: Tensor): Tensor {
    return relu6(x);
  }
}

/** `x` for positive inputs, `negativeSlope · x` otherwise, as `torch.nn.LeakyReLU` (slope 0.01). */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negative_slope=${pythonFloat(this.negativeSlope)}`;
  }
}

/** `x` for positive inputs, `alpha · (eˣ - 1)` otherwise, as `torch.nn.ELU` (alpha 1). */
export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${pythonFloat(this.alpha)}`;
  }
}

/** The Gaussian error linear unit, exact or with the tanh approximation, as `torch.nn.GELU`. */
export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
    if (approximate !== 'none' && approximate !== 'tanh') throw new RangeError(`GELU: approximate must be 'none' or 'tanh', got "${String(approximate)}"`);
  }

  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** `x · sigmoid(x)` (swish), as `torch.nn.SiLU`. */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/** `x · relu6(x + 3) / 6`, as `torch.nn.Hardswish`. */
export class Hardswish extends Module {
  forward(x: Tensor): Tensor {
    return hardswish(x);
  }
}

/** `relu6(x + 3) / 6`, as `torch.nn.Hardsigmoid`. */
export class Hardsigmoid extends Module {
  forward(x: Tensor): Tensor {
    return hardsigmoid(x);
  }
}

/** `1 / (1 + e⁻ˣ)`, as `torch.nn.Sigmoid`. */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/** The hyperbolic tangent, as `torch.nn.Tanh`. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/**
 * Softmax along `axis`, as `torch.nn.Softmax(dim)`. The axis is required (PyTorch's implicit
 * choice without one is deprecated).
 */
export class Softmax extends Module {
  constructor(readonly axis: number) {
    super();
    if (!Number.isInteger(axis)) throw new TypeError(`Softmax: axis must be an integer, got ${String(axis)}`);
  }

  forward(x: Tensor): Tensor {
    return softmax(x, this.axis);
  }

  override extraRepr(): string {
    return `dim=${this.axis}`;
  }
}
