/**
 * An image held in memory by a dataset (MNIST, CIFAR): the shape of `@mmpt/transforms`' `Image`
 * (HWC bytes with a channel order), which the pipeline's transforms take as `results.img`.
 */
export interface MemoryImage {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly data: Uint8Array;
  readonly channelOrder: 'gray' | 'rgb' | 'bgr';
  readonly layout: 'hwc';
}

/** An HWC uint8 image over `data` (not copied). */
export function memoryImage(height: number, width: number, channels: number, data: Uint8Array, channelOrder: MemoryImage['channelOrder']): MemoryImage {
  if (data.length !== height * width * channels) throw new RangeError(`memoryImage: ${data.length} bytes do not fit ${height}x${width}x${channels}`);
  return { height, width, channels, data, channelOrder, layout: 'hwc' };
}
