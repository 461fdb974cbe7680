import type { Registries } from '@mmpt/registry';
import { ExponentialMovingAverage } from './averaged-models/exponential-moving-average';
import { MomentumAnnealingEMA } from './averaged-models/momentum-annealing-ema';
import { StochasticWeightAverage } from './averaged-models/stochastic-weight-average';
import { CheckpointHook } from './hooks/checkpoint-hook';
import { DistSamplerSeedHook } from './hooks/dist-sampler-seed-hook';
import { EarlyStoppingHook } from './hooks/early-stopping-hook';
import { EMAHook } from './hooks/ema-hook';
import { IterTimerHook } from './hooks/iter-timer-hook';
import { LoggerHook } from './hooks/logger-hook';
import { ParamSchedulerHook } from './hooks/param-scheduler-hook';
import { RuntimeInfoHook } from './hooks/runtime-info-hook';
import { VisualizationHook } from './hooks/visualization-hook';
import { TestLoop, ValLoop } from './loops/eval-loops';
import { EpochBasedTrainLoop, IterBasedTrainLoop } from './loops/train-loops';

/** Registers the hooks, loops and averaged models (for EMAHook's `ema_type`) of this package under MMEngine's names. */
export function register(registries: Registries): void {
  for (const hook of [CheckpointHook, DistSamplerSeedHook, EarlyStoppingHook, EMAHook, IterTimerHook, LoggerHook, ParamSchedulerHook, RuntimeInfoHook, VisualizationHook]) {
    registries.hooks.register(hook);
  }
  for (const loop of [EpochBasedTrainLoop, IterBasedTrainLoop, ValLoop, TestLoop]) registries.loops.register(loop);
  for (const averaged of [ExponentialMovingAverage, MomentumAnnealingEMA, StochasticWeightAverage]) registries.models.register(averaged);
}
