import { createRegistries } from '@mmpt/registry';
import { Generator } from '@mmpt/tensor';
import { type Image, type Sample, createImage, register } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { displayImages } from './display-image';
import { inspectPipeline, namedTransforms } from './inspect-pipeline';

const registries = createRegistries();
register(registries);
const snapshot = (value: unknown) => displayImages(value, 'BGR');

describe('inspectPipeline', () => {
  it('records an in-memory image as the original, then the image after each transform, then the packed input', async () => {
    const img = createImage(4, 6, 3, { data: Uint8Array.from({ length: 72 }, (_, index) => index) });
    const transforms = namedTransforms([{ type: 'RandomFlip', prob: 1.0 }, { type: 'Resize', scale: [3, 2] }, { type: 'PackInputs' }], registries.transforms);
    expect(transforms.map((step) => step.name)).toEqual(['RandomFlip', 'Resize', 'PackInputs']);
    const inspection = await inspectPipeline({ img, gt_label: 0 } as Sample, transforms, new Generator(0), snapshot);
    expect(inspection.stages.map((stage) => [stage.name, stage.images[0]?.width, stage.images[0]?.height])).toEqual([
      ['Original', 6, 4],
      ['RandomFlip', 6, 4],
      ['Resize', 3, 2],
    ]);
    // The first pixel of the flipped image is the last of the first row of the original.
    expect(Array.from(inspection.stages[1]?.images[0]?.data.subarray(0, 3) ?? [])).toEqual([15, 16, 17]);
    expect(inspection.packed?.map((image) => [image.width, image.height, image.channels])).toEqual([[3, 2, 3]]);
    expect(inspection.droppedBy).toBeUndefined();
  });

  it('takes snapshots that later in-place changes do not alter', async () => {
    const img = createImage(1, 2, 1, { data: Uint8Array.of(10, 20) });
    const darken = function darken(results: Sample): Sample {
      (results.img as Image).data.fill(0);
      return results;
    };
    const inspection = await inspectPipeline({ img } as Sample, namedTransforms([darken], registries.transforms), new Generator(0), snapshot);
    expect(inspection.stages.map((stage) => [stage.name, Array.from(stage.images[0]?.data ?? [])])).toEqual([
      ['Original', [10, 20]],
      ['darken', [0, 0]],
    ]);
  });

  it('names the transform that drops a sample', async () => {
    const drop = { transform: () => null };
    const inspection = await inspectPipeline({ img: createImage(1, 1, 1) } as Sample, namedTransforms([drop], registries.transforms), new Generator(0), snapshot);
    expect(inspection.droppedBy).toBe('Object');
    expect(inspection.packed).toBeUndefined();
  });
});
