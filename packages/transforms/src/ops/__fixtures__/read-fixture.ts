import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Image, createImage } from '../../image/image';

/** An image as the generator script stores it. */
export interface EncodedImage {
  height: number;
  width: number;
  channels: number;
  dtype: 'uint8' | 'float32';
  data: string;
}

/**
 * Reads a fixture file of this folder. Inputs are stored once in `inputs` and cases refer to them
 * by index; the returned cases have their `input` resolved.
 */
export function readFixture<T extends { input: EncodedImage }>(name: string): { cases: T[] } {
  const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
  const file = JSON.parse(readFileSync(path, 'utf8')) as { inputs: EncodedImage[]; cases: Array<Omit<T, 'input'> & { input: number }> };
  return { cases: file.cases.map((testCase) => ({ ...testCase, input: file.inputs[testCase.input] }) as unknown as T) };
}

/** Decodes an image of a fixture (BGR order, as OpenCV keeps it). */
export function decodeImage(encoded: EncodedImage, channelOrder?: Image['channelOrder']): Image {
  const bytes = Buffer.from(encoded.data, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const data = encoded.dtype === 'float32' ? new Float32Array(copy.buffer) : copy;
  return createImage(encoded.height, encoded.width, encoded.channels, { data, ...(channelOrder ? { channelOrder } : {}) });
}

/** How far an image is from a reference: the largest difference and the share of differing values. */
export function compareImages(actual: Image, expected: Image): { maxDifference: number; mismatchRatio: number } {
  if (actual.height !== expected.height || actual.width !== expected.width || actual.channels !== expected.channels) {
    throw new Error(
      `shape ${actual.height}x${actual.width}x${actual.channels} differs from the reference ${expected.height}x${expected.width}x${expected.channels}`,
    );
  }
  let maxDifference = 0;
  let mismatches = 0;
  for (let index = 0; index < actual.data.length; index++) {
    const difference = Math.abs((actual.data[index] as number) - (expected.data[index] as number));
    if (difference > maxDifference) maxDifference = difference;
    if (difference > 1e-4) mismatches++;
  }
  return { maxDifference, mismatchRatio: mismatches / Math.max(1, actual.data.length) };
}
