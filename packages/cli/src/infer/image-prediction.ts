import { type ClassScore, topK } from './top-k';

/** The prediction for one image. */
export interface ImagePrediction {
  image: string;
  pred_label: number;
  /** The name of the predicted class, when the config's dataset names its classes. */
  pred_class?: string;
  pred_score: number;
  /** The best classes, best first. */
  topk: ClassScore[];
}

/**
 * The prediction of an image from its class scores: its `k` best classes (named with `classes`
 * when given), the first of which is the predicted one.
 *
 * @example
 * imagePrediction('cat.png', Float32Array.of(0.9, 0.1), 1, ['cat', 'dog']);
 * // { image: 'cat.png', pred_label: 0, pred_class: 'cat', pred_score: 0.9, topk: [{ label: 0, class: 'cat', score: 0.9 }] }
 */
export function imagePrediction(image: string, scores: ArrayLike<number>, k: number, classes?: readonly string[]): ImagePrediction {
  const best = topK(scores, k, classes);
  const first = best[0];
  if (!first) throw new RangeError(`imagePrediction: no class scores for ${image}`);
  return { image, pred_label: first.label, ...(first.class === undefined ? {} : { pred_class: first.class }), pred_score: first.score, topk: best };
}
