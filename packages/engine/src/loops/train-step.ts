import type { Batch } from '@mmpt/datasets';
import type { OptimWrapper } from '@mmpt/optim';
import { type Tensor, tidy } from '@mmpt/tensor';
import type { RunnableModel } from '../runner/runnable-model';
import { parseLosses } from '../runner/train-step';

/**
 * One training iteration, as MMEngine's `BaseModel.train_step`: preprocess the batch, compute the
 * losses, backpropagate and update through the optimizer wrapper. Returns the logged scalars
 * (read back once the step is recorded) and frees everything else the step made.
 */
export async function trainStep(model: RunnableModel, optimWrapper: OptimWrapper, batch: Batch): Promise<Record<string, number>> {
  const logged = tidy(() => {
    const prepared = model.dataPreprocessor.forward({ inputs: batch.inputs, data_samples: batch.data_samples }, true);
    const losses = model.loss(prepared.inputs, prepared.data_samples);
    const { total, logVars } = parseLosses(losses);
    optimWrapper.updateParams(total);
    return [...logVars].map(([name, value]) => [name, value.detach()] as [string, Tensor]);
  });
  disposeInputs(batch);
  const values: Record<string, number> = {};
  for (const [name, tensor] of logged) {
    values[name] = await tensor.itemAsync();
    tensor.dispose();
  }
  return values;
}

/** Predictions of one evaluation batch, as MMEngine's `val_step`/`test_step`. */
export async function predictStep(model: RunnableModel, batch: Batch): Promise<import('@mmpt/structures').DataSample[]> {
  if (!model.predict) throw new Error(`${model.constructor.name} has no predict method, so it cannot be evaluated`);
  const prepared = model.dataPreprocessor.forward({ inputs: batch.inputs, data_samples: batch.data_samples }, false);
  disposeInputs(batch);
  try {
    return await model.predict(prepared.inputs, prepared.data_samples);
  } finally {
    for (const input of [prepared.inputs].flat()) input.dispose();
  }
}

/** Frees the collated inputs: one tensor, a list, or a list per view. */
function disposeInputs(batch: Batch): void {
  for (const input of [batch.inputs].flat(2)) input.dispose();
}
