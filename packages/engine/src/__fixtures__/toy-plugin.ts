// A plugin for the engine tests: a transform that makes a 1x4x4 image whose brightness tells its
// class (with noise from the pipeline's generator), and a tiny backbone.
import type { Registries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { createImage } from '@mmpt/transforms';
import { Flatten, type Generator, Linear, Module, ReLU, Sequential, type Tensor } from '@mmpt/tensor';

export class PackToy {
  transform(results: Record<string, unknown>, generator: Generator): Record<string, unknown> {
    const label = results.gt_label as number;
    const data = new Float32Array(16);
    for (let index = 0; index < 16; index++) data[index] = (label === 0 ? 60 : 140) + 40 * generator.normal() + (index % 4) * 5;
    return { inputs: { data, shape: [1, 4, 4] }, data_samples: new DataSample().setGtLabel(label) };
  }
}

/** The same toy digits as an 8-bit grayscale `img`, for pipelines that go on with real transforms (MultiView, PackInputs). */
export class ToyImage {
  transform(results: Record<string, unknown>, generator: Generator): Record<string, unknown> {
    const label = results.gt_label as number;
    const data = new Uint8Array(16);
    for (let index = 0; index < 16; index++) data[index] = Math.max(0, Math.min(255, Math.round((label === 0 ? 60 : 140) + 40 * generator.normal() + (index % 4) * 5)));
    return { ...results, img: createImage(4, 4, 1, { channelOrder: 'gray', data }) };
  }
}

export class ToyNet extends Module<[Tensor], Tensor[]> {
  readonly body: Sequential;

  constructor() {
    super();
    this.body = this.registerModule('body', new Sequential(new Flatten(), new Linear(16, 8), new ReLU()));
  }

  forward(x: Tensor): Tensor[] {
    return [this.body.forward(x)];
  }
}

export function register(registries: Registries): void {
  registries.transforms.register(PackToy);
  registries.transforms.register(ToyImage);
  registries.models.register(ToyNet);
}
