import { describe } from '../optimizers/param-group';

/**
 * Checks that exactly one of `eta_min` and `eta_min_ratio` is set (after defaulting), as MMEngine
 * asserts for the cosine schedulers.
 */
export function checkEtaMin(owner: string, etaMin: number | null, etaMinRatio: number | null): void {
  if ((etaMin === null) === (etaMinRatio === null)) {
    throw new TypeError(`${owner}: either eta_min or eta_min_ratio should be specified, got eta_min=${describe(etaMin)}, eta_min_ratio=${describe(etaMinRatio)}`);
  }
}

/** The minimum for a group: `eta_min`, or `base · eta_min_ratio`. */
export function etaMinOf(base: number, etaMin: number | null, etaMinRatio: number | null): number {
  return etaMinRatio === null ? (etaMin as number) : base * etaMinRatio;
}
