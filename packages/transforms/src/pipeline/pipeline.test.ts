import { createRegistries } from '@mmpt/registry';
import { Generator } from '@mmpt/tensor';
import { describe, expect, it } from 'vitest';
import { type Image, createImage } from '../image/image';
import { register } from '../register';
import { ApplyToList } from './apply-to-list';
import { Compose } from './compose';
import { KeyMapper } from './key-mapper';
import { MultiView } from './multi-view';
import { RandomApply } from './random-apply';
import { RandomChoice } from './random-choice';
import type { Sample } from './sample';
import type { Transform } from './transform';

function ramp(height: number, width: number): Image {
  return createImage(height, width, 3, { data: Uint8Array.from({ length: height * width * 3 }, (_, i) => (i * 17) % 256) });
}

const addOne: Transform = {
  transform: (results) => ({ ...results, count: ((results.count as number | undefined) ?? 0) + 1 }),
};

describe('Compose', () => {
  it('runs transforms in order and stops at null', () => {
    const compose = new Compose([addOne, addOne, (results: Sample) => ({ ...results, last: results.count })]);
    expect(compose.transform({}) as Sample).toEqual({ count: 2, last: 2 });
    expect(new Compose([() => null, addOne]).transform({})).toBeNull();
  });

  it('gives the same augmented sample for the same seed and different ones for different seeds', () => {
    const compose = new Compose({
      transforms: [{ type: 'RandomResizedCrop', scale: 8 }, { type: 'RandomFlip', prob: 0.5 }, { type: 'RandAugment', policies: 'timm_increasing', num_policies: 2, magnitude_level: 9 }],
    });
    const image = ramp(24, 32);
    const run = (seed: number) => Array.from(((compose.transform({ img: image }, new Generator(seed)) as Sample).img as Image).data);
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    const own = new Compose({ transforms: [{ type: 'RandomResizedCrop', scale: 8 }], seed: 5 });
    expect(Array.from(((own.transform({ img: image }) as Sample).img as Image).data)).toEqual(
      Array.from(((own.transform({ img: image }, new Generator(5)) as Sample).img as Image).data),
    );
  });

  it('reports unknown transform types with suggestions', () => {
    expect(() => new Compose([{ type: 'RandomFlp', prob: 0.5 }])).toThrow(/"RandomFlp" is not registered in the transform registry.*RandomFlip/);
  });
});

describe('wrappers', () => {
  it('RandomApply applies with its probability', () => {
    expect(new RandomApply({ transforms: [addOne], prob: 1 }).transform({}, new Generator(0))).toEqual({ count: 1 });
    expect(new RandomApply({ transforms: [addOne], prob: 0 }).transform({}, new Generator(0))).toEqual({});
    expect(() => new RandomApply({ transforms: [addOne], prob: -0.1 })).toThrow(/RandomApply: prob must be a number in \[0, 1\]/);
  });

  it('RandomChoice follows its probabilities', () => {
    const choice = new RandomChoice({ transforms: [[addOne], [addOne, addOne]], prob: [0.0, 1.0] });
    expect(choice.transform({}, new Generator(0))).toEqual({ count: 2 });
    expect(() => new RandomChoice({ transforms: [[addOne]], prob: [0.5] })).toThrow(/sum to 1/);
  });

  it('KeyMapper maps keys in and out, and hides keys marked "..."', () => {
    const flip = { type: 'RandomFlip', prob: 1.0 };
    const sample: Sample = { gt_img: createImage(1, 2, 1, { data: Uint8Array.of(1, 2) }), img: createImage(1, 2, 1, { data: Uint8Array.of(5, 6) }) };
    new KeyMapper({ mapping: { img: 'gt_img' }, transforms: [flip] }).transform(sample, new Generator(0));
    expect(Array.from((sample.gt_img as Image).data)).toEqual([2, 1]);
    expect(Array.from((sample.img as Image).data)).toEqual([5, 6]);
    const seen: string[] = [];
    new KeyMapper({ mapping: { img: 'img', flip: '...' }, transforms: [(results: Sample) => (seen.push(...Object.keys(results)), results)] }).transform({ img: 1 as never, flip: true }, new Generator(0));
    expect(seen).not.toContain('flip');
    expect(() => new KeyMapper({ mapping: { img: 'missing' } }).transform({}, new Generator(0))).toThrow(/"missing" is missing/);
  });

  it('ApplyToList transforms each item and collates the keys', () => {
    const apply = new ApplyToList({ scatter_key: 'img', collate_keys: ['flip'], transforms: [{ type: 'RandomFlip', prob: 1.0 }] });
    const output = apply.transform({ img: [ramp(2, 2), ramp(3, 3)] }, new Generator(0)) as Sample;
    expect((output.img as Image[]).map((image) => image.width)).toEqual([2, 3]);
    expect(output.flip).toEqual([true, true]);
  });

  it('MultiView makes the views of each pipeline', () => {
    const views = new MultiView({ num_views: [2, 1], transforms: [[{ type: 'RandomResizedCrop', scale: 4 }], [{ type: 'RandomResizedCrop', scale: 6 }]] });
    const output = views.transform({ img: ramp(16, 16) }, new Generator(1)) as Sample;
    expect((output.img as Image[]).map((image) => image.width)).toEqual([4, 4, 6]);
    expect(() => new MultiView({ num_views: [2], transforms: [] })).toThrow(/num_views has 1 entries but there are 0 pipelines/);
  });
});

describe('registry', () => {
  it('registers MMPretrain names and builds nested configs with the same registry (plugins included)', () => {
    const registries = createRegistries();
    register(registries);
    for (const name of ['LoadImageFromFile', 'PackInputs', 'RandomResizedCrop', 'RandAugment', 'ToPIL', 'Albu', 'torchvision/TrivialAugmentWide', 'Compose', 'MultiView']) {
      expect(registries.transforms.has(name)).toBe(true);
    }
    class MarkSample implements Transform {
      transform(results: Sample): Sample {
        return { ...results, marked: true };
      }
    }
    registries.transforms.register(MarkSample);
    const pipeline = registries.transforms.build<Compose>({ type: 'Compose', transforms: [{ type: 'RandomApply', prob: 1, transforms: [{ type: 'MarkSample' }] }] });
    expect((pipeline.transform({}, new Generator(0)) as Sample).marked).toBe(true);
    expect(() => registries.transforms.build({ type: 'RandomResizedCrop', scale: -1 })).toThrow(/Failed to build RandomResizedCrop.*scale must be a positive int/);
  });
});
