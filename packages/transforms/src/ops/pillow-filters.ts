/** A resampling filter of Pillow: its support (half-width) and its kernel. */
export interface PillowFilter {
  support: number;
  kernel: (x: number) => number;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const scaled = x * Math.PI;
  return Math.sin(scaled) / scaled;
}

/** Pillow's resampling filters (`Resample.c`), by mmcv's names. */
export const PILLOW_FILTERS: Readonly<Record<'box' | 'bilinear' | 'hamming' | 'bicubic' | 'lanczos', PillowFilter>> = {
  box: { support: 0.5, kernel: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: {
    support: 1,
    kernel: (x) => {
      const value = Math.abs(x);
      return value < 1 ? 1 - value : 0;
    },
  },
  hamming: {
    support: 1,
    kernel: (x) => {
      const value = Math.abs(x);
      if (value === 0) return 1;
      if (value >= 1) return 0;
      const scaled = value * Math.PI;
      return (Math.sin(scaled) / scaled) * (0.54 + 0.46 * Math.cos(scaled));
    },
  },
  bicubic: {
    support: 2,
    kernel: (x) => {
      const a = -0.5;
      const value = Math.abs(x);
      if (value < 1) return ((a + 2) * value - (a + 3)) * value * value + 1;
      if (value < 2) return (((value - 5) * value + 8) * value - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, kernel: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};
