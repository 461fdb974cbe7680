import { type Tensor, add, clone, div, greater, logicalAnd, mul, norm, sub, where } from '@mmpt/tensor';
import { assign } from './assign';
import { Optimizer, type ParameterState, REQUIRED } from './optimizer';
import { type ParamGroup, type ParamsInput, booleanOption, numberOption } from './param-group';
import { checkAtLeast } from './validate-options';

/** The options of {@link LARS}, with MMPretrain's names and defaults. */
export interface LARSOptions {
  params: ParamsInput;
  /** The base learning rate (required). */
  lr?: number;
  momentum?: number;
  weight_decay?: number;
  dampening?: number;
  /** The LARS coefficient (default 0.001). */
  eta?: number;
  nesterov?: boolean;
  /** Added to the denominator of the local learning rate (default 1e-8); not a group option. */
  eps?: number;
}

/**
 * Layer-wise adaptive rate scaling for SGD, as MMPretrain's `LARS` (You et al., 2017): each
 * parameter's step is scaled by the local rate
 * `eta · ‖param‖ / (‖grad‖ + weight_decay · ‖param‖ + eps)` (1 when either norm is zero, or for a
 * group with `lars_exclude: true`), then SGD momentum (dampening, Nesterov) applies to
 * `(grad + weight_decay · param) · lr · local_lr`. State: `momentum_buffer`. The local rate is
 * computed on the device, so no value is read back.
 *
 * @example
 * const optimizer = new LARS({ params: model.parameters(), lr: 4.8, momentum: 0.9, weight_decay: 1e-6 });
 */
export class LARS extends Optimizer {
  /** The constant added to the local rate's denominator. */
  readonly eps: number;

  constructor(options: LARSOptions) {
    const defaults = {
      lr: options.lr ?? REQUIRED,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weight_decay: options.weight_decay ?? 0,
      nesterov: options.nesterov ?? false,
      eta: options.eta ?? 0.001,
    };
    if (options.lr !== undefined) checkAtLeast('LARS', 'learning rate', options.lr);
    checkAtLeast('LARS', 'momentum value', defaults.momentum);
    checkAtLeast('LARS', 'weight_decay value', defaults.weight_decay);
    checkAtLeast('LARS', 'LARS coefficient value', defaults.eta);
    if (defaults.nesterov && (defaults.momentum <= 0 || defaults.dampening !== 0)) {
      throw new RangeError(
        `LARS: Nesterov momentum requires a momentum and zero dampening (momentum ${defaults.momentum}, dampening ${defaults.dampening})`,
      );
    }
    super(options.params, defaults, options, ['eps']);
    this.eps = options.eps ?? 1e-8;
  }

  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void {
    const owner = 'LARS';
    const lr = numberOption(group, 'lr', owner);
    const weightDecay = numberOption(group, 'weight_decay', owner);
    const momentum = numberOption(group, 'momentum', owner);
    const dampening = numberOption(group, 'dampening', owner);
    const eta = numberOption(group, 'eta', owner);
    let scaled: Tensor;
    if (booleanOption(group, 'lars_exclude', owner)) {
      scaled = mul(add(grad, mul(param, weightDecay)), lr);
    } else {
      const weightNorm = norm(param);
      const gradNorm = norm(grad);
      const local = div(mul(weightNorm, eta), add(add(gradNorm, mul(weightNorm, weightDecay)), this.eps));
      const both = logicalAnd(greater(weightNorm, 0), greater(gradNorm, 0));
      const actual = mul(where(both, local, 1), lr);
      scaled = mul(add(grad, mul(param, weightDecay)), actual);
    }
    let direction = scaled;
    if (momentum !== 0) {
      const previous = state.momentum_buffer;
      const buffer =
        previous !== undefined && previous !== null && typeof previous === 'object'
          ? this.setStateTensor(state, 'momentum_buffer', add(mul(previous, momentum), mul(scaled, 1 - dampening)))
          : this.setStateTensor(state, 'momentum_buffer', clone(scaled));
      direction = booleanOption(group, 'nesterov', owner) ? add(scaled, mul(buffer, momentum)) : buffer;
    }
    assign(param, sub(param, direction));
  }
}
