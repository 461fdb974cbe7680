import { CliError } from '../cli-error';
import type { ImagePrediction } from './image-prediction';

/** An image that could not be classified: a file that does not decode, a sample the pipeline dropped... */
export interface ImageFailure {
  image: string;
  /** Its position in the list of images. */
  index: number;
  /** What went wrong, naming the image. */
  message: string;
  /** The error the pipeline threw, if it threw one. */
  cause?: unknown;
}

/**
 * The images that could not be classified, with the predictions of the others (which were
 * computed all the same): the message names the failed files, first ones first.
 */
export class ImageInferenceError extends CliError {
  override name = 'ImageInferenceError';

  constructor(
    readonly failures: readonly ImageFailure[],
    readonly predictions: readonly ImagePrediction[],
    /** Where the predictions of the other images were written, if they were. */
    readonly out?: string,
  ) {
    super(describeFailures(failures, predictions.length, out), { cause: failures[0]?.cause });
  }
}

/**
 * `Cannot decode image file "a.png": ... (the other 9 images were classified)`; with several
 * failures, `2 images could not be classified: <first>; <second>`, the first few only.
 */
export function describeFailures(failures: readonly ImageFailure[], classified: number, out?: string, shown = 3): string {
  const listed = failures.slice(0, shown).map((failure) => failure.message);
  const more = failures.length > shown ? ` (+${failures.length - shown} more)` : '';
  const head = failures.length === 1 ? (listed[0] ?? '') : `${failures.length} images could not be classified: ${listed.join('; ')}${more}`;
  if (classified === 0) return head;
  const others = `the other ${classified} image${classified === 1 ? ' was' : 's were'} classified`;
  return `${head} (${others}${out ? `; their predictions are in ${out}` : ''})`;
}
