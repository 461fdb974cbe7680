import { DataSample, type HostArray } from '@mmpt/structures';
import { Tensor } from '@mmpt/tensor';

/** A DataSample flattened for `postMessage` (its typed arrays travel, its class does not). */
interface SampleRecord {
  __dataSample: true;
  gtLabel?: Int32Array;
  gtScore?: Float32Array;
  predLabel?: Int32Array;
  predScore?: Float32Array;
  mask?: DataSample['mask'];
  metainfo: Record<string, unknown>;
  fields: Array<[string, unknown]>;
}

/**
 * Prepares a pipeline result for `postMessage` from a worker thread: DataSamples become records,
 * typed arrays are listed for transfer. Tensors cannot cross threads (their storage belongs to a
 * backend): a tensor a transform made in the worker (PackInputs makes the input one) is read back
 * to a host array (`{ data, shape }`, which collate uploads) and disposed.
 */
export function packResult(value: unknown, transfer: ArrayBuffer[], path = 'result'): unknown {
  if (value instanceof Tensor) {
    const host: HostArray = { data: value.dataSync() as HostArray['data'], shape: [...value.shape] };
    value.dispose();
    return packResult(host, transfer, path);
  }
  if (value instanceof DataSample) {
    const record: SampleRecord = {
      __dataSample: true,
      gtLabel: value.gtLabel,
      gtScore: value.gtScore,
      predLabel: value.predLabel,
      predScore: value.predScore,
      mask: value.mask,
      metainfo: packResult(value.metainfo, transfer, `${path}.metainfo`) as Record<string, unknown>,
      fields: [...value.fields].map(([key, item]) => [key, packResult(item, transfer, `${path}.${key}`)]),
    };
    return record;
  }
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && !transfer.includes(value.buffer) && value.byteLength === value.buffer.byteLength) transfer.push(value.buffer);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => packResult(item, transfer, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      const name = (value as object).constructor?.name ?? 'object';
      throw new Error(`${path} is a ${name}, which cannot be sent from a worker thread; keep pipeline outputs on the host (plain data, typed arrays, DataSample)`);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, packResult(item, transfer, `${path}.${key}`)]));
  }
  return value;
}

/** Rebuilds what {@link packResult} flattened. */
export function unpackResult(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unpackResult);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const record = value as Partial<SampleRecord>;
    if (record.__dataSample) {
      const sample = new DataSample();
      sample.gtLabel = record.gtLabel;
      sample.gtScore = record.gtScore;
      sample.predLabel = record.predLabel;
      sample.predScore = record.predScore;
      sample.mask = record.mask;
      sample.setMetainfo(unpackResult(record.metainfo) as Record<string, unknown>);
      for (const [key, item] of record.fields ?? []) sample.fields.set(key, unpackResult(item));
      return sample;
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unpackResult(item)]));
  }
  return value;
}
