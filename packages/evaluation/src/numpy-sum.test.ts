import { describe, expect, it } from 'vitest';
import { numpyMean, numpySum } from './numpy-sum';
import { readFixture } from './__fixtures__/fixtures';

interface SumCase {
  name: string;
  values: number[];
  sum: number;
  mean: number;
}

describe('numpySum', () => {
  it.each(readFixture<SumCase[]>('numpy-sum.json').map((item) => [item.name, item] as const))(
    'sums %s in numpy order',
    (_, item) => {
      expect(numpySum(item.values)).toBe(item.sum);
      expect(numpyMean(item.values)).toBe(item.mean);
    },
  );
});
