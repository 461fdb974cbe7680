import { describe } from 'vitest';
import type { ConformanceContext } from '../conformance-context';
import { NETWORK_SUITES } from '../network-suites';
import { registerNetworkFixtureCases } from '../network-fixtures';

/**
 * The network ops of `src/ops/nn/` (convolution, pooling, norms, losses, softmax, interpolation,
 * attention...). Each entry of {@link NETWORK_SUITES} runs one fixture file of the network ops
 * (written by `scripts/generate-nn-fixtures.py`) plus its finite-difference checks; add an entry
 * there to bring a new network op under the suite.
 */
export function registerNetworkTests(context: ConformanceContext): void {
  describe('network ops', () => {
    for (const suite of NETWORK_SUITES) {
      describe(suite.title, () => {
        registerNetworkFixtureCases(context, suite);
        for (const check of suite.gradientChecks ?? []) {
          const op = check.title.split(':')[0] ?? suite.tag;
          context.gradientTest(check.title, [op, suite.tag, 'network'], check.check, check.tolerance);
        }
      });
    }
  });
}
