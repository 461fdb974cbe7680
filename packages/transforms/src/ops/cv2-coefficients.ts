const f32 = Math.fround;

/**
 * OpenCV's bicubic weights (`interpolateCubic`, a = -0.75) of the 4 taps around a sub-pixel
 * offset `x` in [0, 1), in float32 as OpenCV computes them.
 */
export function cubicCoefficients(x: number, out: Float32Array): void {
  const a = -0.75;
  const x1 = f32(x + 1);
  out[0] = f32(f32(f32(f32(f32(f32(a * x1) - f32(5 * a)) * x1) + f32(8 * a)) * x1) - f32(4 * a));
  out[1] = f32(f32(f32(f32(f32((a + 2) * x) - (a + 3)) * x) * x) + 1);
  const y = f32(1 - x);
  out[2] = f32(f32(f32(f32(f32((a + 2) * y) - (a + 3)) * y) * y) + 1);
  out[3] = f32(f32(f32(1 - (out[0] as number)) - (out[1] as number)) - (out[2] as number));
}

const S45 = 0.7071067811865476;
const LANCZOS_CS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [-S45, -S45],
  [0, 1],
  [S45, -S45],
  [-1, 0],
  [S45, S45],
  [0, -1],
  [-S45, S45],
];

/** OpenCV's Lanczos-4 weights (`interpolateLanczos4`) of the 8 taps around a sub-pixel offset `x`, normalised to sum 1. */
export function lanczosCoefficients(x: number, out: Float32Array): void {
  if (x < 1.1920928955078125e-7) {
    out.fill(0);
    out[3] = 1;
    return;
  }
  const y0 = (-(x + 3) * Math.PI) / 4;
  const s0 = Math.sin(y0);
  const c0 = Math.cos(y0);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const y = (-(x + 3 - i) * Math.PI) / 4;
    const [cs0, cs1] = LANCZOS_CS[i] as readonly [number, number];
    out[i] = f32((cs0 * s0 + cs1 * c0) / (y * y));
    sum = f32(sum + (out[i] as number));
  }
  const inverse = f32(1 / sum);
  for (let i = 0; i < 8; i++) out[i] = f32((out[i] as number) * inverse);
}
