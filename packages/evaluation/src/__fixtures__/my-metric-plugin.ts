// The guide's recipe for a user-defined metric, as a plugin: a BaseMetric subclass with process and
// computeMetrics, registered in registries.metrics by the plugin's register function.
import type { Registries } from '@mmpt/registry';
import { BaseMetric, type ClassificationSample, type MetricResults } from '../index';

/** The mean of the highest predicted score of every sample. */
export class MeanConfidence extends BaseMetric<ClassificationSample, number> {
  static override defaultPrefix: string | null = 'confidence';

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    for (const sample of dataSamples) {
      const scores = (sample as { pred_score: number[] }).pred_score;
      this.results.push(Math.max(...scores));
    }
  }

  computeMetrics(results: number[]): MetricResults {
    return { mean: results.reduce((sum, value) => sum + value, 0) / results.length };
  }
}

export function register(registries: Registries): void {
  registries.metrics.register(MeanConfidence);
}
