import { readFileSync } from 'node:fs';
import { type HostStateDict, extractStateDict, readPth, readSafetensors } from '@mmpt/tensor';

/** The formats {@link readWeightFile} reads. */
export type WeightFormat = 'safetensors' | 'pth';

/** A weight file read into host memory. */
export interface WeightFile {
  /** The state dict: the `state_dict` entry of a checkpoint, or the whole file when it is a bare state dict. */
  stateDict: HostStateDict;
  format: WeightFormat;
  /** The string metadata of a safetensors file (empty for `.pth`). */
  metadata: Record<string, string>;
  /** The path, or a description of the bytes, for messages. */
  source: string;
}

/** The format of weight-file bytes: a zip archive (`PK\x03\x04`) is a `.pth`, anything else safetensors. */
export function detectWeightFormat(bytes: Uint8Array): WeightFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'pth' : 'safetensors';
}

/**
 * Reads a `.safetensors` file or a PyTorch `.pth` checkpoint (an MMPretrain/MMEngine checkpoint,
 * whose `state_dict` entry is taken, or a bare state dict) from a path or from bytes. `.pth`
 * files go through `@mmpt/tensor`'s restricted unpickler, which executes nothing.
 *
 * @example
 * const { stateDict } = readWeightFile('resnet18_8xb32_in1k_20210831-fbbb1da6.pth');
 */
export function readWeightFile(source: string | Uint8Array, name?: string): WeightFile {
  const description = name ?? (typeof source === 'string' ? source : `${source.byteLength} bytes of weights`);
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try {
      bytes = readFileSync(source);
    } catch (error) {
      throw new Error(`readWeightFile: cannot read "${source}" (${(error as Error).message})`);
    }
  } else {
    bytes = source;
  }
  const format = detectWeightFormat(bytes);
  if (format === 'pth') {
    return { stateDict: extractStateDict(readPth(bytes, description), description), format, metadata: {}, source: description };
  }
  const { tensors, metadata } = readSafetensors(bytes, description);
  return { stateDict: tensors, format, metadata, source: description };
}
