// Registration
export { register } from './register';

// Models as the optimizer side sees them
export type { ModuleLike, LayerDepthModule } from './module-like';
export { hasBatchNorm, isDeformableConv, isDepthwiseConv, isNormModule } from './module-kinds';

// Optimizers
export { Optimizer, REQUIRED } from './optimizers/optimizer';
export type { OptimizerStateDict, OptimizerStateValue, ParameterState } from './optimizers/optimizer';
export { booleanOption, numberOption, pairOption } from './optimizers/param-group';
export type { ParamGroup, ParamGroupInput, ParamsInput } from './optimizers/param-group';
export { assign } from './optimizers/assign';
export { SGD } from './optimizers/sgd';
export type { SGDOptions } from './optimizers/sgd';
export { Adam } from './optimizers/adam';
export type { AdamOptions } from './optimizers/adam';
export { AdamW } from './optimizers/adamw';
export { RMSprop } from './optimizers/rmsprop';
export type { RMSpropOptions } from './optimizers/rmsprop';
export { Adagrad } from './optimizers/adagrad';
export type { AdagradOptions } from './optimizers/adagrad';
export { LARS } from './optimizers/lars';
export type { LARSOptions } from './optimizers/lars';
export { Lamb } from './optimizers/lamb';
export type { LambOptions } from './optimizers/lamb';

// Optimizer wrappers
export { OptimWrapper } from './wrappers/optim-wrapper';
export type { ClipGradConfig, OptimWrapperOptions, OptimWrapperStateDict } from './wrappers/optim-wrapper';
export { AmpOptimWrapper, AMP_DTYPES } from './wrappers/amp-optim-wrapper';
export type { AmpOptimWrapperOptions } from './wrappers/amp-optim-wrapper';
export { GradScaler } from './wrappers/grad-scaler';
export type { GradScalerOptions, GradScalerStateDict } from './wrappers/grad-scaler';
export { clipGradNorm, clipGradValue } from './wrappers/clip-grad';
export type { NormType } from './wrappers/clip-grad';
export { enableAmp } from './wrappers/enable-amp';

// Optimizer wrapper constructors
export { DefaultOptimWrapperConstructor } from './constructors/default-optim-wrapper-constructor';
export type { OptimWrapperConstructorOptions } from './constructors/default-optim-wrapper-constructor';
export { LearningRateDecayOptimWrapperConstructor } from './constructors/learning-rate-decay-optim-wrapper-constructor';
export type { LayerDepthFunction } from './constructors/learning-rate-decay-optim-wrapper-constructor';
export { buildOptimWrapper } from './constructors/build-optim-wrapper';
export type { CustomKeyConfig, OptimRegistries, OptimWrapperConfig, ParamwiseConfig } from './constructors/optim-wrapper-config';

// Parameter schedulers
export { ParamScheduler, INF } from './schedulers/param-scheduler';
export type { FixedParamOptions, ParamSchedulerOptions, ParamSchedulerStateDict, SchedulableOptimizer } from './schedulers/param-scheduler';
export { StepParamScheduler } from './schedulers/step-param-scheduler';
export type { StepParamSchedulerOptions } from './schedulers/step-param-scheduler';
export { MultiStepParamScheduler } from './schedulers/multi-step-param-scheduler';
export type { MultiStepParamSchedulerOptions } from './schedulers/multi-step-param-scheduler';
export { ConstantParamScheduler } from './schedulers/constant-param-scheduler';
export type { ConstantParamSchedulerOptions } from './schedulers/constant-param-scheduler';
export { ExponentialParamScheduler } from './schedulers/exponential-param-scheduler';
export type { ExponentialParamSchedulerOptions } from './schedulers/exponential-param-scheduler';
export { CosineAnnealingParamScheduler } from './schedulers/cosine-annealing-param-scheduler';
export type { CosineAnnealingParamSchedulerOptions } from './schedulers/cosine-annealing-param-scheduler';
export { LinearParamScheduler } from './schedulers/linear-param-scheduler';
export type { LinearParamSchedulerOptions } from './schedulers/linear-param-scheduler';
export { PolyParamScheduler } from './schedulers/poly-param-scheduler';
export type { PolyParamSchedulerOptions } from './schedulers/poly-param-scheduler';
export { OneCycleParamScheduler } from './schedulers/one-cycle-param-scheduler';
export type { OneCycleParamSchedulerOptions } from './schedulers/one-cycle-param-scheduler';
export { CosineRestartParamScheduler } from './schedulers/cosine-restart-param-scheduler';
export type { CosineRestartParamSchedulerOptions } from './schedulers/cosine-restart-param-scheduler';
export { ReduceOnPlateauParamScheduler } from './schedulers/reduce-on-plateau-param-scheduler';
export type { ReduceOnPlateauParamSchedulerOptions } from './schedulers/reduce-on-plateau-param-scheduler';
export {
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
export {
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
export { buildParamSchedulers } from './schedulers/build-param-schedulers';
export type { BuildParamSchedulersOptions, ParamSchedulerConfig } from './schedulers/build-param-schedulers';

// Learning-rate scaling with the batch size
export { scaleLr } from './auto-scale-lr';
export type { AutoScaleLrConfig } from './auto-scale-lr';
