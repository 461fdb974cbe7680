import { INF, ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link PolyParamScheduler}. */
export interface PolyParamSchedulerOptions extends ParamSchedulerOptions {
  /** The value reached at `end - 1` (default 0). */
  eta_min?: number;
  /** The power of the polynomial (default 1). */
  power?: number;
}

/** Polynomial decay to `eta_min` at `end - 1`, as MMEngine's `PolyParamScheduler`. */
export class PolyParamScheduler extends ParamScheduler<{ eta_min: number; power: number; total_iters: number }> {
  static override readonly optionKeys: readonly string[] = ['eta_min', 'power'];

  constructor(options: PolyParamSchedulerOptions) {
    super(options, { eta_min: options?.eta_min ?? 0, power: options?.power ?? 1.0, total_iters: (options.end ?? INF) - (options.begin ?? 0) - 1 });
  }

  protected getValue(): number[] {
    const { eta_min: etaMin, power, total_iters: totalIters } = this.settings;
    const current = this.currentValues();
    if (this.lastStep === 0) return current;
    return current.map((value) => (value - etaMin) * (1 - 1 / (totalIters - this.lastStep + 1)) ** power + etaMin);
  }
}
