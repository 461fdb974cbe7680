import type { Registries } from '@mmpt/registry';
import { DefaultOptimWrapperConstructor } from './constructors/default-optim-wrapper-constructor';
import { LearningRateDecayOptimWrapperConstructor } from './constructors/learning-rate-decay-optim-wrapper-constructor';
import { Adagrad } from './optimizers/adagrad';
import { Adam } from './optimizers/adam';
import { AdamW } from './optimizers/adamw';
import { Lamb } from './optimizers/lamb';
import { LARS } from './optimizers/lars';
import { RMSprop } from './optimizers/rmsprop';
import { SGD } from './optimizers/sgd';
import { ConstantParamScheduler } from './schedulers/constant-param-scheduler';
import { CosineAnnealingParamScheduler } from './schedulers/cosine-annealing-param-scheduler';
import { CosineRestartParamScheduler } from './schedulers/cosine-restart-param-scheduler';
import { ExponentialParamScheduler } from './schedulers/exponential-param-scheduler';
import { LinearParamScheduler } from './schedulers/linear-param-scheduler';
import {
  ConstantLR,
  CosineAnnealingLR,
  CosineRestartLR,
  ExponentialLR,
  LinearLR,
  MultiStepLR,
  OneCycleLR,
  PolyLR,
  ReduceOnPlateauLR,
  StepLR,
} from './schedulers/lr-schedulers';
import {
  ConstantMomentum,
  CosineAnnealingMomentum,
  CosineRestartMomentum,
  ExponentialMomentum,
  LinearMomentum,
  MultiStepMomentum,
  PolyMomentum,
  ReduceOnPlateauMomentum,
  StepMomentum,
} from './schedulers/momentum-schedulers';
import { MultiStepParamScheduler } from './schedulers/multi-step-param-scheduler';
import { OneCycleParamScheduler } from './schedulers/one-cycle-param-scheduler';
import { PolyParamScheduler } from './schedulers/poly-param-scheduler';
import { ReduceOnPlateauParamScheduler } from './schedulers/reduce-on-plateau-param-scheduler';
import { StepParamScheduler } from './schedulers/step-param-scheduler';
import { AmpOptimWrapper } from './wrappers/amp-optim-wrapper';
import { OptimWrapper } from './wrappers/optim-wrapper';

/**
 * Registers this package's modules under MMEngine's (and MMPretrain's) names: the optimizers
 * (`SGD`, `Adam`, `AdamW`, `RMSprop`, `Adagrad`, `LARS`, `Lamb`, also as `LAMB`), the wrappers
 * (`OptimWrapper`, `AmpOptimWrapper`), the wrapper constructors
 * (`DefaultOptimWrapperConstructor`, `LearningRateDecayOptimWrapperConstructor`) and every
 * parameter scheduler in its generic (`*ParamScheduler`), learning-rate (`*LR`) and momentum
 * (`*Momentum`) forms. Nothing is registered on import.
 *
 * @example
 * const registries = createRegistries();
 * register(registries);
 * const optimWrapper = buildOptimWrapper(model, cfg.optim_wrapper, registries);
 */
export function register(registries: Registries): void {
  const optimizers = registries.optimizers;
  for (const kind of [SGD, Adam, AdamW, RMSprop, Adagrad, LARS]) optimizers.register(kind);
  optimizers.register(['Lamb', 'LAMB'], Lamb);

  registries.optimWrappers.register(OptimWrapper);
  registries.optimWrappers.register(AmpOptimWrapper);

  registries.optimWrapperConstructors.register(DefaultOptimWrapperConstructor);
  registries.optimWrapperConstructors.register(LearningRateDecayOptimWrapperConstructor);

  const schedulers = registries.parameterSchedulers;
  for (const kind of [
    StepParamScheduler,
    MultiStepParamScheduler,
    ConstantParamScheduler,
    ExponentialParamScheduler,
    CosineAnnealingParamScheduler,
    LinearParamScheduler,
    PolyParamScheduler,
    OneCycleParamScheduler,
    CosineRestartParamScheduler,
    ReduceOnPlateauParamScheduler,
    StepLR,
    MultiStepLR,
    ConstantLR,
    ExponentialLR,
    CosineAnnealingLR,
    LinearLR,
    PolyLR,
    OneCycleLR,
    CosineRestartLR,
    ReduceOnPlateauLR,
    StepMomentum,
    MultiStepMomentum,
    ConstantMomentum,
    ExponentialMomentum,
    CosineAnnealingMomentum,
    LinearMomentum,
    PolyMomentum,
    CosineRestartMomentum,
    ReduceOnPlateauMomentum,
  ]) {
    schedulers.register(kind);
  }
}
