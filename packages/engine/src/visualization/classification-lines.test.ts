import { DataSample } from '@mmpt/structures';
import { describe, expect, it } from 'vitest';
import { classificationLines } from './classification-lines';

describe('classificationLines', () => {
  const sample = () => new DataSample().setGtLabel(1).setPredLabel(1).setPredScore([0.1, 0.9]);

  it("writes MMPretrain's ground truth and prediction lines", () => {
    expect(classificationLines(sample())).toEqual(['Ground truth: 1', 'Prediction: 1, 0.90']);
    expect(classificationLines(sample(), { classes: ['dog', 'cat'] })).toEqual(['Ground truth: 1 (cat)', 'Prediction: 1, 0.90 (cat)']);
  });

  it('follows the switches and leaves out what the sample lacks', () => {
    expect(classificationLines(sample(), { drawScore: false })).toEqual(['Ground truth: 1', 'Prediction: 1']);
    expect(classificationLines(sample(), { drawGt: false })).toEqual(['Prediction: 1, 0.90']);
    expect(classificationLines(sample(), { drawPred: false })).toEqual(['Ground truth: 1']);
    expect(classificationLines(new DataSample().setGtLabel(0))).toEqual(['Ground truth: 0']);
    expect(classificationLines(new DataSample().setPredLabel(2))).toEqual(['Prediction: 2']);
  });

  it('puts further labels of a multi-label sample under the first', () => {
    const multi = new DataSample().setGtLabel([0, 2]).setPredLabel([2, 0]).setPredScore([0.6, 0.1, 0.7]);
    expect(classificationLines(multi, { classes: ['a', 'b', 'c'] })).toEqual([
      'Ground truth: 0 (a)',
      '              2 (c)',
      'Prediction: 2, 0.70 (c)',
      '            0, 0.60 (a)',
    ]);
  });

  it("rounds an exact tie to the even digit, as Python's f'{score:.2f}'", () => {
    const tie = new DataSample().setPredLabel([0, 1, 2]).setPredScore([0.125, 0.625, 0.375]);
    expect(classificationLines(tie)).toEqual(['Prediction: 0, 0.12', '            1, 0.62', '            2, 0.38']);
  });

  it('names a label without a class name', () => {
    expect(() => classificationLines(sample(), { classes: ['dog'] })).toThrow(/label 1 has no class name \(the dataset names 1 classes\)/);
  });
});
