import { expect } from 'vitest';
import { type FeatureBackbone, type WithCpComparisonOptions, compareWithCp } from './with-cp-comparison';

/** The options of {@link expectSameWithCp}. */
export interface ExpectSameWithCpOptions extends WithCpComparisonOptions {
  /** The model draws random numbers in training (dropout, drop path): check that another seed changes the loss, so the draws were replayed. */
  random?: boolean;
}

/**
 * Expects one training step with and without `with_cp` to give the same loss and gradients
 * (within 1e-6), to keep fewer than half the tensors alive between forward and backward, and to
 * leak nothing.
 */
export function expectSameWithCp(build: (withCp: boolean) => FeatureBackbone, inputShape: number[], options: ExpectSameWithCpOptions = {}): void {
  const comparison = compareWithCp(build, inputShape, options);
  expect(comparison.sameParameters).toBe(true);
  const [plainLoss, checkpointedLoss] = comparison.losses;
  expect(Math.abs(checkpointedLoss - plainLoss)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(plainLoss)));
  if (options.random) expect(Math.abs(comparison.otherSeedLoss - plainLoss)).toBeGreaterThan(1e-4);
  expect(comparison.worstGradientDifference, comparison.worstParameter).toBeLessThanOrEqual(1e-6);
  expect(comparison.liveAfterForward[1]).toBeLessThan(comparison.liveAfterForward[0] / 2);
  expect(comparison.leaked).toEqual([
    { tensors: 0, bytes: 0 },
    { tensors: 0, bytes: 0 },
  ]);
}
