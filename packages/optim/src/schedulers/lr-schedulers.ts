import { ConstantParamScheduler, type ConstantParamSchedulerOptions } from './constant-param-scheduler';
import { CosineAnnealingParamScheduler, type CosineAnnealingParamSchedulerOptions } from './cosine-annealing-param-scheduler';
import { CosineRestartParamScheduler, type CosineRestartParamSchedulerOptions } from './cosine-restart-param-scheduler';
import { ExponentialParamScheduler, type ExponentialParamSchedulerOptions } from './exponential-param-scheduler';
import { LinearParamScheduler, type LinearParamSchedulerOptions } from './linear-param-scheduler';
import { MultiStepParamScheduler, type MultiStepParamSchedulerOptions } from './multi-step-param-scheduler';
import { OneCycleParamScheduler, type OneCycleParamSchedulerOptions } from './one-cycle-param-scheduler';
import type { FixedParamOptions } from './param-scheduler';
import { PolyParamScheduler, type PolyParamSchedulerOptions } from './poly-param-scheduler';
import { ReduceOnPlateauParamScheduler, type ReduceOnPlateauParamSchedulerOptions } from './reduce-on-plateau-param-scheduler';
import { StepParamScheduler, type StepParamSchedulerOptions } from './step-param-scheduler';

// The learning-rate forms of the parameter schedulers, as MMEngine's `*LR` classes: the same
// schedules with `param_name` fixed to `'lr'`.

/** {@link ConstantParamScheduler} on the learning rate. */
export class ConstantLR extends ConstantParamScheduler {
  constructor(options: FixedParamOptions<ConstantParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link CosineAnnealingParamScheduler} on the learning rate. */
export class CosineAnnealingLR extends CosineAnnealingParamScheduler {
  constructor(options: FixedParamOptions<CosineAnnealingParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link ExponentialParamScheduler} on the learning rate. */
export class ExponentialLR extends ExponentialParamScheduler {
  constructor(options: FixedParamOptions<ExponentialParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link LinearParamScheduler} on the learning rate (warm-up). */
export class LinearLR extends LinearParamScheduler {
  constructor(options: FixedParamOptions<LinearParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link MultiStepParamScheduler} on the learning rate. */
export class MultiStepLR extends MultiStepParamScheduler {
  constructor(options: FixedParamOptions<MultiStepParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link StepParamScheduler} on the learning rate. */
export class StepLR extends StepParamScheduler {
  constructor(options: FixedParamOptions<StepParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link PolyParamScheduler} on the learning rate. */
export class PolyLR extends PolyParamScheduler {
  constructor(options: FixedParamOptions<PolyParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link OneCycleParamScheduler} on the learning rate. */
export class OneCycleLR extends OneCycleParamScheduler {
  constructor(options: FixedParamOptions<OneCycleParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link CosineRestartParamScheduler} on the learning rate. */
export class CosineRestartLR extends CosineRestartParamScheduler {
  constructor(options: FixedParamOptions<CosineRestartParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}

/** {@link ReduceOnPlateauParamScheduler} on the learning rate. */
export class ReduceOnPlateauLR extends ReduceOnPlateauParamScheduler {
  constructor(options: FixedParamOptions<ReduceOnPlateauParamSchedulerOptions>) {
    super({ ...options, param_name: 'lr' });
  }
}
