import { writeFileSync } from 'node:fs';
import { type AnyModule, type HostStateDict, writeSafetensors } from '@mmpt/tensor';

/**
 * The model's state dict read back to the host, under PyTorch's keys (`backbone.layer1.0.conv1.weight`),
 * in state-dict order. float16 values are widened to float32.
 */
export function stateDictToHost(model: AnyModule): HostStateDict {
  const result: HostStateDict = new Map();
  for (const [key, tensor] of model.stateDict()) {
    const data = tensor.dataSync();
    result.set(key, { dtype: tensor.dtype === 'float16' ? 'float32' : tensor.dtype, shape: [...tensor.shape], data: tensor.dtype === 'float16' ? Float32Array.from(data) : data });
  }
  return result;
}

/** The options of {@link saveWeights}. */
export interface SaveWeightsOptions {
  /** String metadata stored in the safetensors header (`__metadata__`). */
  metadata?: Record<string, string>;
}

/**
 * Writes the model's weights as a safetensors file with PyTorch-style keys, which MMPretrain (via
 * `safetensors.torch.load_file`) and {@link loadCheckpoint} read back. Returns the bytes written.
 *
 * @example
 * saveWeights(model, 'work_dirs/resnet18/epoch_10.safetensors', { metadata: { epoch: '10' } });
 */
export function saveWeights(model: AnyModule, path: string, options: SaveWeightsOptions = {}): number {
  const bytes = serializeWeights(model, options);
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new Error(`saveWeights: cannot write "${path}" (${(error as Error).message})`);
  }
  return bytes.byteLength;
}

/** The safetensors bytes {@link saveWeights} writes, for callers that store them elsewhere. */
export function serializeWeights(model: AnyModule, options: SaveWeightsOptions = {}): Uint8Array {
  return writeSafetensors(stateDictToHost(model), { format: 'pt', ...(options.metadata ?? {}) });
}
