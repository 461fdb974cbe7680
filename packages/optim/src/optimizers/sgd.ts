import { type Tensor, add, clone, mul, neg, runKernel } from '@mmpt/tensor';
import { assign } from './assign';
import { canFuseUpdate, stateTensor } from './fused-update';
import { Optimizer, type ParameterState, REQUIRED } from './optimizer';
import { type ParamGroup, type ParamsInput, booleanOption, numberOption } from './param-group';
import { checkAtLeast } from './validate-options';

/** The options of {@link SGD}, with PyTorch's names and defaults. */
export interface SGDOptions {
  params: ParamsInput;
  /** The learning rate (required, here or in every group). */
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch 1.13's update rule: weight decay adds
 * `weight_decay · param` to the gradient; with momentum the buffer starts as the first gradient and
 * then becomes `momentum · buf + (1 - dampening) · grad`; Nesterov steps along
 * `grad + momentum · buf`. State: `momentum_buffer`. A backend with the fused `sgdUpdate` kernel
 * runs the whole update of a parameter as one kernel.
 *
 * @example
 * const optimizer = new SGD({ params: model.parameters(), lr: 0.1, momentum: 0.9, weight_decay: 1e-4 });
 */
export class SGD extends Optimizer {
  constructor(options: SGDOptions) {
    const defaults = {
      lr: options.lr ?? REQUIRED,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weight_decay: options.weight_decay ?? 0,
      nesterov: options.nesterov ?? false,
      maximize: options.maximize ?? false,
    };
    if (options.lr !== undefined) checkAtLeast('SGD', 'learning rate', options.lr);
    checkAtLeast('SGD', 'momentum value', defaults.momentum);
    checkAtLeast('SGD', 'weight_decay value', defaults.weight_decay);
    if (defaults.nesterov && (defaults.momentum <= 0 || defaults.dampening !== 0)) {
      throw new RangeError(
        `SGD: Nesterov momentum requires a momentum and zero dampening (momentum ${defaults.momentum}, dampening ${defaults.dampening})`,
      );
    }
    super(options.params, defaults, options);
  }

  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void {
    const lr = numberOption(group, 'lr', 'SGD');
    const momentum = numberOption(group, 'momentum', 'SGD');
    const dampening = numberOption(group, 'dampening', 'SGD');
    const weightDecay = numberOption(group, 'weight_decay', 'SGD');
    const previousBuffer = momentum !== 0 ? stateTensor(state.momentum_buffer) : undefined;
    if (canFuseUpdate('sgdUpdate', param, [grad, previousBuffer])) {
      const spec = { shape: param.shape, dtype: param.dtype };
      const [next, buffer] = runKernel('sgdUpdate', previousBuffer ? [param, grad, previousBuffer] : [param, grad], momentum !== 0 ? [spec, spec] : [spec], {
        lr,
        momentum,
        dampening,
        weightDecay,
        nesterov: booleanOption(group, 'nesterov', 'SGD'),
        maximize: booleanOption(group, 'maximize', 'SGD'),
      });
      if (buffer) this.setStateTensor(state, 'momentum_buffer', buffer);
      else if (!('momentum_buffer' in state)) state.momentum_buffer = null;
      assign(param, next as Tensor);
      return;
    }
    let direction = booleanOption(group, 'maximize', 'SGD') ? neg(grad) : grad;
    if (weightDecay !== 0) direction = add(direction, mul(param, weightDecay));
    if (momentum !== 0) {
      const previous = state.momentum_buffer;
      let buffer: Tensor;
      if (previous === undefined || previous === null || typeof previous !== 'object') {
        buffer = this.setStateTensor(state, 'momentum_buffer', clone(direction));
      } else {
        buffer = this.setStateTensor(state, 'momentum_buffer', add(mul(previous, momentum), mul(direction, 1 - dampening)));
      }
      direction = booleanOption(group, 'nesterov', 'SGD') ? add(direction, mul(buffer, momentum)) : buffer;
    } else if (!('momentum_buffer' in state)) {
      state.momentum_buffer = null;
    }
    assign(param, add(param, mul(direction, -lr)));
  }
}
