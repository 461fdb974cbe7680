import type { ClsBatch, LossDict, PreprocessedBatch } from '@mmpt/models';
import type { DataSample } from '@mmpt/structures';
import type { AnyModule, Tensor } from '@mmpt/tensor';

/**
 * What the runner needs of a model: MMPretrain's classifiers and self-supervised algorithms have a
 * data preprocessor, a `loss` for training and a `predict` for evaluation.
 */
export type RunnableModel = AnyModule & {
  dataPreprocessor: { forward(batch: ClsBatch, training?: boolean): PreprocessedBatch };
  loss(inputs: Tensor, dataSamples: readonly DataSample[]): LossDict;
  predict?(inputs: Tensor, dataSamples?: readonly DataSample[]): Promise<DataSample[]>;
  initWeights?(loadPretrained?: (module: AnyModule, checkpoint: string, prefix: string | undefined) => void): void;
};

/** Checks that a built model can be trained and evaluated by the runner. */
export function asRunnableModel(model: unknown): RunnableModel {
  const candidate = model as Partial<RunnableModel> | null;
  if (!candidate || typeof candidate.loss !== 'function' || !candidate.dataPreprocessor) {
    const name = (model as object | null)?.constructor?.name ?? typeof model;
    throw new Error(`The model (${name}) cannot be run: it needs a dataPreprocessor and a loss(inputs, dataSamples) method, as ImageClassifier has`);
  }
  return candidate as RunnableModel;
}
