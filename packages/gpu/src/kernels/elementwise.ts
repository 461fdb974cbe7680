import type { BinaryKernel, ComparisonKernel, LogicalKernel, UnaryKernel } from './kernel-names';
import type { GpuTensor } from '../runtime/gpu-storage';
import { broadcastStrides, collapseAxes, contiguousStrides } from './broadcast';
import { ELEMENTWISE_WORKGROUP, type InputAccess, type InputLoad, type OutputStore, elementwiseWgsl } from './elementwise.wgsl';
import { type GpuKernel, type KernelContext, floatBits, gridFor } from './kernel-context';
import { SCALAR_MATH_WGSL } from './math.wgsl';
import { type ComputeType, computeTypeOf, storageType } from './wgsl-common';

/** One elementwise computation: how inputs load, what is computed, how the result is stored. */
interface Elementwise {
  /** Names the variant in the pipeline key. */
  readonly variant: string;
  readonly loads: readonly InputLoad[];
  readonly computeType: ComputeType;
  readonly expression: string;
  readonly store: OutputStore;
  readonly extras?: readonly number[];
}

/** Records an elementwise kernel over broadcast inputs into a contiguous output. */
function launch(context: KernelContext, inputs: readonly GpuTensor[], output: GpuTensor, spec: Elementwise): void {
  const count = output.size;
  const views = collapseAxes(output.shape, [contiguousStrides(output.shape), ...inputs.map((input) => broadcastStrides(input.shape, output.shape))]);
  const access: InputAccess[] = inputs.map((input) => (input.size === count ? 'same' : input.size === 1 ? 'scalar' : 'strided'));
  const strided = access.some((mode) => mode === 'strided');
  const rank = strided ? views.shape.length : 0;
  const extras = spec.extras ?? [];
  const params: number[] = [count, ...extras];
  if (strided) {
    params.push(...views.shape);
    access.forEach((mode, at) => {
      if (mode === 'strided') params.push(...(views.strides[at + 1] as number[]));
    });
  }
  const shaderInputs = inputs.map((input, at) => ({ dtype: input.dtype, load: spec.loads[at] as InputLoad, access: access[at] as InputAccess }));
  const key = `${spec.variant}|${shaderInputs.map((input) => `${input.dtype}:${input.load}:${input.access}`).join(',')}|${output.dtype}|${spec.computeType}|r${rank}`;
  context.dispatch(
    {
      kernel: context.kernel,
      key,
      storage: [...inputs.map(() => 'read' as const), 'read_write'],
      wgsl: () =>
        elementwiseWgsl({
          inputs: shaderInputs,
          output: { dtype: output.dtype, store: spec.store },
          computeType: spec.computeType,
          expression: spec.expression,
          extraWords: extras.length,
          helpers: SCALAR_MATH_WGSL,
          rank,
        }),
    },
    params,
    [...inputs.map((input) => input.storage), output.storage],
    gridFor(count, ELEMENTWISE_WORKGROUP, context.maxWorkgroupsPerDimension),
  );
}

const UNARY_FLOAT: Record<UnaryKernel, string> = {
  neg: '-a0',
  abs: 'abs(a0)',
  exp: 'exp(a0)',
  log: 'log(a0)',
  log1p: 'log1p_f32(a0)',
  expm1: 'expm1_f32(a0)',
  sqrt: 'sqrt(a0)',
  rsqrt: '1.0 / sqrt(a0)',
  square: 'a0 * a0',
  reciprocal: '1.0 / a0',
  sign: 'sign_f32(a0)',
  floor: 'floor(a0)',
  ceil: 'ceil(a0)',
  round: 'round(a0)',
  sigmoid: 'sigmoid_f32(a0)',
  tanh: 'tanh_f32(a0)',
  // The NaN guard is explicit: NVIDIA's Vulkan compiler turns a bare select into max, which drops NaN.
  relu: 'select(select(a0, 0.0, a0 <= 0.0), a0, is_nan(a0))',
  erf: 'erf_f32(a0)',
  sin: 'sin(a0)',
  cos: 'cos(a0)',
};

/** Unary ops that integer tensors compute exactly in i32 (the rest go through f32, as the CPU does). */
const UNARY_INTEGER: Partial<Record<UnaryKernel, string>> = {
  neg: '-a0',
  abs: 'abs(a0)',
  square: 'a0 * a0',
  sign: 'sign(a0)',
  floor: 'a0',
  ceil: 'a0',
  round: 'a0',
  relu: 'max(a0, 0)',
};

