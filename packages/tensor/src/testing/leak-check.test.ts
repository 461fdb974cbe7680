import { describe, expect, it } from 'vitest';
import { assertNoLeak } from './leak-check';

const state = (tensors: number, bytes: number) => ({ tensors, storages: tensors, bytes, bytesByDevice: { cpu: bytes } });

describe('assertNoLeak', () => {
  it('passes when tensors and bytes are back where they were', () => {
    expect(() => assertNoLeak(state(3, 40), state(3, 40))).not.toThrow();
  });

  it('reports tensors and bytes left alive', () => {
    expect(() => assertNoLeak(state(3, 40), state(5, 48))).toThrow(/left 2 tensors and 8 bytes alive/);
    expect(() => assertNoLeak(state(3, 40), state(3, 44))).toThrow(/left 0 tensors and 4 bytes alive/);
  });
});
