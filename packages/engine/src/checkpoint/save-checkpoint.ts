import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type AnyModule, type HostTensor, Tensor, tensorToHost, writeSafetensors } from '@mmpt/tensor';
import { checkpointFiles } from './checkpoint-files';
import { extractTensors } from './tensor-tree';

/** What a checkpoint holds besides the weights. */
export interface CheckpointState {
  /** Epoch, iteration, seed, config text, time... (and the tensor entries of {@link CheckpointMetaTensors}). */
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
 * The tensor entries a hook may put into the meta it receives in `beforeSaveCheckpoint` (as
 * MMEngine's hooks edit the checkpoint dict). {@link saveCheckpoint} takes them out of the JSON
 * and writes their tensors as safetensors; `readCheckpointState` gives `ema_state_dict` back.
 */
export interface CheckpointMetaTensors {
  /**
   * What the weights file holds instead of the model's own state dict (`EMAHook` puts the
   * averaged weights there, as MMEngine's checkpoint `state_dict`). Not kept in the JSON.
   */
  state_dict?: ReadonlyMap<string, Tensor>;
  /**
   * MMEngine's `ema_state_dict` (`steps`, `module.<name>`): written to `<name>.ema.safetensors`;
   * the JSON's `meta.ema_state_dict` names that file.
   */
  ema_state_dict?: ReadonlyMap<string, Tensor>;
}

/**
 * Writes a checkpoint: the model's state dict (or the meta's `state_dict`) as safetensors with
 * PyTorch-style keys (the file other tools load), the optimizer's tensors in a second safetensors
 * file, the meta's `ema_state_dict` in a third, and the rest as JSON. Returns the weights path.
 */
export async function saveCheckpoint(model: AnyModule, weightsPath: string, state: CheckpointState): Promise<string> {
  const files = checkpointFiles(weightsPath);
  mkdirSync(dirname(files.weights), { recursive: true });
  const { state_dict: weightsOverride, ema_state_dict: ema, ...meta } = state.meta ?? {};
  const weights = tensorEntries(weightsOverride, 'meta.state_dict') ?? model.stateDict();
  writeFileSync(files.weights, writeSafetensors(await toHost(weights), { format: 'pt', producer: 'mmpt' }));
  const emaTensors = tensorEntries(ema, 'meta.ema_state_dict');
  if (emaTensors) {
    writeFileSync(files.ema, writeSafetensors(await toHost(emaTensors), { format: 'pt', producer: 'mmpt' }));
    meta.ema_state_dict = basename(files.ema);
  } else if (existsSync(files.ema)) {
    rmSync(files.ema);
  }
  const { optimizer, ...rest } = state;
  const json: Record<string, unknown> = { ...rest, meta };
  if (optimizer !== undefined) {
    const { tree, tensors } = await extractTensors(optimizer, 'optimizer');
    json.optimizer = tree;
    if (tensors.size > 0) writeFileSync(files.optimizer, writeSafetensors(tensors));
  }
  writeFileSync(files.meta, `${JSON.stringify(json, jsonReplacer, 2)}\n`);
  return files.weights;
}

/** A meta tensor entry as a map, checked; undefined when absent. */
function tensorEntries(value: unknown, key: string): ReadonlyMap<string, Tensor> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Map) || [...value.values()].some((tensor) => !(tensor instanceof Tensor))) {
    throw new TypeError(`saveCheckpoint: ${key} must be a Map of names to tensors, got ${Object.prototype.toString.call(value)}`);
  }
  return value as ReadonlyMap<string, Tensor>;
}

async function toHost(tensors: ReadonlyMap<string, Tensor>): Promise<Map<string, HostTensor>> {
  const host = new Map<string, HostTensor>();
  for (const [name, tensor] of tensors) host.set(name, await tensorToHost(tensor));
  return host;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
