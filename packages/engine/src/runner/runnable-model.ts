import type { LossDict } from '@mmpt/models';
import type { DataSample } from '@mmpt/structures';
import type { AnyModule, Tensor } from '@mmpt/tensor';

/**
 * A collated batch as the runner hands it to the data preprocessor: one NCHW tensor, a list of
 * CHW tensors, or (multi-view samples) one NCHW tensor or one list per view.
 */
export interface RunnerBatch {
  inputs: Tensor | Tensor[] | Tensor[][];
  data_samples?: DataSample[];
}

/** What a data preprocessor gives the model: one batch, or one batch per view (self-supervised algorithms). */
export interface RunnerPreprocessedBatch {
  inputs: Tensor | Tensor[];
  data_samples: DataSample[];
}

/**
 * What the runner needs of a model: MMPretrain's classifiers and self-supervised algorithms have a
 * data preprocessor, a `loss` for training and a `predict` for evaluation. Classifiers take one
 * batch tensor; self-supervised algorithms take one tensor per view.
 */
export type RunnableModel = AnyModule & {
  // Method syntax: a preprocessor or model typed for a narrower batch (ImageClassifier's one tensor) still fits.
  dataPreprocessor: { forward(batch: RunnerBatch, training?: boolean): RunnerPreprocessedBatch };
  loss(inputs: Tensor | Tensor[], dataSamples: readonly DataSample[]): LossDict;
  predict?(inputs: Tensor | Tensor[], dataSamples?: readonly DataSample[]): Promise<DataSample[]>;
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
