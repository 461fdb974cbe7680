import { describe, expect, it } from 'vitest';
import { ConformanceContext } from './conformance-context';

describe('ConformanceContext', () => {
  const context = new ConformanceContext({
    name: 'test',
    createBackend: () => {
      throw new Error('not used');
    },
    skip: ['conv2d', 'special-values'],
    tolerances: { exp: { rtol: 0.5, atol: 0.5 } },
  });

  it('skips a test when any of its tags is listed', () => {
    expect(context.isSkipped(['conv2d', 'network'])).toBe(true);
    expect(context.isSkipped(['logsumexp', 'special-values'])).toBe(true);
    expect(context.isSkipped(['add'])).toBe(false);
  });

  it('applies the backend tolerance overrides', () => {
    expect(context.tolerance('exp')).toEqual({ rtol: 0.5, atol: 0.5 });
    expect(context.tolerance('add')).toEqual({ rtol: 1e-5, atol: 1e-6 });
  });

  it('refuses to hand out a backend before the suite created it', () => {
    expect(() => context.backend).toThrow(/before it was created/);
  });
});
