import { describe, expect, it } from 'vitest';
import { formatDuration, pythonExponential } from './logger-hook';

describe('LoggerHook formats', () => {
  it('prints learning rates as Python does and ETAs as h:mm:ss', () => {
    expect(pythonExponential(0.1)).toBe('1.0000e-01');
    expect(pythonExponential(0.00012345)).toBe('1.2345e-04');
    expect(pythonExponential(5e-10)).toBe('5.0000e-10');
    expect(pythonExponential(0)).toBe('0.0000e+00');
    expect(formatDuration(3725.4)).toBe('1:02:05');
    expect(formatDuration(59)).toBe('0:00:59');
  });
});
