import type { Runner } from '../runner/runner';
import { Hook } from './hook';

/** MMEngine's `RuntimeInfoHook`: keeps epoch, iteration and max iterations in the message hub. */
export class RuntimeInfoHook extends Hook {
  override priority = 'VERY_HIGH' as const;

  override beforeTrain(runner: Runner): void {
    runner.messageHub.updateInfo('max_epochs', runner.trainLoop?.maxEpochs);
    runner.messageHub.updateInfo('max_iters', runner.trainLoop?.maxIters);
    // Models with momentum schedules (BYOL, MoCo v3) need the length of training.
    (runner.model as { setRuntimeInfo?: (info: { max_iters?: number }) => void }).setRuntimeInfo?.({ max_iters: runner.trainLoop?.maxIters });
  }

  override beforeTrainEpoch(runner: Runner): void {
    runner.messageHub.updateInfo('epoch', runner.epoch);
  }

  override beforeTrainIter(runner: Runner): void {
    runner.messageHub.updateInfo('iter', runner.iter);
  }
}
