import type { DType } from '@mmpt/tensor';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/**
 * SGD variants: no momentum; momentum on the first step (the buffer starts as the direction);
 * momentum with a buffer.
 */
export type SgdVariant = 'plain' | 'first' | 'buffered';

/**
 * WGSL of one SGD step per element, as PyTorch 1.13: `d = ±grad + weightDecay · param`, the
 * momentum buffer `momentum · buffer + (1 - dampening) · d` (or `d` on the first step), the step
 * `d + momentum · buffer` with Nesterov, else the buffer. Bindings: param, grad[, buffer] (read),
 * param'[, buffer'] (write). Parameters: `[count, lr, momentum, dampening, weightDecay, sign, nesterov]`.
 */
export function sgdWgsl(dtype: DType, variant: SgdVariant): string {
  const read = (name: string) => toCompute(`${name}[index]`, dtype, 'f32');
  const write = (name: string, value: string) => `${name}[index] = ${fromCompute(value, 'f32', dtype)};`;
  const bindings =
    variant === 'plain'
      ? [bindingWgsl(1, 'param', dtype, 'read'), bindingWgsl(2, 'grad', dtype, 'read'), bindingWgsl(3, 'param_out', dtype, 'read_write')]
      : variant === 'first'
        ? [bindingWgsl(1, 'param', dtype, 'read'), bindingWgsl(2, 'grad', dtype, 'read'), bindingWgsl(3, 'param_out', dtype, 'read_write'), bindingWgsl(4, 'buffer_out', dtype, 'read_write')]
        : [
            bindingWgsl(1, 'param', dtype, 'read'),
            bindingWgsl(2, 'grad', dtype, 'read'),
            bindingWgsl(3, 'buffer', dtype, 'read'),
            bindingWgsl(4, 'param_out', dtype, 'read_write'),
            bindingWgsl(5, 'buffer_out', dtype, 'read_write'),
          ];
  const body =
    variant === 'plain'
      ? `  ${write('param_out', 'p - lr * d')}`
      : `  let momentum = pf(2u);
  ${variant === 'first' ? 'let b = d;' : `let b = momentum * ${read('buffer')} + (1.0 - pf(3u)) * d;`}
  ${write('buffer_out', 'b')}
  let step = select(b, d + momentum * b, pu(6u) != 0u);
  ${write('param_out', 'p - lr * step')}`;
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindings.join('\n')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let lr = pf(1u);
  let p = ${read('param')};
  let d = pf(5u) * ${read('grad')} + pf(4u) * p;
${body}
}
`;
}

/**
 * WGSL of one Adam/AdamW step per element, as PyTorch 1.13's single-tensor implementation.
 * Parameters: `[count, stepSize = lr / (1 - beta1^t), beta1, beta2, eps, sign, addedDecay,
 * shrink = 1 - lr · decay (AdamW), sqrt(1 - beta2^t)]`. With `inPlace` the outputs were copied
 * from the inputs and are updated where they are (for devices with few storage bindings);
 * otherwise inputs and outputs are separate bindings.
 */
export function adamWgsl(dtype: DType, amsgrad: boolean, inPlace: boolean): string {
  const names = ['param', 'grad', 'exp_avg', 'exp_avg_sq', ...(amsgrad ? ['max_exp_avg_sq'] : [])];
  const outputs = ['param', 'exp_avg', 'exp_avg_sq', ...(amsgrad ? ['max_exp_avg_sq'] : [])];
  const bindings: string[] = [];
  if (inPlace) {
    bindings.push(bindingWgsl(1, 'grad', dtype, 'read'));
    outputs.forEach((name, at) => bindings.push(bindingWgsl(2 + at, `${name}_out`, dtype, 'read_write')));
  } else {
    names.forEach((name, at) => bindings.push(bindingWgsl(1 + at, name, dtype, 'read')));
    outputs.forEach((name, at) => bindings.push(bindingWgsl(1 + names.length + at, `${name}_out`, dtype, 'read_write')));
  }
  const source = (name: string) => toCompute(`${inPlace && name !== 'grad' ? `${name}_out` : name}[index]`, dtype, 'f32');
  const write = (name: string, value: string) => `${name}_out[index] = ${fromCompute(value, 'f32', dtype)};`;
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindings.join('\n')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let beta1 = pf(2u);
  let beta2 = pf(3u);
  let original = ${source('param')};
  let p = original * pf(7u);
  let g = pf(5u) * ${source('grad')} + pf(6u) * original;
  let m = beta1 * ${source('exp_avg')} + (1.0 - beta1) * g;
  let v = beta2 * ${source('exp_avg_sq')} + (1.0 - beta2) * g * g;
  ${write('exp_avg', 'm')}
  ${write('exp_avg_sq', 'v')}
  var denominator_source = v;
  ${
    amsgrad
      ? `let previous = ${source('max_exp_avg_sq')};
  if (previous > v || is_nan(previous)) { denominator_source = previous; }
  ${write('max_exp_avg_sq', 'denominator_source')}`
      : ''
  }
  let denominator = sqrt(denominator_source) / pf(8u) + pf(4u);
  ${write('param', 'p - pf(1u) * m / denominator')}
}
`;
}
