// Base classes and the evaluator
export { BaseMetric } from './base-metric';
export type { BaseMetricOptions, MetricResults, MetricValue } from './base-metric';
export { collectResults } from './collect-results';
export { Evaluator } from './evaluator';
export type { EvaluatorOptions, MetricConfig } from './evaluator';
export { buildEvaluator } from './build-evaluator';
export type { EvaluatorConfig } from './build-evaluator';
export { register } from './register';

// Inputs
export type {
  ClassificationSample,
  ClassificationSampleFields,
  LabelValue,
  ScoreValue,
} from './classification-sample';
export type { Matrix, MatrixInput, VectorInput } from './metric-input';
export type { MultiLabelInput } from './multi-label-input';
export type { RetrievalInput } from './retrieval-input';
export type { Average } from './average';
export type { MetricItem } from './items';
export type { ThresholdsOption } from './thresholds';
export type { ClassValues, PrecisionRecallF1Support } from './precision-recall-f1';

// Single-label classification
export { Accuracy } from './accuracy';
export type { AccuracyOptions, AccuracyResult } from './accuracy';
export { SingleLabelMetric } from './single-label-metric';
export type { SingleLabelCalculateOptions, SingleLabelMetricOptions, SingleLabelResult } from './single-label-metric';
export { ConfusionMatrix } from './confusion-matrix';
export type { ConfusionMatrixOptions, ConfusionMatrixResult } from './confusion-matrix';

// Multi-label classification
export { MultiLabelMetric } from './multi-label-metric';
export type { MultiLabelCalculateOptions, MultiLabelMetricOptions, MultiLabelResult } from './multi-label-metric';
export { AveragePrecision } from './average-precision';
export type { AveragePrecisionOptions, AveragePrecisionResult } from './average-precision';
export { VOCMultiLabelMetric } from './voc-multi-label-metric';
export type { VOCMultiLabelMetricOptions } from './voc-multi-label-metric';
export { VOCAveragePrecision } from './voc-average-precision';
export type { VOCAveragePrecisionOptions } from './voc-average-precision';
export type { VocDifficultOptions } from './voc-difficult';

// Retrieval
export { RetrievalRecall } from './retrieval-recall';
export type { RetrievalCalculateOptions, RetrievalRecallOptions } from './retrieval-recall';
export { RetrievalAveragePrecision } from './retrieval-average-precision';
export type {
  RetrievalAveragePrecisionCalculateOptions,
  RetrievalAveragePrecisionMode,
  RetrievalAveragePrecisionOptions,
} from './retrieval-average-precision';
