import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCES, FINITE_DIFFERENCE_TOLERANCE, resolveTolerance } from './tolerances';

describe('resolveTolerance', () => {
  it('gives exact-ish defaults to plain ops and looser ones to transcendental ops, reductions and products', () => {
    expect(resolveTolerance('add', 'forward')).toEqual({ rtol: 1e-5, atol: 1e-6 });
    expect(resolveTolerance('exp', 'forward')).toEqual(DEFAULT_TOLERANCES.exp);
    expect(resolveTolerance('sum', 'forward').rtol).toBeGreaterThan(1e-5);
    expect(resolveTolerance('matmul', 'forward').atol).toBeGreaterThan(1e-6);
  });

  it('scales gradients by ten and uses the finite-difference default', () => {
    const gradient = resolveTolerance('add', 'gradient');
    expect(gradient.rtol).toBeCloseTo(1e-4, 12);
    expect(gradient.atol).toBeCloseTo(1e-5, 12);
    expect(resolveTolerance('add', 'finiteDifference')).toEqual(FINITE_DIFFERENCE_TOLERANCE);
  });

  it('lets a backend override an op, its gradient, or a test-specific choice', () => {
    const overrides = { matmul: { rtol: 1e-2, atol: 1e-2 }, 'exp.gradient': { rtol: 0.5, atol: 0.5 }, 'log.finiteDifference': { rtol: 0.1, atol: 0.1 } };
    expect(resolveTolerance('matmul', 'forward', overrides)).toEqual({ rtol: 1e-2, atol: 1e-2 });
    expect(resolveTolerance('matmul', 'gradient', overrides)).toEqual({ rtol: 1e-1, atol: 1e-1 });
    expect(resolveTolerance('exp', 'gradient', overrides)).toEqual({ rtol: 0.5, atol: 0.5 });
    const specific = { rtol: 0.05, atol: 0.01 };
    expect(resolveTolerance('sin', 'finiteDifference', overrides, { specific })).toEqual(specific);
    expect(resolveTolerance('log', 'finiteDifference', overrides, { specific })).toEqual({ rtol: 0.1, atol: 0.1 });
  });

  it('falls back to a family default for ops without their own', () => {
    expect(resolveTolerance('conv2d', 'forward', {}, { fallback: 'network' })).toEqual(DEFAULT_TOLERANCES.network);
    expect(resolveTolerance('conv2d', 'forward', { network: { rtol: 1, atol: 1 } }, { fallback: 'network' })).toEqual({ rtol: 1, atol: 1 });
  });
});
