import { describe } from '../optimizers/param-group';

/**
 * What the `--amp` switch of the training CLI does to an `optim_wrapper` config, as MMPretrain's
 * `tools/train.py`: an `OptimWrapper` (or untyped) config becomes an `AmpOptimWrapper` with
 * `loss_scale: 'dynamic'` unless it sets one; any other wrapper type is an error. Returns a new
 * config.
 *
 * @example
 * enableAmp({ optimizer: { type: 'SGD', lr: 0.1 } });
 * // { optimizer: { type: 'SGD', lr: 0.1 }, type: 'AmpOptimWrapper', loss_scale: 'dynamic' }
 */
export function enableAmp<T extends Record<string, unknown>>(optimWrapperConfig: T): T & { type: 'AmpOptimWrapper' } {
  const type = optimWrapperConfig.type ?? 'OptimWrapper';
  if (type !== 'OptimWrapper' && type !== 'AmpOptimWrapper') {
    throw new TypeError(`enableAmp: --amp is not supported with the custom optimizer wrapper type ${describe(typeof type === 'function' ? type : type)}`);
  }
  return { ...optimWrapperConfig, type: 'AmpOptimWrapper', loss_scale: optimWrapperConfig.loss_scale ?? 'dynamic' };
}
