import type { DataSample } from '@mmpt/structures';
import type { AnyModule, Tensor } from '@mmpt/tensor';

/** The losses (and metrics) of a training step, by name. */
export type LossDict = Record<string, Tensor>;

/**
 * What ImageClassifier needs of a head (ClsHead and its subclasses, MultiLabelClsHead):
 * `preLogits` (the input of the last layer), `forward` (class scores), `loss` and `predict`.
 */
export interface ClassifierHead extends AnyModule {
  preLogits(feats: Tensor[]): Tensor;
  forward(feats: Tensor[]): Tensor;
  loss(feats: Tensor[], dataSamples: readonly DataSample[]): LossDict;
  predict(feats: Tensor[], dataSamples?: readonly DataSample[]): Promise<DataSample[]>;
}
