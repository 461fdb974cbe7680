/** One of the best classes of a prediction. */
export interface ClassScore {
  /** The class index. */
  label: number;
  /** The class name, when the dataset names its classes. */
  class?: string;
  score: number;
}

/**
 * The `k` highest scores, best first (ties keep the lower index first), named with `classes`
 * when given.
 *
 * @example
 * topK(Float32Array.of(0.1, 0.7, 0.2), 2, ['cat', 'dog', 'bird']); // dog 0.7, bird 0.2
 */
export function topK(scores: ArrayLike<number>, k: number, classes?: readonly string[]): ClassScore[] {
  const order = Array.from({ length: scores.length }, (_, index) => index);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, Math.max(0, Math.min(k, scores.length))).map((label) => {
    const name = classes?.[label];
    return name === undefined ? { label, score: scores[label] as number } : { label, class: name, score: scores[label] as number };
  });
}
