import { DataSample } from '@mmpt/structures';
import { type CpuBackend, Tensor, createCpuBackend, memory, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCollate, pseudoCollate } from './collate';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** A host image `{ data, shape }` of one channel filled with `value`. */
function hostImage(value: number, height = 2, width = 2) {
  return { data: new Float32Array(height * width).fill(value), shape: [1, height, width] };
}

function sample(inputs: unknown) {
  return { inputs, data_samples: new DataSample() };
}

function disposeAll(inputs: Tensor | Tensor[] | Tensor[][]): void {
  for (const item of [inputs].flat(2)) item.dispose();
}

describe('defaultCollate', () => {
  it('stacks host images of one shape into one NCHW tensor, in sample order', () => {
    const before = memory().tensors;
    const batch = defaultCollate([sample(hostImage(1)), sample(hostImage(2)), sample(hostImage(3))]);
    const inputs = batch.inputs as Tensor;
    expect(inputs.shape).toEqual([3, 1, 2, 2]);
    expect(Array.from(inputs.dataSync())).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(batch.data_samples).toHaveLength(3);
    inputs.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('stacks tensors of one shape and frees the per-sample tensors', () => {
    const before = memory().tensors;
    const batch = defaultCollate([sample(tensor([1, 2], { shape: [1, 1, 2] })), sample(tensor([3, 4], { shape: [1, 1, 2] }))]);
    expect((batch.inputs as Tensor).shape).toEqual([2, 1, 1, 2]);
    disposeAll(batch.inputs);
    expect(memory().tensors).toBe(before);
  });

  it('keeps images of different shapes as a list, as pseudo_collate', () => {
    const batch = defaultCollate([sample(hostImage(1, 2, 2)), sample(hostImage(2, 3, 2))]);
    const inputs = batch.inputs as Tensor[];
    expect(inputs.map((item) => item.shape)).toEqual([
      [1, 2, 2],
      [1, 3, 2],
    ]);
    disposeAll(batch.inputs);
  });

  it('batches each view of multi-view samples, view first', () => {
    const before = memory().tensors;
    const batch = defaultCollate([sample([hostImage(1), hostImage(10)]), sample([hostImage(2), hostImage(20)])]);
    const views = batch.inputs as Tensor[];
    expect(views).toHaveLength(2);
    expect(views.map((view) => view.shape)).toEqual([
      [2, 1, 2, 2],
      [2, 1, 2, 2],
    ]);
    expect(Array.from((views[0] as Tensor).dataSync())).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from((views[1] as Tensor).dataSync())).toEqual([10, 10, 10, 10, 20, 20, 20, 20]);
    disposeAll(batch.inputs);
    expect(memory().tensors).toBe(before);
  });

  it('batches views of different sizes per view (a global and a local crop)', () => {
    const batch = defaultCollate([sample([hostImage(1, 4, 4), hostImage(2)]), sample([hostImage(3, 4, 4), hostImage(4)])]);
    expect((batch.inputs as Tensor[]).map((view) => view.shape)).toEqual([
      [2, 1, 4, 4],
      [2, 1, 2, 2],
    ]);
    disposeAll(batch.inputs);
  });

  it('names the sample whose number of views differs, and a view it cannot batch', () => {
    expect(() => defaultCollate([sample([hostImage(1), hostImage(2)]), sample([hostImage(3)])])).toThrow(
      /sample 0 has 2 views but sample 1 has 1 views/,
    );
    expect(() => defaultCollate([sample([hostImage(1)]), sample(hostImage(3))])).toThrow(/sample 1 has a single image/);
    const before = memory().tensors;
    expect(() => defaultCollate([sample([hostImage(1), hostImage(2)]), sample([hostImage(3), hostImage(4, 3, 3)])])).toThrow(
      /view 1 of the samples has images of different shapes.*pseudo_collate/,
    );
    expect(memory().tensors).toBe(before);
  });

  it('names a sample without inputs', () => {
    expect(() => defaultCollate([sample(undefined)])).toThrow(/sample 0 has no "inputs" image.*PackInputs/);
  });
});

describe('pseudoCollate', () => {
  it('gives one tensor per sample, and one list per view for multi-view samples', () => {
    const single = pseudoCollate([sample(hostImage(1)), sample(hostImage(2, 3, 3))]);
    expect((single.inputs as Tensor[]).map((item) => item.shape)).toEqual([
      [1, 2, 2],
      [1, 3, 3],
    ]);
    disposeAll(single.inputs);
    const multi = pseudoCollate([sample([hostImage(1), hostImage(10)]), sample([hostImage(2), hostImage(20)])]);
    const views = multi.inputs as Tensor[][];
    expect(views).toHaveLength(2);
    expect(views.map((view) => view.map((item) => item.dataSync()[0]))).toEqual([
      [1, 2],
      [10, 20],
    ]);
    disposeAll(multi.inputs);
  });
});
