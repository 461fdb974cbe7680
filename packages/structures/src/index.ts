export { DataSample } from './data-sample';
export type { FieldType, MaskInput } from './data-sample';
export { MultiTaskDataSample } from './multi-task-data-sample';
export { formatLabel, formatScore } from './format-label';
export type { LabelInput, ScoreInput } from './format-label';
export { isHostArray } from './host-array';
export type { HostArray, HostData } from './host-array';
export {
  catBatchLabels,
  concatenateLabels,
  batchLabelToOnehot,
  labelToOnehot,
  stackBatchScores,
} from './batch-labels';
export type { BatchLabels, BatchTensorOptions } from './batch-labels';
export { tensorSplit } from './tensor-split';
