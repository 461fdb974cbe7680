import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext } from '@mmpt/registry';
import { BaseDataset, type BaseDatasetOptions, type DataInfo } from '../base-dataset';
import { DatasetError } from '../dataset-error';
import { NumpyArray, pickleEntry, readNumpyPickle } from '../formats/numpy-pickle';
import { CIFAR10_CATEGORIES, CIFAR100_CATEGORIES } from './categories';
import { memoryImage } from './memory-image';

/** The options of {@link CIFAR10} and {@link CIFAR100}, as MMPretrain's. */
export interface CifarOptions extends BaseDatasetOptions {
  /** `'train'` (50,000 images) or `'test'` (10,000). */
  split?: 'train' | 'test';
  /** MMPretrain downloads missing files when true; mmpt never downloads, so this only changes the error message. */
  download?: boolean;
}

/** Where a CIFAR variant keeps its batches, in the official python and binary archives. */
export interface CifarLayout {
  /** The folder of the python-pickle batches (`cifar-10-batches-py`). */
  pythonFolder: string;
  pythonFiles: { train: readonly string[]; test: readonly string[] };
  /** The key of the labels in a pickled batch (`labels`, or `fine_labels` for CIFAR-100). */
  labelsKey: string;
  /** The folder of the binary batches (`cifar-10-batches-bin`). */
  binaryFolder: string;
  binaryFiles: { train: readonly string[]; test: readonly string[] };
  /** Label bytes before each binary image, and which of them is the label (CIFAR-100: coarse then fine). */
  binaryLabelBytes: number;
  binaryLabelIndex: number;
}

const IMAGE_BYTES = 3 * 32 * 32;

/**
 * MMPretrain's `CIFAR10`: the batches of the official archive in `data_root` (joined with
 * `data_prefix`): the python version (`cifar-10-batches-py/data_batch_1`...`test_batch`, read
 * without executing anything) or the binary version (`cifar-10-batches-bin/data_batch_1.bin`...).
 * Every sample holds its 32x32 RGB image in memory (`img`, HWC, as MMPretrain transposes it, left in
 * RGB order: CIFAR configs set `to_rgb: false`) and its label (`gt_label`).
 *
 * @example
 * { type: 'CIFAR10', data_root: 'data/cifar10', split: 'train', pipeline: [...] }
 */
