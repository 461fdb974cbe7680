import type { Batch } from '@mmpt/datasets';
import type { OptimWrapper } from '@mmpt/optim';
import { type Tensor, tidy } from '@mmpt/tensor';
import type { RunnableModel } from '../runner/runnable-model';
import { parseLosses } from '../runner/train-step';

/**
 * One training iteration, as MMEngine's `BaseModel.train_step`: preprocess the batch, compute the
 * losses, backpropagate and update through the optimizer wrapper (its asynchronous path, so that
 * the loss scaler of mixed precision can read its overflow check back on WebGPU). Returns the
 * logged scalars (read back once the step is recorded) and frees everything else the step made,
 * the batch's inputs included.
 */
export async function trainStep(model: RunnableModel, optimWrapper: OptimWrapper, batch: Batch): Promise<Record<string, number>> {
  let total: Tensor;
  let logged: Array<[string, Tensor]>;
  try {
    // The graph keeps what backward needs; the forward pass's other tensors are freed here.
    ({ total, logged } = tidy(() => {
      const prepared = model.dataPreprocessor.forward({ inputs: batch.inputs, data_samples: batch.data_samples }, true);
      const losses = model.loss(prepared.inputs, prepared.data_samples);
      const parsed = parseLosses(losses);
      return { total: parsed.total, logged: [...parsed.logVars].map(([name, value]) => [name, value.detach()] as [string, Tensor]) };
    }));
  } finally {
    disposeInputs(batch);
  }
  try {
    await optimWrapper.updateParamsAsync(total);
  } catch (error) {
    for (const [, tensor] of logged) tensor.dispose();
    throw error;
  } finally {
    total.dispose();
  }
  const values: Record<string, number> = {};
  for (const [name, tensor] of logged) {
    values[name] = await tensor.itemAsync();
    tensor.dispose();
  }
  return values;
}

/**
 * Predictions of one evaluation batch, as MMEngine's `val_step`/`test_step`. The batch's inputs
 * stay the caller's (the evaluation loop frees them after its iteration hooks, which may draw them).
 */
export async function predictStep(model: RunnableModel, batch: Batch): Promise<import('@mmpt/structures').DataSample[]> {
  if (!model.predict) throw new Error(`${model.constructor.name} has no predict method, so it cannot be evaluated`);
  const prepared = model.dataPreprocessor.forward({ inputs: batch.inputs, data_samples: batch.data_samples }, false);
  try {
    return await model.predict(prepared.inputs, prepared.data_samples);
  } finally {
    for (const input of [prepared.inputs].flat()) input.dispose();
  }
}

/** Frees the collated inputs of a batch: one tensor, a list, or a list per view. */
export function disposeInputs(batch: Batch): void {
  for (const input of [batch.inputs].flat(2)) input.dispose();
}
