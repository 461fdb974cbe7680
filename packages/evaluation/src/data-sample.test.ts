import { afterAll, describe, expect, it } from 'vitest';
import { DataSample } from '@mmpt/structures';
import { createCpuBackend, memory, setDefaultBackend, tensor } from '@mmpt/tensor';
import { Accuracy } from './accuracy';
import { AveragePrecision } from './average-precision';
import { ConfusionMatrix } from './confusion-matrix';
import { Evaluator } from './evaluator';
import { MultiLabelMetric } from './multi-label-metric';
import { RetrievalRecall } from './retrieval-recall';
import { SingleLabelMetric } from './single-label-metric';
import { VOCAveragePrecision } from './voc-average-precision';

const backend = createCpuBackend();
setDefaultBackend(backend);
afterAll(() => backend.dispose());

const scores = [
  [0.7, 0.0, 0.3],
  [0.5, 0.2, 0.3],
  [0.4, 0.5, 0.1],
  [0.0, 0.0, 1.0],
  [0.0, 0.0, 1.0],
  [0.0, 0.0, 1.0],
];
const labels = [0, 0, 1, 2, 2, 2];
const truth = [0, 0, 1, 2, 1, 0];

describe('metrics on DataSample objects', () => {
  it('read pred_score, pred_label, gt_label and num_classes through DataSample', () => {
    const withScores = scores.map((score, i) => new DataSample().setPredScore(score).setPredLabel(labels[i] as number).setGtLabel(truth[i] as number));
    const evaluator = new Evaluator({ metrics: [new Accuracy({ thrs: 0.6 }), new SingleLabelMetric({ items: ['support'] }), new ConfusionMatrix()] });
    evaluator.process(withScores);
    expect(evaluator.evaluate(6)).toEqual({
      'accuracy/top1': 33.33333206176758,
      'single-label/support': 6,
      'confusion_matrix/result': [
        [2, 0, 1],
        [0, 1, 1],
        [0, 0, 1],
      ],
    });

    // Without scores, the labels are used and num_classes comes from the meta information.
    const labelsOnly = labels.map((label, i) => new DataSample({ metainfo: { num_classes: 3 } }).setPredLabel(label).setGtLabel(truth[i] as number));
    const byLabel = new Evaluator({ metrics: [new Accuracy(), new SingleLabelMetric({ average: null })] });
    byLabel.process(labelsOnly);
    const results = byLabel.evaluate(6);
    expect(results['accuracy/top1']).toBe(66.66666412353516);
    expect(results['single-label/precision_classwise']).toEqual([100, 100, 33.333335876464844]);
  });

  it('read gt_score for multi-label metrics and gt_label_difficult from the meta information', () => {
    const samples = [
      new DataSample().setPredScore([0.9, 0.8, 0.3, 0.2]).setGtScore([1, 1, 0, 0]),
      new DataSample().setPredScore([0.1, 0.2, 0.2, 0.1]).setGtLabel([1]),
      new DataSample().setPredScore([0.7, 0.5, 0.9, 0.3]).setGtLabel([2]),
      new DataSample().setPredScore([0.8, 0.1, 0.1, 0.2]).setGtLabel([0]),
    ];
    const average = new AveragePrecision();
    average.process(null, samples);
    expect(average.evaluate(4)).toEqual({ 'multi-label/mAP': 70.83333587646484 });
    const multi = new MultiLabelMetric({ topk: 1, items: ['support'] });
    multi.process(null, samples);
    expect(multi.evaluate(4)).toEqual({ 'multi-label/support_top1': 5 });

    // Class 3 is only on a difficult object of the second image: ignored there.
    samples[1]?.setMetainfo({ gt_label_difficult: [3] });
    const voc = new VOCAveragePrecision({ average: null });
    voc.process(null, samples);
    const classwise = voc.evaluate(4)['multi-label/AP_classwise'] as number[];
    expect(classwise[3]).toBe(0);
    expect(classwise.slice(0, 3)).toEqual([100, 83.33333587646484, 100]);
  });

  it('read tensors and leave no tensor behind', () => {
    const before = memory().tensors;
    const pred = tensor(scores);
    const target = tensor(truth, { dtype: 'int32' });
    expect(Accuracy.calculate(pred, target, [1, 2], [null])).toEqual([[66.66666412353516], [83.33332824707031]]);
    expect(ConfusionMatrix.calculate(pred, target)).toEqual([
      [2, 0, 1],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    const recall = new RetrievalRecall({ topk: 1 });
    const score = tensor([0.1, 0.9, 0.3]);
    const gt = tensor([1], { dtype: 'int32' });
    recall.process(null, [{ pred_score: score, gt_label: gt }]);
    expect(recall.evaluate(1)).toEqual({ 'retrieval/Recall@1': 100 });
    for (const item of [pred, target, score, gt]) item.dispose();
    expect(memory().tensors).toBe(before);
  });
});
