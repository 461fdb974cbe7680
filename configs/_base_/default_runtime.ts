// The runtime settings of MMPretrain's `_base_/default_runtime.py`.
const vis_backends = [{ type: 'LocalVisBackend' }];

export default {
  default_scope: 'mmpt',
  default_hooks: {
    timer: { type: 'IterTimerHook' },
    logger: { type: 'LoggerHook', interval: 100 },
    param_scheduler: { type: 'ParamSchedulerHook' },
    checkpoint: { type: 'CheckpointHook', interval: 1 },
    sampler_seed: { type: 'DistSamplerSeedHook' },
    visualization: { type: 'VisualizationHook', enable: false },
  },
  env_cfg: { cudnn_benchmark: false },
  vis_backends,
  visualizer: { type: 'UniversalVisualizer', vis_backends },
  log_level: 'INFO',
  load_from: null,
  resume: false,
  randomness: { seed: null, deterministic: false },
};
