import { describe, expect, it, vi } from 'vitest';
import { BaseMetric, type BaseMetricOptions, type MetricResults } from './base-metric';

class CountMetric extends BaseMetric<number, number> {
  static override defaultPrefix: string | null = 'count';
  seen: number[][] = [];

  process(_dataBatch: unknown, dataSamples: readonly number[]): void {
    for (const sample of dataSamples) this.results.push(sample);
  }

  computeMetrics(results: number[]): MetricResults {
    this.seen.push([...results]);
    return { total: results.reduce((sum, value) => sum + value, 0), n: results.length };
  }
}

class Unprefixed extends CountMetric {
  static override defaultPrefix: string | null = null;
}

describe('BaseMetric', () => {
  it('prefixes result names with the default prefix or the given one', () => {
    const metric = new CountMetric();
    metric.process(null, [1, 2, 3]);
    expect(metric.evaluate(3)).toEqual({ 'count/total': 6, 'count/n': 3 });
    const named = new CountMetric({ prefix: 'val' });
    named.process(null, [4]);
    expect(named.evaluate(1)).toEqual({ 'val/total': 4, 'val/n': 1 });
    expect(new CountMetric({ prefix: '' }).prefix).toBe('count');
  });

  it('warns and leaves names bare without any prefix', () => {
    const warn = vi.fn();
    const metric = new Unprefixed({ warn });
    expect(warn).toHaveBeenCalledWith('The prefix is not set in metric class Unprefixed.');
    metric.process(null, [5]);
    expect(metric.evaluate(1)).toEqual({ total: 5, n: 1 });
  });

  it('evaluates the first size results over all batches and clears them', () => {
    const metric = new CountMetric();
    metric.process(null, [1, 2]);
    metric.process(null, [3, 4]);
    expect(metric.evaluate(3)).toEqual({ 'count/total': 6, 'count/n': 3 });
    expect(metric.results).toEqual([]);
    expect(metric.seen).toEqual([[1, 2, 3]]);
  });

  it('warns when evaluated without results', () => {
    const warn = vi.fn();
    const metric = new CountMetric({ warn });
    expect(metric.evaluate(0)).toEqual({ 'count/total': 0, 'count/n': 0 });
    expect(warn).toHaveBeenCalledWith(
      'CountMetric got empty results. Please ensure that the processed results are properly added into `results` in the `process` method.',
    );
  });

  it('checks collect_device, collect_dir and size', () => {
    expect(new CountMetric({ collect_device: 'gpu' }).collectDevice).toBe('gpu');
    expect(new CountMetric({ collect_dir: '/tmp/x' }).collectDir).toBe('/tmp/x');
    expect(() => new CountMetric({ collect_device: 'tpu' } as unknown as BaseMetricOptions)).toThrow(
      `CountMetric: collect_device must be 'cpu' or 'gpu', got "tpu"`,
    );
    expect(() => new CountMetric({ collect_device: 'gpu', collect_dir: '/tmp/x' })).toThrow(
      `CountMetric: collect_dir can only be set with collect_device 'cpu', got collect_device 'gpu'`,
    );
    expect(() => new CountMetric().evaluate(-1)).toThrow('CountMetric.evaluate: size must be a non-negative integer, got -1');
  });

  it('keeps the dataset meta information', () => {
    const metric = new CountMetric();
    expect(metric.datasetMeta).toBeNull();
    metric.datasetMeta = { classes: ['cat', 'dog'] };
    expect(metric.datasetMeta).toEqual({ classes: ['cat', 'dog'] });
  });
});
