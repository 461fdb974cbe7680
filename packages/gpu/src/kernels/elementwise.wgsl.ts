import type { DType } from '@mmpt/tensor';
import { type ComputeType, MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute, truthOf } from './wgsl-common';

/** How an input of an elementwise kernel is indexed: like the output, as a scalar, or by strides. */
export type InputAccess = 'same' | 'scalar' | 'strided';

/** How an input value reaches the expression: converted to the compute type, as a truth value, or as stored. */
export type InputLoad = 'compute' | 'truth' | 'raw';

/** How the expression's value is stored: from the compute type, from a WGSL bool, or as is. */
export type OutputStore = 'compute' | 'bool' | 'raw';

/** One elementwise kernel variant. */
export interface ElementwiseShader {
  readonly inputs: readonly { dtype: DType; load: InputLoad; access: InputAccess }[];
  readonly output: { dtype: DType; store: OutputStore };
  readonly computeType: ComputeType;
  /** The value of output element `index`, from the loaded inputs `a0`, `a1`, ... and extra parameters `pf(1u)`, .... */
  readonly expression: string;
  /** Extra parameter words after the element count. */
  readonly extraWords: number;
  /** WGSL functions the expression uses. */
  readonly helpers: string;
  /** Axes of the (collapsed) output shape, when an input is strided. */
  readonly rank: number;
}

/** Threads per workgroup of elementwise kernels. */
export const ELEMENTWISE_WORKGROUP = 256;

/**
 * WGSL of an elementwise kernel. Parameters: `[count, extras..., shape[rank], strides of each
 * strided input[rank]...]`; the output is contiguous.
 */
export function elementwiseWgsl(shader: ElementwiseShader): string {
  const { inputs, output, computeType, rank } = shader;
  const shapeBase = 1 + shader.extraWords;
  const declarations = inputs.map((input, at) => bindingWgsl(at + 1, `input${at}`, input.dtype, 'read'));
  declarations.push(bindingWgsl(inputs.length + 1, 'output', output.dtype, 'read_write'));
  const strided = inputs.map((input, at) => (input.access === 'strided' ? at : -1)).filter((at) => at >= 0);
  const lines: string[] = [];
  if (strided.length > 0) {
    for (const at of strided) lines.push(`  var offset${at} = 0u;`);
    lines.push('  var rest = index;');
    for (let axis = rank - 1; axis >= 0; axis--) {
      lines.push(`  { let size = pu(${shapeBase + axis}u); let coordinate = rest % size; rest = rest / size;`);
      strided.forEach((at, order) => lines.push(`    offset${at} += coordinate * pu(${shapeBase + rank * (order + 1) + axis}u);`));
      lines.push('  }');
    }
  }
  inputs.forEach((input, at) => {
    const position = input.access === 'same' ? 'index' : input.access === 'scalar' ? '0u' : `offset${at}`;
    const raw = `input${at}[${position}]`;
    const loaded = input.load === 'raw' ? raw : input.load === 'truth' ? truthOf(raw, input.dtype) : toCompute(raw, input.dtype, computeType);
    lines.push(`  let a${at} = ${loaded};`);
  });
  if (output.store === 'raw') lines.push(`  output[index] = ${shader.expression};`);
  else if (output.store === 'bool') lines.push(`  output[index] = select(0u, 1u, ${shader.expression});`);
  else {
    lines.push(`  let value: ${computeType} = ${shader.expression};`);
    lines.push(`  output[index] = ${fromCompute('value', computeType, output.dtype)};`);
  }
  return `${enables([...inputs.map((input) => input.dtype), output.dtype])}${PARAMS_WGSL}${MATH_WGSL}${shader.helpers}
${declarations.join('\n')}
${mainHeader(ELEMENTWISE_WORKGROUP)}
  if (index >= pu(0u)) { return; }
${lines.join('\n')}
}
`;
}
