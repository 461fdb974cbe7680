/**
 * The weights of not-a-knot cubic spline interpolation: row `j` of the result holds the weights
 * that give the spline through `(nodes[k], y[k])` at `points[j]` as `sum_k weights[j][k] * y[k]`.
 * This is the interpolating spline FITPACK builds with `s = 0` and degree 3 (the knots are the
 * nodes without the second and the second-to-last), which SciPy's `interp2d(kind='cubic')` uses
 * on each axis of a grid. Points outside the nodes are clamped to the end nodes, as FITPACK's
 * evaluation does. Needs at least 4 increasing nodes. Computed in float64.
 *
 * @example
 * const weights = notAKnotSplineWeights([0, 1, 2, 3, 4], [0.5, 2.5]);
 */
export function notAKnotSplineWeights(nodes: readonly number[], points: readonly number[]): Float64Array[] {
  const count = nodes.length;
  if (count < 4) throw new RangeError(`notAKnotSplineWeights: a cubic spline needs at least 4 nodes, got ${count}`);
  for (let index = 1; index < count; index++) {
    if (!((nodes[index] as number) > (nodes[index - 1] as number))) throw new RangeError(`notAKnotSplineWeights: the nodes must increase, got ${nodes.join(', ')}`);
  }
  const widths = Array.from({ length: count - 1 }, (_, index) => (nodes[index + 1] as number) - (nodes[index] as number));
  // The second derivatives at the nodes are a linear function of the values: moments = inverse(A) * B * values.
  const system = Array.from({ length: count }, () => new Float64Array(count));
  const rightHand = Array.from({ length: count }, () => new Float64Array(count));
  const width = (index: number) => widths[index] as number;
  // Not-a-knot: the third derivative is continuous at the second node and at the second-to-last.
  (system[0] as Float64Array).set([width(1), -(width(0) + width(1)), width(0)], 0);
  const last = count - 1;
  (system[last] as Float64Array).set([width(last - 1), -(width(last - 2) + width(last - 1)), width(last - 2)], last - 2);
  for (let row = 1; row < last; row++) {
    const equation = system[row] as Float64Array;
    equation[row - 1] = width(row - 1);
    equation[row] = 2 * (width(row - 1) + width(row));
    equation[row + 1] = width(row);
    const values = rightHand[row] as Float64Array;
    values[row - 1] = 6 / width(row - 1);
    values[row] = -6 / width(row - 1) - 6 / width(row);
    values[row + 1] = 6 / width(row);
  }
  const moments = solve(system, rightHand);
  return points.map((point) => {
    const x = Math.min(Math.max(point, nodes[0] as number), nodes[last] as number);
    let interval = 0;
    while (interval < last - 1 && x > (nodes[interval + 1] as number)) interval++;
    const h = width(interval);
    const right = (nodes[interval + 1] as number) - x;
    const left = x - (nodes[interval] as number);
    const weights = new Float64Array(count);
    const lowMoment = moments[interval] as Float64Array;
    const highMoment = moments[interval + 1] as Float64Array;
    for (let k = 0; k < count; k++) {
      weights[k] = ((lowMoment[k] as number) * right ** 3) / (6 * h) + ((highMoment[k] as number) * left ** 3) / (6 * h) - ((lowMoment[k] as number) * h * right) / 6 - ((highMoment[k] as number) * h * left) / 6;
    }
    weights[interval] = (weights[interval] as number) + right / h;
    weights[interval + 1] = (weights[interval + 1] as number) + left / h;
    return weights;
  });
}

/** Solves `A X = B` (A square) by Gaussian elimination with partial pivoting; returns X's rows. */
function solve(matrix: Float64Array[], rightHand: Float64Array[]): Float64Array[] {
  const size = matrix.length;
  const a: Float64Array[] = matrix.map((row) => Float64Array.from(row));
  const b: Float64Array[] = rightHand.map((row) => Float64Array.from(row));
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) if (Math.abs((a[row] as Float64Array)[column] as number) > Math.abs((a[pivot] as Float64Array)[column] as number)) pivot = row;
    [a[column], a[pivot]] = [a[pivot] as Float64Array, a[column] as Float64Array];
    [b[column], b[pivot]] = [b[pivot] as Float64Array, b[column] as Float64Array];
    const pivotRow = a[column] as Float64Array;
    const pivotValues = b[column] as Float64Array;
    const diagonal = pivotRow[column] as number;
    for (let row = column + 1; row < size; row++) {
      const current = a[row] as Float64Array;
      const factor = (current[column] as number) / diagonal;
      if (factor === 0) continue;
      for (let k = column; k < size; k++) current[k] = (current[k] as number) - factor * (pivotRow[k] as number);
      const values = b[row] as Float64Array;
      for (let k = 0; k < values.length; k++) values[k] = (values[k] as number) - factor * (pivotValues[k] as number);
    }
  }
  for (let column = size - 1; column >= 0; column--) {
    const row = a[column] as Float64Array;
    const values = b[column] as Float64Array;
    for (let k = column + 1; k < size; k++) {
      const factor = row[k] as number;
      if (factor === 0) continue;
      const known = b[k] as Float64Array;
      for (let j = 0; j < values.length; j++) values[j] = (values[j] as number) - factor * (known[j] as number);
    }
    const diagonal = row[column] as number;
    for (let j = 0; j < values.length; j++) values[j] = (values[j] as number) / diagonal;
  }
  return b;
}
