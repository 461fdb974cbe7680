import { DropPath, type Tensor, pad, permute, reshape, roll, tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { WindowMSA, type WindowMSAOptions } from './window-msa';

/** The options of {@link ShiftWindowMSA}, as MMPretrain's. */
export interface ShiftWindowMSAOptions extends WindowMSAOptions {
  /** The shift of the windows towards the bottom right (0: regular windows). */
  shift_size?: number;
  drop_path_rate?: number;
  /** Pad maps smaller than a window (detection style) instead of refusing them. Default false. */
  pad_small_map?: boolean;
}

/**
 * MMPretrain's `ShiftWindowMSA`: pads the `[B, H*W, C]` map to whole windows, cyclically shifts it
 * by `shift_size` (masking attention between regions that were not neighbours), runs `w_msa` in
 * each window, and undoes the shift and the padding. As MMPretrain, a map exactly one window
 * large is not shifted (unless `pad_small_map`).
 */
export class ShiftWindowMSA extends BaseModule<[Tensor, [number, number]], Tensor> {
  readonly shiftSize: number;
  readonly windowSize: number;
  readonly padSmallMap: boolean;
  readonly wMsa: WindowMSA;
  readonly drop: DropPath | null;

  constructor(options: ShiftWindowMSAOptions) {
    super();
    this.shiftSize = options.shift_size ?? 0;
    this.windowSize = options.window_size;
    if (this.shiftSize < 0 || this.shiftSize >= this.windowSize) throw new RangeError(`ShiftWindowMSA: shift_size must be in [0, ${this.windowSize}), got ${this.shiftSize}`);
    this.padSmallMap = options.pad_small_map ?? false;
    this.wMsa = this.registerModule('w_msa', new WindowMSA(options));
    const rate = options.drop_path_rate ?? 0;
    this.drop = this.registerModule('drop', rate > 0 ? new DropPath(rate) : null);
  }

  forward(query: Tensor, size: [number, number]): Tensor {
    const [batch, length, channels] = query.shape as [number, number, number];
    const [height, width] = size;
    if (length !== height * width) throw new RangeError(`ShiftWindowMSA: the query length ${length} does not match the input shape (${height}, ${width})`);
    const window = this.windowSize;
    let shift = this.shiftSize;
    if (Math.min(height, width) === window) shift = this.padSmallMap ? shift : 0;
    else if (Math.min(height, width) < window && !this.padSmallMap) {
      throw new RangeError(`ShiftWindowMSA: the input shape (${height}, ${width}) is smaller than the window size (${window}); set pad_small_map or decrease window_size`);
    }
    return tidy(() => {
      let x = reshape(query, [batch, height, width, channels]);
      const padRight = (window - (width % window)) % window;
      const padBottom = (window - (height % window)) % window;
      if (padRight > 0 || padBottom > 0) x = pad(x, [0, 0, 0, padRight, 0, padBottom]);
      const [paddedHeight, paddedWidth] = [height + padBottom, width + padRight];
      if (shift > 0) x = roll(roll(x, -shift, 1), -shift, 2);
      const mask = shift > 0 ? this.attentionMask(paddedHeight, paddedWidth, shift, query) : undefined;
      const windows = reshape(partitionWindows(x, window), [-1, window * window, channels]);
      const attended = reshape(this.wMsa.forward(windows, mask), [-1, window, window, channels]);
      let out = reverseWindows(attended, paddedHeight, paddedWidth, window);
      if (shift > 0) out = roll(roll(out, shift, 1), shift, 2);
      if (padRight > 0 || padBottom > 0) out = out.slice([undefined, { end: height }, { end: width }]);
      out = reshape(out, [batch, height * width, channels]);
      return this.drop ? this.drop.forward(out) : out;
    });
  }

  /** MMPretrain's `get_attn_mask`: -100 between tokens of a window that come from different regions. */
  private attentionMask(height: number, width: number, shift: number, like: Tensor): Tensor {
    const window = this.windowSize;
    const region = (position: number, size: number) => (position < size - window ? 0 : position < size - shift ? 1 : 2);
    const windowsDown = height / window;
    const windowsAcross = width / window;
    const count = window * window;
    const mask = new Float32Array(windowsDown * windowsAcross * count * count);
    for (let wy = 0; wy < windowsDown; wy++) {
      for (let wx = 0; wx < windowsAcross; wx++) {
        const labels: number[] = [];
        for (let y = 0; y < window; y++) for (let x = 0; x < window; x++) labels.push(region(wy * window + y, height) * 3 + region(wx * window + x, width));
        const base = (wy * windowsAcross + wx) * count * count;
        for (let i = 0; i < count; i++) for (let j = 0; j < count; j++) mask[base + i * count + j] = labels[i] === labels[j] ? 0 : -100;
      }
    }
    return tensor(mask, { shape: [windowsDown * windowsAcross, count, count], backend: like.backend });
  }
}

/** `[B, H, W, C]` to `[B * windows, window, window, C]`, window by window in row-major order. */
export function partitionWindows(x: Tensor, window: number): Tensor {
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  return reshape(permute(reshape(x, [batch, height / window, window, width / window, window, channels]), [0, 1, 3, 2, 4, 5]), [-1, window, window, channels]);
}

/** The inverse of {@link partitionWindows}. */
export function reverseWindows(windows: Tensor, height: number, width: number, window: number): Tensor {
  const batch = (windows.shape[0] as number) / ((height / window) * (width / window));
  return reshape(permute(reshape(windows, [batch, height / window, width / window, window, window, -1]), [0, 1, 3, 2, 4, 5]), [batch, height, width, -1]);
}
