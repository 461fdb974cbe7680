import type { Runner } from '../runner/runner';
import { Hook } from './hook';

/** MMEngine's `DistSamplerSeedHook`: gives the training data loader the epoch, so each epoch shuffles anew. */
export class DistSamplerSeedHook extends Hook {
  override priority = 'NORMAL' as const;

  override beforeTrainEpoch(runner: Runner): void {
    runner.trainDataLoader?.setEpoch(runner.epoch);
  }
}
