import { type Tensor, add, div, maximum, mul, neg, runKernel, sqrt, zerosLike } from '@mmpt/tensor';
import { assign } from './assign';
import { canFuseUpdate, stateTensor } from './fused-update';
import type { ParameterState } from './optimizer';
import { type ParamGroup, booleanOption, numberOption, pairOption } from './param-group';

/** Stores a state tensor (first time) or writes it in place (afterwards). */
export type StateWriter = (state: ParameterState, key: string, value: Tensor) => Tensor;

/**
 * One Adam or AdamW update of `param`, as PyTorch 1.13's single-tensor implementation: with
 * `decoupled` (AdamW) the weight decay shrinks the parameter by `1 - lr · weight_decay`, otherwise
 * (Adam) it is added to the gradient. State: `step`, `exp_avg`, `exp_avg_sq` and, with `amsgrad`,
 * `max_exp_avg_sq`. A backend with the fused `adamUpdate` kernel runs the whole update as one kernel.
 */
export function adamUpdate(
  owner: string,
  param: Tensor,
  grad: Tensor,
  group: ParamGroup,
  state: ParameterState,
  write: StateWriter,
  decoupled: boolean,
): void {
  const lr = numberOption(group, 'lr', owner);
  const [beta1, beta2] = pairOption(group, 'betas', owner);
  const eps = numberOption(group, 'eps', owner);
  const weightDecay = numberOption(group, 'weight_decay', owner);
  const amsgrad = booleanOption(group, 'amsgrad', owner);
  const maximize = booleanOption(group, 'maximize', owner);
  if (state.step === undefined) {
    state.step = 0;
    write(state, 'exp_avg', zerosLike(param));
    write(state, 'exp_avg_sq', zerosLike(param));
    if (amsgrad) write(state, 'max_exp_avg_sq', zerosLike(param));
  }
  const step = (state.step as number) + 1;
  state.step = step;
  const moments = [stateTensor(state.exp_avg), stateTensor(state.exp_avg_sq)];
  if (amsgrad) moments.push(stateTensor(state.max_exp_avg_sq) ?? write(state, 'max_exp_avg_sq', zerosLike(param)));
  if (moments.every((moment) => moment !== undefined) && canFuseUpdate('adamUpdate', param, [grad, ...moments])) {
    const spec = { shape: param.shape, dtype: param.dtype };
    const [next, expAvg, expAvgSq, maxExpAvgSq] = runKernel('adamUpdate', [param, grad, ...(moments as Tensor[])], [spec, ...moments.map(() => spec)], {
      lr,
      beta1,
      beta2,
      eps,
      weightDecay,
      decoupled,
      maximize,
      amsgrad,
      step,
    });
    write(state, 'exp_avg', expAvg as Tensor);
    write(state, 'exp_avg_sq', expAvgSq as Tensor);
    if (maxExpAvgSq) write(state, 'max_exp_avg_sq', maxExpAvgSq);
    assign(param, next as Tensor);
    return;
  }
  let gradient = maximize ? neg(grad) : grad;
  if (decoupled) assign(param, mul(param, 1 - lr * weightDecay));
  else if (weightDecay !== 0) gradient = add(gradient, mul(param, weightDecay));
  const expAvg = write(state, 'exp_avg', add(mul(state.exp_avg as Tensor, beta1), mul(gradient, 1 - beta1)));
  const expAvgSq = write(
    state,
    'exp_avg_sq',
    add(mul(state.exp_avg_sq as Tensor, beta2), mul(mul(gradient, 1 - beta2), gradient)),
  );
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
  let second = expAvgSq;
  if (amsgrad) {
    const previous = state.max_exp_avg_sq;
    const running = previous !== null && typeof previous === 'object' ? previous : write(state, 'max_exp_avg_sq', zerosLike(param));
    second = write(state, 'max_exp_avg_sq', maximum(running, expAvgSq));
  }
  const denominator = add(div(sqrt(second), biasCorrection2Sqrt), eps);
  assign(param, add(param, div(mul(expAvg, -stepSize), denominator)));
}

/** Validates Adam-style options with PyTorch's checks. */
export function checkAdamOptions(owner: string, options: { lr: number; betas: readonly number[]; eps: number; weight_decay: number }): void {
  const fail = (label: string, value: unknown): never => {
    throw new RangeError(`${owner}: invalid ${label}: ${String(value)}`);
  };
  if (!(options.lr >= 0)) fail('learning rate', options.lr);
  if (!(options.eps >= 0)) fail('epsilon value', options.eps);
  if (!Array.isArray(options.betas) || options.betas.length !== 2) fail('betas (expected a pair)', JSON.stringify(options.betas));
  const [beta1, beta2] = options.betas as [number, number];
  if (!(beta1 >= 0 && beta1 < 1)) fail('beta parameter at index 0', beta1);
  if (!(beta2 >= 0 && beta2 < 1)) fail('beta parameter at index 1', beta2);
  if (!(options.weight_decay >= 0)) fail('weight_decay value', options.weight_decay);
}
