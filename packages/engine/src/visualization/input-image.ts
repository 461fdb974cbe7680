import { type Image, createImage } from '@mmpt/transforms';

/**
 * An input image as the model's data preprocessor receives it (CHW values on the 0-255 scale, what
 * `PackInputs` makes) turned into a uint8 HWC RGB image to draw on: values are rounded and clipped
 * to 0..255, one- and two-channel images (gray, gray and alpha) become gray RGB, a fourth channel
 * (alpha) is dropped, and three-channel BGR input (`bgr`) has its red and blue swapped.
 *
 * @example
 * inputToRgbImage(await tensor.data(), [3, 224, 224], true);
 */
export function inputToRgbImage(values: ArrayLike<number>, shape: readonly number[], bgr: boolean): Image {
  const [channels, height, width] = shape.length === 2 ? [1, shape[0], shape[1]] : shape;
  if (shape.length < 2 || shape.length > 3 || channels === undefined || height === undefined || width === undefined) {
    throw new RangeError(`inputToRgbImage: expects a CHW or HW image, got shape [${shape.join(', ')}]`);
  }
  if (channels < 1 || channels > 4) throw new RangeError(`inputToRgbImage: expects 1 to 4 channels, got ${channels} (shape [${shape.join(', ')}])`);
  if (values.length !== channels * height * width) throw new RangeError(`inputToRgbImage: ${values.length} values do not fit shape [${shape.join(', ')}]`);
  const plane = height * width;
  const sources = channels >= 3 ? (bgr ? [2, 1, 0] : [0, 1, 2]) : [0, 0, 0];
  const data = new Uint8Array(plane * 3);
  for (let pixel = 0; pixel < plane; pixel++) {
    for (let channel = 0; channel < 3; channel++) {
      const value = values[(sources[channel] as number) * plane + pixel] as number;
      data[pixel * 3 + channel] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  return createImage(height, width, 3, { data, channelOrder: 'rgb' });
}
