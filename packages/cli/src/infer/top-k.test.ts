import { describe, expect, it } from 'vitest';
import { topK } from './top-k';

describe('topK', () => {
  it('keeps the best scores, best first, named when classes are given', () => {
    const scores = Float32Array.of(0.1, 0.5, 0.2, 0.2);
    expect(topK(scores, 3, ['a', 'b', 'c', 'd'])).toEqual([
      { label: 1, class: 'b', score: 0.5 },
      { label: 2, class: 'c', score: scores[2] },
      { label: 3, class: 'd', score: scores[3] },
    ]);
    expect(topK(scores, 10).map((item) => item.label)).toEqual([1, 2, 3, 0]);
    expect(topK(scores, 1)).toEqual([{ label: 1, score: 0.5 }]);
  });
});
