import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend, memory, setDefaultBackend } from '@mmpt/tensor';
import { DataSample } from './data-sample';
import { batchLabelToOnehot, catBatchLabels, concatenateLabels, labelToOnehot, stackBatchScores } from './batch-labels';
import { tensorSplit } from './tensor-split';

const backend = createCpuBackend();
setDefaultBackend(backend);
afterAll(() => backend.dispose());

describe('batch label helpers', () => {
  it('concatenates labels with split indices and converts them to multi-hot rows (MMPretrain docstring)', () => {
    const samples = [[0, 1], [0, 2, 4], [3, 1]].map((label) => new DataSample().setGtLabel(label));
    const batch = catBatchLabels(samples)!;
    expect(Array.from(batch.batchLabel.dataSync())).toEqual([0, 1, 0, 2, 4, 3, 1]);
    expect(batch.splitIndices).toEqual([2, 5]);
    const onehot = batchLabelToOnehot(batch.batchLabel, batch.splitIndices, 5);
    expect(onehot.dtype).toBe('int32');
    expect(onehot.arraySync()).toEqual([
      [1, 1, 0, 0, 0],
      [1, 0, 1, 0, 1],
      [0, 1, 0, 1, 0],
    ]);
    const pieces = tensorSplit(batch.batchLabel, batch.splitIndices);
    expect(pieces.map((piece) => Array.from(piece.dataSync()))).toEqual([[0, 1], [0, 2, 4], [3, 1]]);
    for (const t of [batch.batchLabel, onehot, ...pieces]) t.dispose();
  });

  it('returns undefined without labels and checks its inputs', () => {
    expect(catBatchLabels([new DataSample()])).toBeUndefined();
    expect(() => batchLabelToOnehot([0, 7], [], 5)).toThrow(/label 7 is outside \[0, 5\)/);
    expect(() => batchLabelToOnehot([0], [3], 5)).toThrow(/do not fit 1 labels/);
    expect(() => labelToOnehot(1, 0)).toThrow(/positive integer, got 0/);
    expect(Array.from(labelToOnehot([1, 3, 3], 5))).toEqual([0, 1, 0, 2, 0]);
    expect(concatenateLabels([1, [2, 3]]).splitIndices).toEqual([1]);
  });

  it('stacks scores', () => {
    const samples = [new DataSample().setGtScore([0, 1]), new DataSample().setGtScore([1, 0])];
    const scores = stackBatchScores(samples)!;
    expect(scores.shape).toEqual([2, 2]);
    expect(scores.arraySync()).toEqual([[0, 1], [1, 0]]);
    scores.dispose();
    expect(() => stackBatchScores([samples[0]!, new DataSample().setGtScore([1])])).toThrow(/sample 1 has 1 scores, expected 2/);
  });

  it('splits by sections like torch.tensor_split and does not leak', () => {
    const before = memory().tensors;
    const batch = catBatchLabels([new DataSample().setGtLabel([0, 1, 2, 3, 4, 5, 6])])!;
    const pieces = tensorSplit(batch.batchLabel, 3);
    expect(pieces.map((piece) => piece.shape[0])).toEqual([3, 2, 2]);
    const past = tensorSplit(batch.batchLabel, [2, 10]);
    expect(past.map((piece) => piece.shape[0])).toEqual([2, 5, 0]);
    for (const t of [batch.batchLabel, ...pieces, ...past]) t.dispose();
    expect(memory().tensors).toBe(before);
    expect(() => tensorSplit(batch.batchLabel, 0)).toThrow(/positive integer, got 0/);
  });
});
