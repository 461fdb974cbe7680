import { ConstantParamScheduler, type ConstantParamSchedulerOptions } from './constant-param-scheduler';
import { CosineAnnealingParamScheduler, type CosineAnnealingParamSchedulerOptions } from './cosine-annealing-param-scheduler';
import { CosineRestartParamScheduler, type CosineRestartParamSchedulerOptions } from './cosine-restart-param-scheduler';
import { ExponentialParamScheduler, type ExponentialParamSchedulerOptions } from './exponential-param-scheduler';
import { LinearParamScheduler, type LinearParamSchedulerOptions } from './linear-param-scheduler';
import { prepareMomentum, syncBetas, usesBetas } from './momentum';
import { MultiStepParamScheduler, type MultiStepParamSchedulerOptions } from './multi-step-param-scheduler';
import type { FixedParamOptions, ParamSchedulerStateDict } from './param-scheduler';
import { PolyParamScheduler, type PolyParamSchedulerOptions } from './poly-param-scheduler';
import { ReduceOnPlateauParamScheduler, type ReduceOnPlateauParamSchedulerOptions } from './reduce-on-plateau-param-scheduler';
import { StepParamScheduler, type StepParamSchedulerOptions } from './step-param-scheduler';

// The momentum forms of the parameter schedulers, as MMEngine's `*Momentum` classes: `momentum`
// is scheduled, or for the Adam family `betas[0]` (see `prepareMomentum`). Their state dict adds
// MMEngine's `use_betas`.

function withBetas(dict: ParamSchedulerStateDict, optimizer: Parameters<typeof usesBetas>[0]): ParamSchedulerStateDict {
  return { ...dict, use_betas: usesBetas(optimizer) };
}

/** {@link ConstantParamScheduler} on the momentum. */
export class ConstantMomentum extends ConstantParamScheduler {
  constructor(options: FixedParamOptions<ConstantParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'ConstantMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link CosineAnnealingParamScheduler} on the momentum. */
export class CosineAnnealingMomentum extends CosineAnnealingParamScheduler {
  constructor(options: FixedParamOptions<CosineAnnealingParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'CosineAnnealingMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link ExponentialParamScheduler} on the momentum. */
export class ExponentialMomentum extends ExponentialParamScheduler {
  constructor(options: FixedParamOptions<ExponentialParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'ExponentialMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link LinearParamScheduler} on the momentum. */
export class LinearMomentum extends LinearParamScheduler {
  constructor(options: FixedParamOptions<LinearParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'LinearMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link MultiStepParamScheduler} on the momentum. */
export class MultiStepMomentum extends MultiStepParamScheduler {
  constructor(options: FixedParamOptions<MultiStepParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'MultiStepMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link StepParamScheduler} on the momentum. */
export class StepMomentum extends StepParamScheduler {
  constructor(options: FixedParamOptions<StepParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'StepMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link PolyParamScheduler} on the momentum. */
export class PolyMomentum extends PolyParamScheduler {
  constructor(options: FixedParamOptions<PolyParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'PolyMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link CosineRestartParamScheduler} on the momentum. */
export class CosineRestartMomentum extends CosineRestartParamScheduler {
  constructor(options: FixedParamOptions<CosineRestartParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'CosineRestartMomentum') });
  }
  override step(): void {
    super.step();
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}

/** {@link ReduceOnPlateauParamScheduler} on the momentum. */
export class ReduceOnPlateauMomentum extends ReduceOnPlateauParamScheduler {
  constructor(options: FixedParamOptions<ReduceOnPlateauParamSchedulerOptions>) {
    super({ ...options, param_name: prepareMomentum(options.optimizer, 'ReduceOnPlateauMomentum') });
  }
  override step(metrics?: Record<string, number>): void {
    super.step(metrics);
    syncBetas(this.optimizer);
  }
  override stateDict(): ParamSchedulerStateDict {
    return withBetas(super.stateDict(), this.optimizer);
  }
}