/** The GPU kernel of a unary op. */
export function unaryKernel(name: UnaryKernel): GpuKernel<Record<string, never>> {
  return (context, [input], [output]) => {
    const integer = computeTypeOf(output!.dtype) === 'i32' ? UNARY_INTEGER[name] : undefined;
    const computeType: ComputeType = integer === undefined ? 'f32' : 'i32';
    launch(context, [input!], output!, { variant: name, loads: ['compute'], computeType, expression: integer ?? UNARY_FLOAT[name], store: 'compute' });
  };
}

const BINARY_FLOAT: Record<BinaryKernel, string> = {
  add: 'a0 + a1',
  sub: 'a0 - a1',
  mul: 'a0 * a1',
  div: 'a0 / a1',
  pow: 'pow_f32(a0, a1)',
  maximum: 'maximum_f32(a0, a1)',
  minimum: 'minimum_f32(a0, a1)',
  atan2: 'atan2(a0, a1)',
};

const BINARY_INTEGER: Partial<Record<BinaryKernel, string>> = {
  add: 'a0 + a1',
  sub: 'a0 - a1',
  mul: 'a0 * a1',
  pow: 'pow_i32(a0, a1)',
  maximum: 'max(a0, a1)',
  minimum: 'min(a0, a1)',
};

const COMPARISON: Record<ComparisonKernel, string> = {
  equal: 'a0 == a1',
  notEqual: '!(a0 == a1)',
  less: 'a0 < a1',
  lessEqual: 'a0 <= a1',
  greater: 'a0 > a1',
  greaterEqual: 'a0 >= a1',
};

const LOGICAL: Record<LogicalKernel, string> = {
  logicalAnd: 'a0 && a1',
  logicalOr: 'a0 || a1',
  logicalXor: 'a0 != a1',
};

function isComparison(name: string): name is ComparisonKernel {
  return name in COMPARISON;
}

function isLogical(name: string): name is LogicalKernel {
  return name in LOGICAL;
}

/** The GPU kernel of a broadcasting binary op (arithmetic, comparison or logical). */
export function binaryKernel(name: BinaryKernel | ComparisonKernel | LogicalKernel): GpuKernel<Record<string, never>> {
  return (context, [left, right], [output]) => {
    const inputs = [left!, right!];
    if (isLogical(name)) {
      launch(context, inputs, output!, { variant: name, loads: ['truth', 'truth'], computeType: 'i32', expression: LOGICAL[name], store: 'bool' });
      return;
    }
    if (isComparison(name)) {
      const computeType: ComputeType = computeTypeOf(left!.dtype) === 'i32' && computeTypeOf(right!.dtype) === 'i32' ? 'i32' : 'f32';
      launch(context, inputs, output!, { variant: name, loads: ['compute', 'compute'], computeType, expression: COMPARISON[name], store: 'bool' });
      return;
    }
    const integer = computeTypeOf(output!.dtype) === 'i32' ? BINARY_INTEGER[name] : undefined;
    const computeType: ComputeType = integer === undefined ? 'f32' : 'i32';
    launch(context, inputs, output!, { variant: name, loads: ['compute', 'compute'], computeType, expression: integer ?? BINARY_FLOAT[name], store: 'compute' });
  };
}

/** `where(condition, a, b)` with broadcasting of all three inputs. */
export const whereKernel: GpuKernel<Record<string, never>> = (context, [condition, left, right], [output]) => {
  const sameType = left!.dtype === output!.dtype && right!.dtype === output!.dtype;
  const computeType = computeTypeOf(output!.dtype);
  launch(context, [condition!, left!, right!], output!, {
    variant: 'where',
    loads: ['truth', sameType ? 'raw' : 'compute', sameType ? 'raw' : 'compute'],
    computeType,
    expression: 'select(a2, a1, a0)',
    store: sameType ? 'raw' : 'compute',
  });
};

