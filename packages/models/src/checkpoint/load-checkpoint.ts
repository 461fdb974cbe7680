import { type AnyModule, type HostStateDict, type Tensor, formatShape, hostToTensor } from '@mmpt/tensor';
import { DEFAULT_REVISE_KEYS, type ReviseKeys, reviseKeys, selectPrefix } from './key-rules';
import { isStateDictPreparer } from './state-dict-preparer';
import { type WeightFormat, readWeightFile } from './weight-file';

/** The options of {@link loadCheckpoint}, as MMEngine's `load_checkpoint` and `PretrainedInit`. */
export interface LoadCheckpointOptions {
  /** Whether missing, unexpected or mismatched keys are an error (default false, as MMEngine). */
  strict?: boolean;
  /** Load only the entries under this prefix, with the prefix removed (`'backbone.'`). */
  prefix?: string;
  /** Key rewrites applied first (default: strip `module.`). */
  revise_keys?: ReviseKeys;
}

/** An entry whose shape differs between the checkpoint and the model (not loaded). */
export interface MismatchedKey {
  key: string;
  checkpointShape: number[];
  modelShape: number[];
}

/** What a load did: the keys loaded, and the ones that did not match (as MMEngine logs them). */
export interface CheckpointReport {
  source: string;
  format: WeightFormat | 'state dict';
  loadedKeys: string[];
  /** Entries of the model the checkpoint lacks (left as they were). */
  missingKeys: string[];
  /** Entries of the checkpoint the model does not have (ignored). */
  unexpectedKeys: string[];
  mismatchedKeys: MismatchedKey[];
}

/**
 * Loads a `.safetensors` file or a PyTorch `.pth` (an MMPretrain checkpoint's `state_dict`, or a
 * bare state dict) into a model, as MMEngine's `load_checkpoint`: keys are revised
 * (`revise_keys`), optionally narrowed to a `prefix`, adapted by modules that resize entries
 * (ViT's `pos_embed`), then copied into the model's parameters and buffers. Returns the key
 * report; with `strict` any missing, unexpected or mismatched key is an error and nothing is loaded.
 *
 * @example
 * const report = loadCheckpoint(model, 'resnet50_8xb32_in1k_20210831-ea4938fc.pth');
 * const backbone = loadCheckpoint(resnet, 'classifier.safetensors', { prefix: 'backbone.' });
 */
export function loadCheckpoint(model: AnyModule, source: string | Uint8Array, options: LoadCheckpointOptions = {}): CheckpointReport {
  const file = readWeightFile(source);
  let dict = reviseKeys(file.stateDict, options.revise_keys ?? DEFAULT_REVISE_KEYS);
  if (options.prefix) dict = selectPrefix(dict, options.prefix, file.source);
  return loadHostStateDict(model, dict, { strict: options.strict ?? false, source: file.source, format: file.format });
}

/**
 * Loads a host state dict (as weight files are read) into a model; see {@link loadCheckpoint}.
 * The dict may be modified by the model's {@link StateDictPreparer} modules.
 */
export function loadHostStateDict(
  model: AnyModule,
  dict: HostStateDict,
  options: { strict?: boolean; source?: string; format?: CheckpointReport['format'] } = {},
): CheckpointReport {
  const source = options.source ?? 'state dict';
  for (const [path, module] of model.namedModules()) if (isStateDictPreparer(module)) module.prepareStateDict(dict, path ? `${path}.` : '');
  const target = model.stateDict();
  const report: CheckpointReport = { source, format: options.format ?? 'state dict', loadedKeys: [], missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] };
  for (const [key, destination] of target) {
    const entry = dict.get(key);
    if (!entry) report.missingKeys.push(key);
    else if (formatShape(entry.shape) !== formatShape(destination.shape)) {
      report.mismatchedKeys.push({ key, checkpointShape: [...entry.shape], modelShape: [...destination.shape] });
    } else report.loadedKeys.push(key);
  }
  for (const key of dict.keys()) if (!target.has(key)) report.unexpectedKeys.push(key);
  const problems = report.missingKeys.length + report.unexpectedKeys.length + report.mismatchedKeys.length;
  if ((options.strict ?? false) && problems > 0) {
    throw new Error(`loadCheckpoint: ${source} does not match ${model.constructor.name} (strict):\n${formatCheckpointReport(report)}`);
  }
  copyEntries(model, dict, report.loadedKeys, target);
  return report;
}

/** Copies the given entries into the model, a few at a time to bound the memory used. */
function copyEntries(model: AnyModule, dict: HostStateDict, keys: string[], target: Map<string, Tensor>): void {
  const chunkSize = 32;
  for (let start = 0; start < keys.length; start += chunkSize) {
    const chunk = new Map<string, Tensor>();
    for (const key of keys.slice(start, start + chunkSize)) {
      chunk.set(key, hostToTensor(dict.get(key) as NonNullable<ReturnType<HostStateDict['get']>>, (target.get(key) as Tensor).backend));
    }
    try {
      model.loadStateDict(chunk, { strict: false });
    } finally {
      for (const tensor of chunk.values()) tensor.dispose();
    }
  }
}

/** The report as MMEngine logs it: one section per kind of mismatch. */
export function formatCheckpointReport(report: CheckpointReport): string {
  const lines = [`${report.source}: loaded ${report.loadedKeys.length} entries`];
  if (report.missingKeys.length > 0) lines.push(`missing keys in source state_dict: ${report.missingKeys.join(', ')}`);
  if (report.unexpectedKeys.length > 0) lines.push(`unexpected key in source state_dict: ${report.unexpectedKeys.join(', ')}`);
  if (report.mismatchedKeys.length > 0) {
    lines.push(
      `size mismatch: ${report.mismatchedKeys.map((entry) => `${entry.key} (checkpoint ${formatShape(entry.checkpointShape)}, model ${formatShape(entry.modelShape)})`).join(', ')}`,
    );
  }
  return lines.join('\n');
}
