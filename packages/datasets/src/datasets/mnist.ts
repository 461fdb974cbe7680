import type { BuildContext } from '@mmpt/registry';
import { BaseDataset, type BaseDatasetOptions, type DataInfo } from '../base-dataset';
import { DatasetError } from '../dataset-error';
import { readIdxFile } from '../formats/idx-file';
import { findMaybeGzipped } from '../formats/read-binary';
import { FASHIONMNIST_CATEGORIES, MNIST_CATEGORIES } from './categories';
import { memoryImage } from './memory-image';

/** The options of {@link MNIST} and {@link FashionMNIST}, as MMPretrain's. */
export interface MnistOptions extends BaseDatasetOptions {
  /** `'train'` (60,000 images in the official files) or `'test'` (10,000). */
  split?: 'train' | 'test';
  /**
   * MMPretrain downloads missing files when true; mmpt never downloads (the files must be in the
   * folder), so this only changes the error message.
   */
  download?: boolean;
}

/** The files of each split, as the official site names them (MMPretrain reads them unzipped; both work here). */
const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

/**
 * MMPretrain's `MNIST`: the IDX files of a split (`train-images-idx3-ubyte` and
 * `train-labels-idx1-ubyte`, or the `t10k-` pair for `test`; gzipped or not) in the folder
 * `data_root` joined with `data_prefix`. Every sample holds its image in memory (`img`, 28x28
 * grayscale) and its label (`gt_label`); the pipeline needs no LoadImageFromFile.
 *
 * @example
 * { type: 'MNIST', data_root: 'data/mnist', split: 'train', pipeline: [{ type: 'Resize', scale: 32 }, { type: 'PackInputs' }] }
 */
export class MNIST extends BaseDataset {
  static override readonly defaultMetainfo: Readonly<Record<string, unknown>> = { classes: MNIST_CATEGORIES };
  readonly split: 'train' | 'test';
  readonly download: boolean;

  constructor(options: MnistOptions = {}, context?: BuildContext) {
    const split = options.split ?? 'train';
    if (split !== 'train' && split !== 'test') throw new DatasetError(`${new.target.name}: split must be "train" or "test", got "${String(split)}"`);
    if (!options.data_root && !options.data_prefix) throw new DatasetError(`${new.target.name}: set data_root (or data_prefix) to the folder of the dataset files`);
    super({ ...options, ann_file: '', lazy_init: true }, context);
    this.split = split;
    this.download = options.download ?? false;
    if (!(options.lazy_init ?? false)) this.fullInit();
  }

  protected loadDataList(): DataInfo[] {
    const root = this.dataPrefix;
    const names = FILES[this.split];
    const imagesFile = findMaybeGzipped(root, names.images);
    const labelsFile = findMaybeGzipped(root, names.labels);
    if (!imagesFile || !labelsFile) {
      const missing = [imagesFile ? undefined : names.images, labelsFile ? undefined : names.labels].filter(Boolean).join(' and ');
      const download = this.download ? '; mmpt does not download datasets, put the files there' : '';
      throw new DatasetError(`Cannot find ${this.constructor.name} (${this.split}) in ${root}: ${missing} (or .gz) is missing${download}`, root);
    }
    const images = readIdxFile(imagesFile);
    const labels = readIdxFile(labelsFile);
    if (images.shape.length !== 3 || !(images.data instanceof Uint8Array)) {
      throw new DatasetError(`${imagesFile}: expected unsigned bytes of shape [N, rows, columns], got ${images.shape.length} dimensions [${images.shape.join(', ')}]`, imagesFile);
    }
    if (labels.shape.length !== 1) throw new DatasetError(`${labelsFile}: expected one dimension of labels, got [${labels.shape.join(', ')}]`, labelsFile);
    const [count, height, width] = images.shape as [number, number, number];
    if (labels.shape[0] !== count) {
      throw new DatasetError(`${labelsFile} holds ${labels.shape[0]} labels but ${imagesFile} holds ${count} images`, labelsFile);
    }
    const classes = this.classes ?? [];
    const size = height * width;
    const samples: DataInfo[] = [];
    for (let index = 0; index < count; index++) {
      const label = labels.data[index] as number;
      if (!Number.isInteger(label) || label < 0 || label >= classes.length) {
        throw new DatasetError(`${labelsFile}, item ${index}: label ${label} is outside [0, ${classes.length - 1}] (${classes.length} classes)`, labelsFile);
      }
      const pixels = images.data.subarray(index * size, (index + 1) * size) as Uint8Array;
      samples.push({ img: memoryImage(height, width, 1, pixels, 'gray'), gt_label: label });
    }
    return samples;
  }
}

/**
 * MMPretrain's `FashionMNIST`: Zalando's clothing images, in MNIST's files and layout, with the
 * ten clothing classes.
 */
export class FashionMNIST extends MNIST {
  static override readonly defaultMetainfo: Readonly<Record<string, unknown>> = { classes: FASHIONMNIST_CATEGORIES };
}
