/** The files of one checkpoint: weights, optimizer tensors, EMA tensors and the JSON of everything else. */
export interface CheckpointFiles {
  /** Model weights with PyTorch-style keys (`backbone.layer1.0.conv1.weight`). */
  weights: string;
  /** Tensors of the optimizer state (momentum buffers, Adam moments), when there are any. */
  optimizer: string;
  /** MMEngine's `ema_state_dict` (`steps`, `module.<name>`), written when an `EMAHook` runs. */
  ema: string;
  /** Meta information, optimizer and scheduler state without tensors, message hub. */
  meta: string;
}

/** The files of the checkpoint whose weights file is `weightsPath` (`.../epoch_3.safetensors`). */
export function checkpointFiles(weightsPath: string): CheckpointFiles {
  const base = weightsPath.replace(/\.safetensors$/, '');
  return { weights: `${base}.safetensors`, optimizer: `${base}.optim.safetensors`, ema: `${base}.ema.safetensors`, meta: `${base}.json` };
}
