// A plugin for the data loader tests: a transform that reads a file's size and a label into the
// packed form PackInputs produces, with no image decoding.
import { readFileSync } from 'node:fs';
import type { Registries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import type { Generator } from '@mmpt/tensor';

export class PackFileSize {
  constructor(readonly options: { fail_on?: string } = {}) {}

  async transform(results: Record<string, unknown>, generator?: Generator): Promise<Record<string, unknown>> {
    const path = results.img_path as string;
    if (this.options.fail_on && path.endsWith(this.options.fail_on)) throw new Error(`cannot decode ${path}`);
    const size = readFileSync(path).length;
    const sample = new DataSample().setGtLabel((results.gt_label as number | undefined) ?? 0);
    sample.setMetainfo({ sample_idx: results.sample_idx, noise: generator?.uniform() });
    return { inputs: { data: new Float32Array([size, results.sample_idx as number]), shape: [2] }, data_samples: sample };
  }
}

/** Packs an in-memory image (MNIST, CIFAR) as the flat input, with a random draw in the metainfo. */
export class PackMemoryImage {
  transform(results: Record<string, unknown>, generator?: Generator): Record<string, unknown> {
    const image = results.img as { data: Uint8Array; height: number; width: number; channels: number };
    const sample = new DataSample().setGtLabel((results.gt_label as number | undefined) ?? 0);
    sample.setMetainfo({ sample_idx: results.sample_idx, noise: generator?.uniform() });
    return { inputs: { data: Float32Array.from(image.data), shape: [image.channels, image.height, image.width] }, data_samples: sample };
  }
}

export function register(registries: Registries): void {
  registries.transforms.register(PackFileSize);
  registries.transforms.register(PackMemoryImage);
}
