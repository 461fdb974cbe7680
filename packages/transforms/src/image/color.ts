import { type ChannelOrder, type Image, assertHwc, createImage, pixelDtype } from './image';

/**
 * The gray value OpenCV's `cv2.cvtColor(..., COLOR_BGR2GRAY)` gives for a uint8 pixel: 14-bit
 * fixed-point weights 0.114 B + 0.587 G + 0.299 R, rounded.
 */
export function cv2GrayUint8(blue: number, green: number, red: number): number {
  return (blue * 1868 + green * 9617 + red * 4899 + 8192) >> 14;
}

/**
 * Converts a 3- or 4-channel HWC image to one gray channel as `cv2.cvtColor(BGR2GRAY)` (channel 0
 * is taken as blue; `redFirst` reads it as red, as `RGB2GRAY`).
 *
 * @example
 * const gray = bgrToGray(image); // 1 channel, same dtype
 */
export function bgrToGray(image: Image, redFirst = false): Image {
  assertHwc(image, 'bgrToGray');
  if (image.channels < 3) throw new RangeError(`bgrToGray: expects 3 or 4 channels, got ${image.channels}`);
  const { height, width, channels } = image;
  const output = createImage(height, width, 1, { dtype: pixelDtype(image) });
  const source = image.data;
  const target = output.data;
  const blueIndex = redFirst ? 2 : 0;
  const redIndex = redFirst ? 0 : 2;
  const size = height * width;
  if (source instanceof Uint8Array) {
    for (let i = 0, at = 0; i < size; i++, at += channels) {
      target[i] = cv2GrayUint8(source[at + blueIndex] as number, source[at + 1] as number, source[at + redIndex] as number);
    }
  } else {
    const b = Math.fround(0.114);
    const g = Math.fround(0.587);
    const r = Math.fround(0.299);
    for (let i = 0, at = 0; i < size; i++, at += channels) {
      target[i] = (source[at + blueIndex] as number) * b + (source[at + 1] as number) * g + (source[at + redIndex] as number) * r;
    }
  }
  return output;
}

/** Repeats a one-channel image into three channels (`cv2.cvtColor(GRAY2BGR)`). */
export function grayToBgr(image: Image, channelOrder: ChannelOrder = 'bgr'): Image {
  assertHwc(image, 'grayToBgr');
  if (image.channels !== 1) throw new RangeError(`grayToBgr: expects 1 channel, got ${image.channels}`);
  const output = createImage(image.height, image.width, 3, { dtype: pixelDtype(image), channelOrder });
  const source = image.data;
  const target = output.data;
  for (let i = 0, at = 0; i < source.length; i++, at += 3) {
    const value = source[i] as number;
    target[at] = value;
    target[at + 1] = value;
    target[at + 2] = value;
  }
  return output;
}

/**
 * Swaps the first and third channels (BGR <-> RGB, BGRA <-> RGBA), for HWC or CHW images, and
 * updates `channelOrder`. One-channel images are returned unchanged.
 *
 * @example
 * const rgb = swapRedBlue(bgrImage); // channelOrder 'rgb'
 */
export function swapRedBlue(image: Image): Image {
  if (image.channels < 3) return image;
  const data = image.data.slice();
  const { channels } = image;
  if (image.layout === 'chw') {
    const plane = image.height * image.width;
    data.set(image.data.subarray(2 * plane, 3 * plane), 0);
    data.set(image.data.subarray(0, plane), 2 * plane);
  } else {
    for (let at = 0; at < data.length; at += channels) {
      const first = data[at] as number;
      data[at] = data[at + 2] as number;
      data[at + 2] = first;
    }
  }
  return { ...image, data, channelOrder: swappedOrder(image.channelOrder) };
}

function swappedOrder(order: ChannelOrder): ChannelOrder {
  switch (order) {
    case 'bgr':
      return 'rgb';
    case 'rgb':
      return 'bgr';
    case 'bgra':
      return 'rgba';
    case 'rgba':
      return 'bgra';
    default:
      return order;
  }
}

/**
 * Pillow's `convert('L')` of an RGB pixel: `(R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16`.
 */
export function pillowLuma(red: number, green: number, blue: number): number {
  return (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >>> 16;
}
