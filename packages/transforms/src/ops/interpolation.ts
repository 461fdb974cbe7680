/** The interpolation methods of MMPretrain's (mmcv's) resize and warp options. */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'area' | 'lanczos';

/** The resampling filters of Pillow's `Image.resize` (mmcv's `pillow` backend). */
export type PillowInterpolation = 'nearest' | 'bilinear' | 'bicubic' | 'box' | 'lanczos' | 'hamming';

/** The resize backends of mmcv's `imresize`. */
export type ResizeBackend = 'cv2' | 'pillow';

const CV2_INTERPOLATIONS: readonly string[] = ['nearest', 'bilinear', 'bicubic', 'area', 'lanczos'];
const PILLOW_INTERPOLATIONS: readonly string[] = ['nearest', 'bilinear', 'bicubic', 'box', 'lanczos', 'hamming'];

/** Checks an interpolation name for a backend, with an error that names the option and the choices. */
export function checkInterpolation(value: unknown, backend: ResizeBackend, owner: string, option = 'interpolation'): void {
  const allowed = backend === 'pillow' ? PILLOW_INTERPOLATIONS : CV2_INTERPOLATIONS;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new RangeError(`${owner}: ${option} must be one of ${allowed.map((name) => `'${name}'`).join(', ')} for the ${backend} backend, got ${JSON.stringify(value)}`);
  }
}

/** Checks a resize backend name. */
export function checkBackend(value: unknown, owner: string): asserts value is ResizeBackend {
  if (value !== 'cv2' && value !== 'pillow') {
    throw new RangeError(`${owner}: backend must be 'cv2' or 'pillow', got ${JSON.stringify(value)}`);
  }
}
