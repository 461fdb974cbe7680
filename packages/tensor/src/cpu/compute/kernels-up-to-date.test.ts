import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderKernelModules } from '../../../scripts/build-wasm';

describe('generated kernel modules', () => {
  it('match the .wat sources (run scripts/build-wasm.ts after editing them)', async () => {
    const modules = await renderKernelModules();
    expect(modules.length).toBeGreaterThan(0);
    for (const { path, source } of modules) {
      expect(readFileSync(path, 'utf8'), path).toBe(source);
    }
  });
});
