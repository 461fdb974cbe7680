import { BaseMetric, type BaseMetricOptions, type MetricResults } from '@mmpt/evaluation';
import type { DataSample } from '@mmpt/structures';

/**
 * An evaluation metric written for this plugin (the guide's `MyMetric`): the share of samples
 * whose predicted class is not the ground truth, in percent (`error/rate`), and their number
 * (`error/count`). `process` keeps one boolean per sample; `computeMetrics` reduces them.
 *
 * @example
 * val_evaluator = [{ type: 'Accuracy', topk: [1] }, { type: 'ErrorRate' }]
 */
export class ErrorRate extends BaseMetric<DataSample, boolean> {
  static override defaultPrefix: string | null = 'error';

  constructor(options: BaseMetricOptions = {}) {
    super(options);
  }

  process(_dataBatch: unknown, dataSamples: readonly DataSample[]): void {
    for (const sample of dataSamples) {
      const predicted = sample.predLabel?.[0];
      const truth = sample.gtLabel?.[0];
      if (predicted === undefined || truth === undefined) throw new Error('ErrorRate: every sample needs a pred_label and a gt_label');
      this.results.push(predicted !== truth);
    }
  }

  computeMetrics(results: boolean[]): MetricResults {
    const count = results.filter(Boolean).length;
    return { rate: results.length === 0 ? 0 : (100 * count) / results.length, count };
  }
}
