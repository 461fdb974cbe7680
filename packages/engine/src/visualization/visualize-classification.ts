import type { DataSample } from '@mmpt/structures';
import { type Image, imresize, scaleSize } from '@mmpt/transforms';
import { type ClassificationLinesOptions, classificationLines } from './classification-lines';
import { drawTextBox } from './draw-text';

/** The options of {@link visualizeClassification}: MMPretrain's `visualize_cls` drawing options. */
export interface VisualizeClassificationOptions extends ClassificationLinesOptions {
  /** Resize the short edge of the image to this length first (bilinear). */
  resize?: number | undefined;
  /** Rescale the image by this factor first (bilinear), when `resize` is not given. */
  rescaleFactor?: number | undefined;
}

/**
 * MMPretrain's `get_adaptive_scale`: the short edge over 224, clamped to [0.3, 3].
 *
 * @example
 * adaptiveScale(448, 600); // 2
 */
export function adaptiveScale(height: number, width: number): number {
  return Math.min(Math.max(Math.min(height, width) / 224, 0.3), 3);
}

/**
 * Draws a classification result on a uint8 HWC RGB image, as MMPretrain's
 * `UniversalVisualizer.visualize_cls`: the image is resized (`resize`, short edge) or rescaled
 * (`rescaleFactor`) first, then the ground-truth and predicted labels (with scores and class
 * names) are written at its top left, white on a half-transparent black box, with a built-in
 * bitmap font that grows with the image (one image pixel per font pixel below a 336-pixel short
 * edge, two below 560, three above). Text that does not fit is clipped, as in MMPretrain; use `resize` for
 * small images. Returns a new image; the input is not changed.
 *
 * @example
 * const drawn = visualizeClassification(image, sample, { classes: dataset.classes, resize: 224 });
 * await writeImage('sample.png', drawn);
 */
export function visualizeClassification(image: Image, sample: DataSample, options: VisualizeClassificationOptions = {}): Image {
  if (!(image.data instanceof Uint8Array) || image.layout !== 'hwc' || image.channels !== 3) {
    throw new TypeError(`visualizeClassification: expects a uint8 HWC RGB image, got ${image.data.constructor.name} ${image.layout} with ${image.channels} channels`);
  }
  let drawn = image;
  const { resize, rescaleFactor } = options;
  if (resize !== undefined) {
    if (!Number.isInteger(resize) || resize < 1) throw new RangeError(`visualizeClassification: resize must be a positive integer, got ${resize}`);
    const { width, height } = image;
    const size: [number, number] = width < height ? [resize, Math.floor((resize * height) / width)] : [Math.floor((resize * width) / height), resize];
    drawn = imresize(image, size, 'bilinear');
  } else if (rescaleFactor !== undefined) {
    if (!(rescaleFactor > 0)) throw new RangeError(`visualizeClassification: rescale_factor must be positive, got ${rescaleFactor}`);
    const [width, height] = scaleSize([image.width, image.height], rescaleFactor);
    drawn = imresize(image, [Math.max(1, width), Math.max(1, height)], 'bilinear');
  }
  if (drawn === image) drawn = { ...image, data: image.data.slice() };
  const scale = adaptiveScale(drawn.height, drawn.width);
  drawTextBox(drawn, classificationLines(sample, options), { x: 5 * scale, y: 5 * scale, scale: Math.max(1, Math.round(scale)) });
  return drawn;
}
