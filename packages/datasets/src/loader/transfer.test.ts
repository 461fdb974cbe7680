import { DataSample } from '@mmpt/structures';
import { type CpuBackend, createCpuBackend, memory, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packResult, unpackResult } from './transfer';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('packResult', () => {
  it('turns tensors into host arrays, lists typed arrays for transfer and rebuilds data samples', () => {
    const before = memory().tensors;
    const input = tensor(Float32Array.of(1, 2, 3, 4, 5, 6), { shape: [1, 2, 3] });
    const sample = new DataSample().setGtLabel(2);
    const transfer: ArrayBuffer[] = [];
    const packed = packResult({ inputs: input, data_samples: sample }, transfer) as { inputs: { data: Float32Array; shape: number[] } };
    expect(memory().tensors).toBe(before);
    expect(packed.inputs.shape).toEqual([1, 2, 3]);
    expect([...packed.inputs.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(transfer.length).toBeGreaterThanOrEqual(1);
    const unpacked = unpackResult(structuredClone(packed)) as { data_samples: DataSample };
    expect(unpacked.data_samples).toBeInstanceOf(DataSample);
    expect([...(unpacked.data_samples.gtLabel ?? [])]).toEqual([2]);
  });
});
