import { Hook } from './hook';

/** The options of {@link VisualizationHook}, as MMPretrain's. */
export interface VisualizationHookOptions {
  enable?: boolean;
  interval?: number;
}

/**
 * MMPretrain's `VisualizationHook`, which draws predictions during validation. Drawing is not
 * available yet: the hook accepts the default runtime's `enable: false` and refuses `enable: true`
 * with a clear message rather than silently doing nothing.
 */
export class VisualizationHook extends Hook {
  override priority = 'NORMAL' as const;

  constructor(options: VisualizationHookOptions = {}) {
    super();
    if (options.enable) throw new Error('VisualizationHook: enable: true (drawing predictions during validation) is not available yet; use `mmpt browse-dataset` to look at data');
  }
}
