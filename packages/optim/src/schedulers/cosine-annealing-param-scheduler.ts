import { checkEtaMin, etaMinOf } from './eta-min';
import { INF, ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link CosineAnnealingParamScheduler}. */
export interface CosineAnnealingParamSchedulerOptions extends ParamSchedulerOptions {
  /** The half period, in steps (default `end - begin`). */
  T_max?: number | null;
  /** The minimum (default 0 unless `eta_min_ratio` is given). */
  eta_min?: number | null;
  /** The minimum as a ratio of each group's initial value. */
  eta_min_ratio?: number | null;
}

/**
 * Cosine annealing from the initial value to `eta_min` over `T_max` steps, as MMEngine's
 * `CosineAnnealingParamScheduler` (the chainable form of PyTorch's `CosineAnnealingLR`, including
 * its rule at `T_cur = (2k + 1) · T_max`).
 */
export class CosineAnnealingParamScheduler extends ParamScheduler<{ T_max: number; eta_min: number | null; eta_min_ratio: number | null }> {
  static override readonly optionKeys: readonly string[] = ['T_max', 'eta_min', 'eta_min_ratio'];

  constructor(options: CosineAnnealingParamSchedulerOptions) {
    let etaMin = options?.eta_min ?? null;
    const etaMinRatio = options?.eta_min_ratio ?? null;
    if (etaMin === null && etaMinRatio === null) etaMin = 0;
    checkEtaMin('CosineAnnealingParamScheduler', etaMin, etaMinRatio);
    const tMax = options.T_max || (options.end ?? INF) - (options.begin ?? 0);
    super(options, { T_max: tMax, eta_min: etaMin, eta_min_ratio: etaMinRatio });
  }

  protected getValue(): number[] {
    const { T_max: tMax, eta_min: etaMin, eta_min_ratio: etaMinRatio } = this.settings;
    const current = this.currentValues();
    if (this.lastStep === 0) return current;
    if ((this.lastStep - 1 - tMax) % (2 * tMax) === 0) {
      return current.map((value, index) => {
        const base = this.baseValues[index] as number;
        return value + ((base - etaMinOf(base, etaMin, etaMinRatio)) * (1 - Math.cos(Math.PI / tMax))) / 2;
      });
    }
    return current.map((value, index) => {
      const minimum = etaMinOf(this.baseValues[index] as number, etaMin, etaMinRatio);
      return (
        ((1 + Math.cos((Math.PI * this.lastStep) / tMax)) / (1 + Math.cos((Math.PI * (this.lastStep - 1)) / tMax))) * (value - minimum) + minimum
      );
    });
  }

  static override toIterBased(options: Record<string, unknown>, epochLength: number): Record<string, unknown> {
    const converted = super.toIterBased(options, epochLength);
    if (options.T_max !== undefined && options.T_max !== null) converted.T_max = (options.T_max as number) * epochLength;
    return converted;
  }
}
