import type { Config } from '@mmpt/config';
import { type RunnableModel, asRunnableModel, loadWeights } from '@mmpt/engine';
import type { BuildConfig, Registries } from '@mmpt/registry';
import type { Backend } from '@mmpt/tensor';
import { CliError } from '../cli-error';

/**
 * Builds the config's `model` (with a top-level `data_preprocessor` when the model has none, as
 * the runner does) on the current default backend.
 */
export function buildModel(cfg: Config, registries: Registries): RunnableModel {
  if (!cfg.has('model')) throw new CliError(`${cfg.filename ?? 'The config'} has no model`);
  const modelConfig = { ...cfg.get<BuildConfig>('model') };
  if (modelConfig.data_preprocessor === undefined && cfg.has('data_preprocessor')) modelConfig.data_preprocessor = cfg.get('data_preprocessor');
  return asRunnableModel(registries.models.build(modelConfig));
}

/** What {@link loadCheckpoint} did: the keys of the file the model lacks, and the reverse. */
export interface KeyReport {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Loads a checkpoint's weights into a model and reports the keys that did not match. With
 * `strict` (the default) a missing or unexpected key is an error that names the first few; a
 * shape mismatch is always one.
 */
export function loadCheckpoint(model: RunnableModel, checkpoint: string, backend: Backend, strict = true): KeyReport {
  let report: KeyReport;
  try {
    report = loadWeights(model, checkpoint, backend, { strict: false });
  } catch (error) {
    const message = (error as Error).message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
    throw new CliError(`Cannot load ${checkpoint} into the model: ${message}`, { cause: error });
  }
  if (strict && (report.missingKeys.length > 0 || report.unexpectedKeys.length > 0)) {
    throw new CliError(`The checkpoint ${checkpoint} does not fit the model (${describeKeyReport(report)}); pass --no-strict to load it anyway`);
  }
  return report;
}

/** `missing keys: a, b (+3 more); unexpected keys: c`, or `all keys match`. */
export function describeKeyReport(report: KeyReport, shown = 4): string {
  const list = (keys: string[]) => `${keys.slice(0, shown).join(', ')}${keys.length > shown ? ` (+${keys.length - shown} more)` : ''}`;
  const parts = [
    report.missingKeys.length > 0 ? `${report.missingKeys.length} missing keys: ${list(report.missingKeys)}` : '',
    report.unexpectedKeys.length > 0 ? `${report.unexpectedKeys.length} unexpected keys: ${list(report.unexpectedKeys)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'all keys match';
}
