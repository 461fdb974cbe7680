/**
 * Rounds half to even, as Python's `round`, numpy's `rint` and OpenCV's `cvRound` do.
 *
 * @example
 * roundHalfEven(2.5); // 2
 * roundHalfEven(3.5); // 4
 */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference < 0.5) return floor;
  if (difference > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's `int(round(x))`. */
export function pythonRound(value: number): number {
  return roundHalfEven(value);
}

/** Clamps to [0, 255] and rounds half to even: OpenCV's `saturate_cast<uchar>(float)`. */
export function saturateRound(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 255) return 255;
  return roundHalfEven(value);
}

/** Clamps to [0, 255] and truncates: numpy's `np.clip(x, 0, 255).astype(np.uint8)`. */
export function clipTruncate(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 255) return 255;
  return Math.trunc(value);
}

/** The integer quotient rounded toward minus infinity, as Python's `//`. */
export function floorDivide(a: number, b: number): number {
  return Math.floor(a / b);
}