/** Converts to the output's dtype: to bool non-zero is true; float to int32 truncates toward zero. */
export const castKernel: GpuKernel<Record<string, never>> = (context, [input], [output]) => {
  const from = input!.dtype;
  const to = output!.dtype;
  if (to === 'bool') {
    launch(context, [input!], output!, { variant: 'cast', loads: ['truth'], computeType: 'i32', expression: 'a0', store: 'bool' });
    return;
  }
  if (from === to) {
    launch(context, [input!], output!, { variant: 'cast', loads: ['raw'], computeType: computeTypeOf(to), expression: 'a0', store: 'raw' });
    return;
  }
  const computeType: ComputeType = from === 'float32' || from === 'float16' ? 'f32' : 'i32';
  launch(context, [input!], output!, { variant: 'cast', loads: ['compute'], computeType, expression: 'a0', store: 'compute' });
};

/** Clamps into [min, max]; either bound may be absent; NaN stays NaN. */
export const clampKernel: GpuKernel<{ min?: number; max?: number }> = (context, [input], [output], { min, max }) => {
  if (computeTypeOf(output!.dtype) === 'f32') {
    const low = min ?? Number.NEGATIVE_INFINITY;
    const high = max ?? Number.POSITIVE_INFINITY;
    launch(context, [input!], output!, {
      variant: 'clamp',
      loads: ['compute'],
      computeType: 'f32',
      // NaN is kept by an explicit test: drivers may compile the comparisons into min/max, which drop it.
      expression: 'select(select(select(a0, pf(2u), a0 > pf(2u)), pf(1u), a0 < pf(1u)), a0, is_nan(a0))',
      store: 'compute',
      extras: [floatBits(low), floatBits(high)],
    });
    return;
  }
  // For an integer x and a real bound m: x < m exactly when x < ceil(m); the stored bound is trunc(m).
  const bound = (value: number) => Math.max(-2147483648, Math.min(2147483647, value));
  const lowCompare = min === undefined ? -2147483648 : bound(Math.ceil(min));
  const highCompare = max === undefined ? 2147483647 : bound(Math.floor(max));
  const lowValue = min === undefined ? 0 : bound(Math.trunc(min));
  const highValue = max === undefined ? 0 : bound(Math.trunc(max));
  launch(context, [input!], output!, {
    variant: 'clamp',
    loads: ['compute'],
    computeType: 'i32',
    expression: 'select(select(a0, pi(4u), a0 > pi(2u)), pi(3u), a0 < pi(1u))',
    store: 'compute',
    extras: [lowCompare, highCompare, lowValue, highValue],
  });
};

/** Fills the output with one value (bit-exact, NaN included). */
export const fillKernel: GpuKernel<{ value: number }> = (context, _inputs, [output], { value }) => {
  const dtype = output!.dtype;
  const bits = dtype === 'float32' ? floatBits(value) : dtype === 'bool' ? (value ? 1 : 0) : dtype === 'int32' ? value | 0 : floatBits(value);
  const expression = dtype === 'float16' ? 'f16(pf(1u))' : `bitcast<${storageType(dtype)}>(pu(1u))`;
  launch(context, [], output!, { variant: 'fill', loads: [], computeType: computeTypeOf(dtype), expression, store: 'raw', extras: [bits] });
};

/** Elementwise NOT of truth values. */
export const logicalNotKernel: GpuKernel<Record<string, never>> = (context, [input], [output]) => {
  launch(context, [input!], output!, { variant: 'logicalNot', loads: ['truth'], computeType: 'i32', expression: '!a0', store: 'bool' });
};

/** Whether each element is NaN (never, for integer and bool tensors). */
export const isNanKernel: GpuKernel<Record<string, never>> = (context, [input], [output]) => {
  const floating = input!.dtype === 'float32' || input!.dtype === 'float16';
  launch(context, [input!], output!, {
    variant: 'isNan',
    loads: [floating ? 'compute' : 'raw'],
    computeType: 'f32',
    expression: floating ? 'is_nan(a0)' : 'false',
    store: 'bool',
  });
};

/** The gradient of relu from its output: `output > 0 ? grad : 0` (NaN outputs give 0). Inputs: grad, relu output. */
export const reluBackwardKernel: GpuKernel<Record<string, never>> = (context, [gradOutput, reluOutput], [gradInput]) => {
  launch(context, [gradOutput!, reluOutput!], gradInput!, {
    variant: 'reluBackward',
    loads: ['compute', 'compute'],
    computeType: 'f32',
    expression: 'select(0.0, a0, a1 > 0.0)',
    store: 'compute',
  });
};
