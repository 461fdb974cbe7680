import type { HostStateDict } from '@mmpt/tensor';

/**
 * A module that adapts a checkpoint's entries before they are loaded, as PyTorch's
 * `_register_load_state_dict_pre_hook` (VisionTransformer resizes `pos_embed` this way).
 * `prefix` is the module's path in the loaded model with a trailing dot (`''` at the root).
 */
export interface StateDictPreparer {
  prepareStateDict(dict: HostStateDict, prefix: string): void;
}

/** Whether a module adapts checkpoints before loading. */
export function isStateDictPreparer(module: unknown): module is StateDictPreparer {
  return typeof (module as Partial<StateDictPreparer>).prepareStateDict === 'function';
}
