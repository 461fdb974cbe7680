/** The pixel storage of an {@link Image}: 8-bit unsigned or 32-bit float values. */
export type PixelData = Uint8Array | Float32Array;

/** The dtype of an image's values, as numpy names them. */
export type PixelDtype = 'uint8' | 'float32';

/**
 * The meaning of the channels, in memory order. MMPretrain loads images as BGR (OpenCV's order);
 * `NumpyToPIL` with `to_rgb` turns them to RGB.
 */
export type ChannelOrder = 'bgr' | 'rgb' | 'gray' | 'bgra' | 'rgba';

/** The memory layout: height-width-channels (numpy, OpenCV, PIL) or channels-height-width (tensor). */
export type ImageLayout = 'hwc' | 'chw';

/**
 * An image on the host: `height` x `width` x `channels` values in a typed array, HWC by default
 * (the layout of a numpy image in MMPretrain), BGR by default. A one-channel image is what numpy
 * holds as an `H x W` array.
 *
 * @example
 * const image = createImage(224, 224, 3); // uint8 BGR zeros
 * image.data[(y * image.width + x) * image.channels + c];
 */
export interface Image {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly data: PixelData;
  readonly channelOrder: ChannelOrder;
  readonly layout: ImageLayout;
}

/** The options of {@link createImage}. */
export interface CreateImageOptions {
  /** `'uint8'` (default) or `'float32'`. */
  dtype?: PixelDtype;
  /** The channel order; BGR for three channels, gray for one, BGRA for four, by default. */
  channelOrder?: ChannelOrder;
  /** `'hwc'` (default) or `'chw'`. */
  layout?: ImageLayout;
  /** Existing values to wrap (not copied); zeros when absent. */
  data?: PixelData;
}

/**
 * A new image of the given size.
 *
 * @example
 * createImage(2, 3, 3, { data: Uint8Array.from({ length: 18 }, (_, i) => i) });
 */
export function createImage(height: number, width: number, channels: number, options: CreateImageOptions = {}): Image {
  for (const [name, value] of [
    ['height', height],
    ['width', width],
    ['channels', channels],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`createImage: ${name} must be a non-negative integer, got ${value}`);
  }
  if (channels === 0) throw new RangeError('createImage: an image needs at least one channel');
  const size = height * width * channels;
  const dtype = options.dtype ?? (options.data instanceof Float32Array ? 'float32' : 'uint8');
  const data = options.data ?? (dtype === 'float32' ? new Float32Array(size) : new Uint8Array(size));
  if (data.length !== size) {
    throw new RangeError(`createImage: ${data.length} values do not fit ${height}x${width}x${channels}`);
  }
  return {
    height,
    width,
    channels,
    data,
    channelOrder: options.channelOrder ?? defaultChannelOrder(channels),
    layout: options.layout ?? 'hwc',
  };
}

/** The same kind of image (size, dtype, order, layout) with new values, zeros by default. */
export function imageLike(image: Image, overrides: Partial<Pick<Image, 'height' | 'width' | 'channels' | 'channelOrder'>> & { dtype?: PixelDtype } = {}): Image {
  const channels = overrides.channels ?? image.channels;
  return createImage(overrides.height ?? image.height, overrides.width ?? image.width, channels, {
    dtype: overrides.dtype ?? pixelDtype(image),
    channelOrder: overrides.channelOrder ?? (channels === image.channels ? image.channelOrder : defaultChannelOrder(channels)),
    layout: image.layout,
  });
}

/** A deep copy. */
export function cloneImage(image: Image): Image {
  return { ...image, data: image.data.slice() };
}

/** Whether the values are uint8 or float32. */
export function pixelDtype(image: Image): PixelDtype {
  return image.data instanceof Float32Array ? 'float32' : 'uint8';
}

/**
 * The numpy shape MMPretrain would report for the image: `[h, w]` for one channel, `[h, w, c]`
 * otherwise (`[c, h, w]` for a CHW image).
 */
export function imageShape(image: Image): number[] {
  if (image.layout === 'chw') return [image.channels, image.height, image.width];
  return image.channels === 1 ? [image.height, image.width] : [image.height, image.width, image.channels];
}

/** The channel order a new image with this many channels gets by default. */
export function defaultChannelOrder(channels: number): ChannelOrder {
  if (channels === 1) return 'gray';
  if (channels === 4) return 'bgra';
  return 'bgr';
}

/** Whether a value looks like an {@link Image}. */
export function isImage(value: unknown): value is Image {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Image>;
  return (
    typeof candidate.height === 'number' &&
    typeof candidate.width === 'number' &&
    typeof candidate.channels === 'number' &&
    (candidate.data instanceof Uint8Array || candidate.data instanceof Float32Array)
  );
}

/** Throws a clear error unless the image is HWC (the layout of every OpenCV-style operation). */
export function assertHwc(image: Image, operation: string): void {
  if (image.layout !== 'hwc') {
    throw new Error(`${operation}: expects an HWC image (numpy layout), got a CHW image; apply it before PILToTensor/ImageToTensor`);
  }
}

/** Throws a clear error unless the image is uint8. */
export function assertUint8(image: Image, operation: string): void {
  if (!(image.data instanceof Uint8Array)) throw new TypeError(`${operation}: expects a uint8 image, got float32`);
}
