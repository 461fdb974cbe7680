import { isHostArray } from '@mmpt/structures';
import { Tensor } from '@mmpt/tensor';
import { type Image, createImage, imresize, isImage, scaleSize } from '@mmpt/transforms';

/** How the three channels of the pipeline's images are read: MMPretrain's `--channel-order`. */
export type DisplayChannelOrder = 'BGR' | 'RGB';

/**
 * The images a pipeline value holds, as uint8 HWC images ready to be written: an `Image` (HWC or
 * CHW, uint8 or float), a CHW host array or tensor (what `PackInputs` makes), or a list of these
 * (`MultiView`). Float values are rounded and clipped to 0..255. Three-channel images are read in
 * `channelOrder` whatever their own label says, as MMPretrain's browser does (CIFAR images are
 * RGB: browse them with `-c RGB`). Anything else gives no image.
 */
export function displayImages(value: unknown, channelOrder: DisplayChannelOrder): Image[] {
  if (Array.isArray(value)) return value.flatMap((item) => displayImages(item, channelOrder));
  if (isImage(value)) {
    const layout = value.layout === 'chw' ? 'chw' : 'hwc';
    return [toDisplay(value.data, value.height, value.width, value.channels, layout, channelOrder)];
  }
  if (value instanceof Tensor) return displayImages({ data: value.dataSync(), shape: [...value.shape] }, channelOrder);
  if (isHostArray(value)) {
    const shape = value.shape;
    if (shape.length === 2) return [toDisplay(value.data, shape[0] as number, shape[1] as number, 1, 'chw', channelOrder)];
    if (shape.length === 3) return [toDisplay(value.data, shape[1] as number, shape[2] as number, shape[0] as number, 'chw', channelOrder)];
  }
  return [];
}

/** An image rescaled by a factor with bilinear interpolation (mmcv's `imrescale`). */
export function rescaleImage(image: Image, factor: number): Image {
  if (factor === 1) return image;
  const [width, height] = scaleSize([image.width, image.height], factor);
  return imresize(image, [Math.max(1, width), Math.max(1, height)], 'bilinear');
}

function toDisplay(
  source: ArrayLike<number>,
  height: number,
  width: number,
  channels: number,
  layout: 'hwc' | 'chw',
  channelOrder: DisplayChannelOrder,
): Image {
  // Two channels (gray and alpha) show as gray; more than four keep the first three.
  const kept = channels === 2 ? 1 : channels > 4 ? 3 : channels;
  const data = new Uint8Array(height * width * kept);
  const plane = height * width;
  for (let pixel = 0; pixel < plane; pixel++) {
    for (let c = 0; c < kept; c++) {
      const value = layout === 'hwc' ? (source[pixel * channels + c] as number) : (source[c * plane + pixel] as number);
      data[pixel * kept + c] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  const order = kept === 1 ? 'gray' : kept === 4 ? (channelOrder === 'BGR' ? 'bgra' : 'rgba') : channelOrder === 'BGR' ? 'bgr' : 'rgb';
  return createImage(height, width, kept, { data, channelOrder: order });
}
