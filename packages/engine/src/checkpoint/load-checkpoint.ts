import { existsSync, readFileSync } from 'node:fs';
import { type AnyModule, type Backend, type HostStateDict, type LoadStateDictResult, extractStateDict, hostToTensor, readPth, readSafetensors } from '@mmpt/tensor';
import { checkpointFiles } from './checkpoint-files';
import type { CheckpointState } from './save-checkpoint';
import { restoreTensors } from './tensor-tree';

/** Reads model weights from a `.safetensors` or a PyTorch `.pth` file (an MMPretrain checkpoint or a bare state dict). */
export function readWeights(path: string): HostStateDict {
  if (!existsSync(path)) throw new Error(`Checkpoint not found: ${path}`);
  const bytes = new Uint8Array(readFileSync(path));
  if (path.endsWith('.safetensors')) return readSafetensors(bytes, path).tensors;
  return extractStateDict(readPth(bytes, path), path);
}

/** Loads weights into a model, uploading them to `backend`; the key report of `loadStateDict`. */
export function loadWeights(model: AnyModule, path: string, backend: Backend, options: { strict?: boolean; prefix?: string } = {}): LoadStateDictResult {
  const host = readWeights(path);
  const dict = new Map<string, import('@mmpt/tensor').Tensor>();
  const prefix = options.prefix ? `${options.prefix.replace(/\.$/, '')}.` : '';
  for (const [key, value] of host) {
    if (prefix && !key.startsWith(prefix)) continue;
    dict.set(key.slice(prefix.length), hostToTensor(value, backend));
  }
  try {
    return model.loadStateDict(dict, { strict: options.strict ?? true });
  } finally {
    for (const tensor of dict.values()) tensor.dispose();
  }
}

/**
 * Reads the state (meta, optimizer, schedulers...) of a checkpoint written by `saveCheckpoint`.
 * When the checkpoint has EMA state, `meta.ema_state_dict` is its host state dict (`steps`,
 * `module.<name>`), read from `<name>.ema.safetensors`, for `EMAHook.afterLoadCheckpoint`.
 */
export function readCheckpointState(weightsPath: string, backend: Backend): CheckpointState {
  const files = checkpointFiles(weightsPath);
  if (!existsSync(files.meta)) {
    throw new Error(`Cannot resume from ${weightsPath}: its state file ${files.meta} is missing (a weights-only file can be used with load_from)`);
  }
  const state = JSON.parse(readFileSync(files.meta, 'utf8')) as CheckpointState;
  const meta = state.meta as Record<string, unknown> | undefined;
  if (meta && meta.ema_state_dict !== undefined) {
    if (!existsSync(files.ema)) throw new Error(`Cannot resume from ${weightsPath}: its meta names the EMA state ${String(meta.ema_state_dict)}, but ${files.ema} is missing`);
    meta.ema_state_dict = readSafetensors(new Uint8Array(readFileSync(files.ema)), files.ema).tensors;
  }
  if (state.optimizer !== undefined) {
    const tensors = existsSync(files.optimizer) ? readSafetensors(new Uint8Array(readFileSync(files.optimizer)), files.optimizer).tensors : new Map();
    state.optimizer = restoreTensors(state.optimizer, tensors, backend, files.meta);
  }
  return state;
}
