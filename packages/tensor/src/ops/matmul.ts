import { recordOp } from '../autograd/record-op';
import { isFloating } from '../core/dtype';
import { broadcastShapes, formatShape, sizeOf } from '../core/shape';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { add } from './arithmetic';
import { disposeAll } from './operand';
import { reshape } from './reshape';
import { expand } from './strided';
import { sumToShape } from './sum-to-shape';

/**
 * Matrix product with NumPy's `matmul` rules: 1-D operands are promoted to a row (first) or a
 * column (second) and the added axis removed; leading (batch) axes broadcast.
 *
 * @example
 * matmul(x, transpose(w)); // [batch, in] x [in, out]
 */
export function matmul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  if (a.rank === 0 || b.rank === 0) throw new RangeError('matmul: operands must have at least one dimension');
  if (a.dtype !== b.dtype) throw new TypeError(`matmul: dtypes differ (${a.dtype} and ${b.dtype})`);
  if (!isFloating(a.dtype)) throw new TypeError(`matmul: operands must be floating-point, got ${a.dtype}; cast them to float32 first`);
  const left = a.rank === 1 ? reshape(a, [1, a.size]) : a;
  const right = b.rank === 1 ? reshape(b, [b.size, 1]) : b;
  const [m, k] = transposeA ? [left.shape[left.rank - 1], left.shape[left.rank - 2]] : [left.shape[left.rank - 2], left.shape[left.rank - 1]];
  const [k2, n] = transposeB ? [right.shape[right.rank - 1], right.shape[right.rank - 2]] : [right.shape[right.rank - 2], right.shape[right.rank - 1]];
  if (k !== k2) {
    throw new RangeError(`matmul: inner dimensions differ: ${formatShape(a.shape)}${transposeA ? 'ᵀ' : ''} x ${formatShape(b.shape)}${transposeB ? 'ᵀ' : ''}`);
  }
  const batch = broadcastShapes(left.shape.slice(0, -2), right.shape.slice(0, -2), 'matmul');
  const batchSize = sizeOf(batch);
  const as3d = (x: Tensor): Tensor => {
    const own = x.shape.slice(0, -2);
    const matrix = x.shape.slice(-2);
    if (sizeOf(own) === 1) return reshape(x, [1, ...matrix]);
    if (own.length === batch.length && own.every((dimension, axis) => dimension === batch[axis])) return reshape(x, [batchSize, ...matrix]);
    const expanded = expand(x, [...batch, ...matrix]);
    const result = reshape(expanded, [batchSize, ...matrix]);
    expanded.dispose();
    return result;
  };
  const a3 = as3d(left);
  const b3 = as3d(right);
  const product = runKernel1('matmul', [a3, b3], { shape: [batchSize, m as number, n as number], dtype: a.dtype }, { transposeA, transposeB });
  let shape = [...batch, m as number, n as number];
  if (a.rank === 1) shape = shape.filter((_, axis) => axis !== shape.length - 2);
  if (b.rank === 1) shape = shape.slice(0, -1);
  const output = reshape(product, shape);
  product.dispose();
  disposeAll([a3, b3].filter((item) => item !== a && item !== b));
  if (left !== a) left.dispose();
  if (right !== b) right.dispose();
  const [shapeA, shapeB] = [a.shape, b.shape];
  return recordOp(
    'matmul',
    [a, b],
    output,
    (grad, [savedA, savedB]) => {
      const g = reshape(grad, [...batch, m as number, n as number]);
      const x = (savedA as Tensor).rank === 1 ? reshape(savedA as Tensor, [1, (savedA as Tensor).size]) : (savedA as Tensor);
      const y = (savedB as Tensor).rank === 1 ? reshape(savedB as Tensor, [(savedB as Tensor).size, 1]) : (savedB as Tensor);
      // dA = g · op(B)ᵀ (then transposed back if A was used transposed); dB likewise.
      const gradA = transposeA ? matmul(y, g, transposeB, true) : matmul(g, y, false, !transposeB);
      const gradB = transposeB ? matmul(g, x, true, transposeA) : matmul(x, g, !transposeA, false);
      const result = [fit(gradA, shapeA), fit(gradB, shapeB)];
      disposeAll([g, gradA, gradB]);
      if (x !== savedA) x.dispose();
      if (y !== savedB) y.dispose();
      return result;
    },
    [a, b],
  );
}

/** Sums broadcast batch axes away and restores the shape of a 1-D operand. */
function fit(grad: Tensor, shape: readonly number[]): Tensor {
  const reduced = sumToShape(grad, shape.length === 1 ? grad.shape.slice(-2) : shape);
  const result = reshape(reduced, shape);
  if (reduced !== grad) reduced.dispose();
  return result;
}

/** `x · weightᵀ + bias`, as `torch.nn.functional.linear` (weight is `[out, in]`). */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const product = matmul(x, weight, false, true);
  if (!bias) return product;
  const result = add(product, bias);
  product.dispose();
  return result;
}
