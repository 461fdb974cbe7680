import { type CpuBackend, type Tensor, createCpuBackend, memory, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClsDataPreprocessor } from './cls-data-preprocessor';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** A 1-channel 2x3 image with the values 10, 20, ... 60. */
const image = () => tensor([10, 20, 30, 40, 50, 60], { shape: [1, 2, 3] });

describe('ClsDataPreprocessor padding, as MMPretrain', () => {
  it('normalises first, then pads a stacked batch with pad_value to pad_size_divisor', () => {
    const preprocessor = new ClsDataPreprocessor({ mean: [10], std: [10], pad_size_divisor: 4, pad_value: -1 });
    const input = image().unsqueeze(0);
    const before = memory().tensors;
    const { inputs } = preprocessor.forward({ inputs: input });
    expect(inputs.shape).toEqual([1, 1, 4, 4]);
    // (x - 10) / 10 inside; the padding is pad_value itself, not a normalised pad_value.
    expect(Array.from(inputs.dataSync())).toEqual([0, 1, 2, -1, 3, 4, 5, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    inputs.dispose();
    expect(memory().tensors).toBe(before);
    input.dispose();
  });

  it('pads a list of images of different sizes the same way, so both collates give one batch', () => {
    const preprocessor = new ClsDataPreprocessor({ mean: [10], std: [10], pad_size_divisor: 4, pad_value: -1 });
    const small = tensor([10], { shape: [1, 1, 1] });
    const list = preprocessor.forward({ inputs: [image(), small] }).inputs;
    expect(list.shape).toEqual([2, 1, 4, 4]);
    const values = Array.from(list.dataSync());
    expect(values.slice(0, 16)).toEqual([0, 1, 2, -1, 3, 4, 5, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(values.slice(16)).toEqual([0, ...new Array<number>(15).fill(-1)]);
    const stacked = image().unsqueeze(0);
    const single = preprocessor.forward({ inputs: stacked }).inputs;
    expect(Array.from(single.dataSync())).toEqual(values.slice(0, 16));
    for (const tensor of [list, single, stacked, small] as Tensor[]) tensor.dispose();
  });

  it('leaves sizes alone with the default divisor of 1, and flips BGR to RGB before normalising', () => {
    const preprocessor = new ClsDataPreprocessor({ mean: [1, 2, 3], std: [1, 1, 1], to_rgb: true });
    const bgr = tensor([30, 20, 10], { shape: [1, 3, 1, 1] });
    const { inputs } = preprocessor.forward({ inputs: bgr });
    expect(inputs.shape).toEqual([1, 3, 1, 1]);
    expect(Array.from(inputs.dataSync())).toEqual([9, 18, 27]);
    inputs.dispose();
    bgr.dispose();
  });
});
