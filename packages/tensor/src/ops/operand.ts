import { type DType, isFloating, promoteTypes } from '../core/dtype';
import type { Tensor } from '../core/tensor';
import { scalarLike } from './creation';
import { cast } from './cast';

/** A tensor or a plain number, which acts as a scalar tensor of a fitting dtype. */
export type Operand = Tensor | number;

/**
 * Turns two operands into two tensors of one dtype (PyTorch's promotion; a Python-style scalar does
 * not widen a tensor's dtype unless it is a float scalar with an integer tensor). Returns the
 * temporaries created, for the caller to dispose after the op.
 */
export function binaryOperands(op: string, a: Operand, b: Operand): { a: Tensor; b: Tensor; dtype: DType; temporaries: Tensor[] } {
  if (typeof a === 'number' && typeof b === 'number') throw new TypeError(`${op}: at least one operand must be a tensor`);
  const temporaries: Tensor[] = [];
  const scalarDType = (value: number, other: Tensor): DType => {
    if (isFloating(other.dtype)) return other.dtype;
    return Number.isInteger(value) ? (other.dtype === 'bool' ? 'int32' : other.dtype) : 'float32';
  };
  let dtype: DType;
  if (typeof a === 'number') dtype = scalarDType(a, b as Tensor);
  else if (typeof b === 'number') dtype = scalarDType(b, a);
  else dtype = promoteTypes(a.dtype, b.dtype);
  const convert = (operand: Operand, other: Operand): Tensor => {
    if (typeof operand === 'number') {
      const scalar = scalarLike(other as Tensor, operand, dtype);
      temporaries.push(scalar);
      return scalar;
    }
    if (operand.dtype === dtype) return operand;
    const converted = cast(operand, dtype);
    temporaries.push(converted);
    return converted;
  };
  return { a: convert(a, b), b: convert(b, a), dtype, temporaries };
}

/** Disposes temporaries once an op no longer needs them (the graph keeps its own handles). */
export function disposeAll(tensors: readonly Tensor[]): void {
  for (const tensor of tensors) tensor.dispose();
}
