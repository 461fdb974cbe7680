import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type AnyModule, type HostTensor, tensorToHost, writeSafetensors } from '@mmpt/tensor';
import { checkpointFiles } from './checkpoint-files';
import { extractTensors } from './tensor-tree';

/** What a checkpoint holds besides the weights. */
export interface CheckpointState {
  /** Epoch, iteration, seed, config text, time... */
  meta: Record<string, unknown>;
  /** The optimizer wrapper's state dict (tensors inside are stored in the optimizer file). */
  optimizer?: unknown;
  /** Each parameter scheduler's state dict. */
  paramSchedulers?: unknown[];
  /** The message hub's scalars and runtime information, to resume logging. */
  messageHub?: unknown;
  /** Anything else a hook adds (EMA weights, best scores...). */
  [key: string]: unknown;
}

/**
 * Writes a checkpoint: the model's state dict as safetensors with PyTorch-style keys (the file
 * other tools load), the optimizer's tensors in a second safetensors file, and the rest as JSON.
 * Returns the weights path.
 */
export async function saveCheckpoint(model: AnyModule, weightsPath: string, state: CheckpointState): Promise<string> {
  const files = checkpointFiles(weightsPath);
  mkdirSync(dirname(files.weights), { recursive: true });
  const weights = new Map<string, HostTensor>();
  for (const [name, tensor] of model.stateDict()) weights.set(name, await tensorToHost(tensor));
  writeFileSync(files.weights, writeSafetensors(weights, { format: 'pt', producer: 'mmpt' }));
  const { optimizer, ...rest } = state;
  const json: Record<string, unknown> = { ...rest };
  if (optimizer !== undefined) {
    const { tree, tensors } = await extractTensors(optimizer, 'optimizer');
    json.optimizer = tree;
    if (tensors.size > 0) writeFileSync(files.optimizer, writeSafetensors(tensors));
  }
  writeFileSync(files.meta, `${JSON.stringify(json, jsonReplacer, 2)}\n`);
  return files.weights;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
