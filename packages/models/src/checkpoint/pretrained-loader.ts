import type { AnyModule } from '@mmpt/tensor';
import { formatCheckpointReport, loadCheckpoint } from './load-checkpoint';

/**
 * The default loader of `init_cfg` Pretrained (MMEngine's `PretrainedInit`): loads the checkpoint
 * (or the entries under `prefix`) non-strictly. A checkpoint of which no key matches the module is
 * an error (usually a missing or wrong `prefix`); other missing or unexpected keys are reported
 * with `console.warn`, as MMEngine logs them.
 */
export function loadPretrainedWeights(module: AnyModule, checkpoint: string, prefix: string | undefined): void {
  const report = loadCheckpoint(module, checkpoint, { ...(prefix ? { prefix } : {}), strict: false });
  if (report.loadedKeys.length === 0) {
    throw new Error(`init_cfg Pretrained: no entry of ${checkpoint}${prefix ? ` under "${prefix}"` : ''} matches ${module.constructor.name}:\n${formatCheckpointReport(report)}`);
  }
  if (report.missingKeys.length + report.unexpectedKeys.length + report.mismatchedKeys.length > 0) {
    console.warn(`init_cfg Pretrained: ${formatCheckpointReport(report)}`);
  }
}
