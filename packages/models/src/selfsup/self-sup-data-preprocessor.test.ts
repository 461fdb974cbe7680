import { DataSample } from '@mmpt/structures';
import { type CpuBackend, type Tensor, createCpuBackend, memory, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelfSupDataPreprocessor } from './self-sup-data-preprocessor';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** A 1 x 3 x 1 x 2 BGR image batch with channel values 10 (B), 20 (G), 30 (R). */
const bgr = () => tensor([10, 10, 20, 20, 30, 30], { shape: [1, 3, 1, 2] });

describe('SelfSupDataPreprocessor', () => {
  it('flips BGR to RGB and normalises each view of a multi-view batch the same way', () => {
    const preprocessor = new SelfSupDataPreprocessor({ mean: [1, 2, 3], std: [2, 2, 2], to_rgb: true });
    const samples = [new DataSample()];
    const view1 = bgr();
    const view2 = bgr();
    const before = memory().tensors;
    const result = preprocessor.forward({ inputs: [view1, view2], data_samples: samples }, true);
    const views = result.inputs as Tensor[];
    expect(views).toHaveLength(2);
    for (const view of views) expect(Array.from(view.dataSync())).toEqual([14.5, 14.5, 9, 9, 3.5, 3.5]);
    expect(result.data_samples).toEqual(samples);
    expect(memory().tensors).toBe(before + 2);
    for (const view of [...views, view1, view2]) view.dispose();
  });

  it('keeps a single batch a single tensor, and returns a new tensor even without normalisation', () => {
    const preprocessor = new SelfSupDataPreprocessor();
    const input = bgr();
    const { inputs } = preprocessor.forward({ inputs: input });
    expect(inputs).not.toBe(input);
    expect(Array.from((inputs as Tensor).dataSync())).toEqual(Array.from(input.dataSync()));
    (inputs as Tensor).dispose();
    input.dispose();
  });

  it('stacks CHW images, and per-sample lists of views, into NCHW batches; grayscale takes one mean', () => {
    const preprocessor = new SelfSupDataPreprocessor({ mean: [10], std: [5] });
    tidy(() => {
      const images = [tensor([20, 30], { shape: [1, 1, 2] }), tensor([10, 0], { shape: [1, 1, 2] })];
      const single = preprocessor.forward({ inputs: images }).inputs as Tensor;
      expect(single.shape).toEqual([2, 1, 1, 2]);
      expect(Array.from(single.dataSync())).toEqual([2, 4, 0, -2]);
      const perSample = preprocessor.forward({ inputs: [[images[0] as Tensor, images[1] as Tensor], [images[1] as Tensor, images[0] as Tensor]] }).inputs as Tensor[];
      expect(perSample).toHaveLength(2);
      expect(Array.from((perSample[0] as Tensor).dataSync())).toEqual([2, 4, 0, -2]);
      expect(Array.from((perSample[1] as Tensor).dataSync())).toEqual([0, -2, 2, 4]);
    });
  });

  it('names mismatched options and inputs', () => {
    expect(() => new SelfSupDataPreprocessor({ mean: [1] })).toThrow(/mean and std must be given together/);
    const preprocessor = new SelfSupDataPreprocessor({ mean: [1, 2], std: [1, 1] });
    tidy(() => expect(() => preprocessor.forward({ inputs: bgr() })).toThrow(/2 mean values for 3-channel inputs/));
  });
});
