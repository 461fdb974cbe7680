import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderVectorModule } from '../../../scripts/build-vector-wasm';

describe('generated vector kernel module', () => {
  it('matches wat/vector.wat (run scripts/build-vector-wasm.ts after editing it)', async () => {
    const { path, source } = await renderVectorModule();
    expect(readFileSync(path, 'utf8'), path).toBe(source);
  });
});