export class CIFAR10 extends BaseDataset {
  static override readonly defaultMetainfo: Readonly<Record<string, unknown>> = { classes: CIFAR10_CATEGORIES };
  static readonly layout: CifarLayout = {
    pythonFolder: 'cifar-10-batches-py',
    pythonFiles: { train: ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5'], test: ['test_batch'] },
    labelsKey: 'labels',
    binaryFolder: 'cifar-10-batches-bin',
    binaryFiles: {
      train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
      test: ['test_batch.bin'],
    },
    binaryLabelBytes: 1,
    binaryLabelIndex: 0,
  };
  readonly split: 'train' | 'test';
  readonly download: boolean;

  constructor(options: CifarOptions = {}, context?: BuildContext) {
    const split = options.split ?? 'train';
    if (split !== 'train' && split !== 'test') throw new DatasetError(`${new.target.name}: split must be "train" or "test", got "${String(split)}"`);
    if (!options.data_root && !options.data_prefix) throw new DatasetError(`${new.target.name}: set data_root (or data_prefix) to the folder of the dataset files`);
    super({ ...options, ann_file: '', lazy_init: true }, context);
    this.split = split;
    this.download = options.download ?? false;
    if (!(options.lazy_init ?? false)) this.fullInit();
  }

  protected loadDataList(): DataInfo[] {
    const layout = (this.constructor as typeof CIFAR10).layout;
    const root = this.dataPrefix;
    const pythonFolder = join(root, layout.pythonFolder);
    const binaryFolder = join(root, layout.binaryFolder);
    if (existsSync(pythonFolder)) return this.loadPython(pythonFolder, layout);
    if (existsSync(binaryFolder)) return this.loadBinary(binaryFolder, layout);
    const download = this.download ? ' (mmpt does not download datasets: extract the official archive there)' : '';
    throw new DatasetError(`Cannot find ${this.constructor.name} in ${root}: expected the python batches in ${pythonFolder} or the binary batches in ${binaryFolder}${download}`, root);
  }

  private loadPython(folder: string, layout: CifarLayout): DataInfo[] {
    const samples: DataInfo[] = [];
    for (const name of layout.pythonFiles[this.split]) {
      const file = join(folder, name);
      if (!existsSync(file)) throw new DatasetError(`${this.constructor.name}: the batch ${file} is missing`, file);
      let batch: unknown;
      try {
        batch = readNumpyPickle(readFileSync(file), file);
      } catch (error) {
        throw new DatasetError(`${file}: cannot read the pickled batch: ${(error as Error).message}`, file);
      }
      const data = pickleEntry(batch, 'data');
      const labels = pickleEntry(batch, layout.labelsKey);
      if (!(data instanceof NumpyArray) || !(data.data instanceof Uint8Array) || data.data.length % IMAGE_BYTES !== 0) {
        throw new DatasetError(`${file}: expected "data", a uint8 numpy array of N x 3072 pixels`, file);
      }
      const labelList = labels instanceof NumpyArray ? Array.from(labels.data) : labels;
      if (!Array.isArray(labelList)) throw new DatasetError(`${file}: expected "${layout.labelsKey}", a list of labels`, file);
      const count = data.data.length / IMAGE_BYTES;
      if (labelList.length !== count) throw new DatasetError(`${file}: ${labelList.length} labels for ${count} images`, file);
      for (let index = 0; index < count; index++) {
        samples.push(this.sample(data.data.subarray(index * IMAGE_BYTES, (index + 1) * IMAGE_BYTES), labelList[index], file, index));
      }
    }
    return samples;
  }

  private loadBinary(folder: string, layout: CifarLayout): DataInfo[] {
    const samples: DataInfo[] = [];
    const recordBytes = layout.binaryLabelBytes + IMAGE_BYTES;
    for (const name of layout.binaryFiles[this.split]) {
      const file = join(folder, name);
      if (!existsSync(file)) throw new DatasetError(`${this.constructor.name}: the batch ${file} is missing`, file);
      const bytes = readFileSync(file);
      if (bytes.length % recordBytes !== 0) {
        throw new DatasetError(`${file}: ${bytes.length} bytes is not a whole number of ${recordBytes}-byte records (${layout.binaryLabelBytes} label byte(s) + 3072 pixels)`, file);
      }
      for (let index = 0; index < bytes.length / recordBytes; index++) {
        const start = index * recordBytes;
        const pixels = new Uint8Array(bytes.buffer, bytes.byteOffset + start + layout.binaryLabelBytes, IMAGE_BYTES);
        samples.push(this.sample(pixels, bytes[start + layout.binaryLabelIndex], file, index));
      }
    }
    return samples;
  }

  /** One sample: the CHW planes of the batch transposed to an HWC RGB image, and the label checked. */
  private sample(planes: Uint8Array, label: unknown, file: string, index: number): DataInfo {
    const classes = this.classes ?? [];
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= classes.length) {
      throw new DatasetError(`${file}, image ${index}: label ${String(label)} is outside [0, ${classes.length - 1}] (${classes.length} classes)`, file);
    }
    const pixels = new Uint8Array(IMAGE_BYTES);
    const area = 32 * 32;
    for (let position = 0; position < area; position++) {
      pixels[position * 3] = planes[position] as number;
      pixels[position * 3 + 1] = planes[area + position] as number;
      pixels[position * 3 + 2] = planes[2 * area + position] as number;
    }
    return { img: memoryImage(32, 32, 3, pixels, 'rgb'), gt_label: label };
  }
}

/** MMPretrain's `CIFAR100`: the 100 fine classes (`fine_labels`) of the CIFAR-100 archive (`cifar-100-python/train`, `test`, or the binary `cifar-100-binary/train.bin`, `test.bin`). */
export class CIFAR100 extends CIFAR10 {
  static override readonly defaultMetainfo: Readonly<Record<string, unknown>> = { classes: CIFAR100_CATEGORIES };
  static override readonly layout: CifarLayout = {
    pythonFolder: 'cifar-100-python',
    pythonFiles: { train: ['train'], test: ['test'] },
    labelsKey: 'fine_labels',
    binaryFolder: 'cifar-100-binary',
    binaryFiles: { train: ['train.bin'], test: ['test.bin'] },
    binaryLabelBytes: 2,
    binaryLabelIndex: 1,
  };
}
