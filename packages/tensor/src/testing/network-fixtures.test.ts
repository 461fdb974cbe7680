import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDefaultBackend } from '../core/engine';
import { createCpuBackend } from '../cpu/cpu-backend';
import { ConformanceContext } from './conformance-context';
import type { NetworkFixtureCase, NetworkSuite } from './network-fixtures';
import { runNetworkCase } from './network-fixtures';
import { NETWORK_SUITES } from './network-suites';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const context = new ConformanceContext({ name: 'cpu', createBackend: () => backend });

function suite(title: string): NetworkSuite {
  const found = NETWORK_SUITES.find((item) => item.title === title);
  if (!found) throw new Error(`no network suite ${title}`);
  return found;
}

describe('network cases', () => {
  it('cover every fixture file of the network ops (add an entry to NETWORK_SUITES in network-suites.ts for a new one)', () => {
    const files = readdirSync(new URL('../ops/nn/__fixtures__/', import.meta.url))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
    expect(NETWORK_SUITES.map((item) => item.file).sort()).toEqual(files.sort());
  });

  it('fail when a gradient differs from PyTorch', async () => {
    const conv = suite('conv2d');
    const testCase = structuredClone(conv.fixtures.basic) as NetworkFixtureCase;
    const data = testCase.grads?.w?.data as number[];
    data[0] = (data[0] as number) + 1;
    await expect(runNetworkCase(context, conv, 'basic', testCase)).rejects.toThrow(/conv2d \(basic\): gradient of w: 1 of \d+ values differ/);
  });

  it('compare running statistics updated in place', async () => {
    const norms = suite('normalisation');
    const testCase = structuredClone(norms.fixtures.batchTrain2d) as NetworkFixtureCase;
    await runNetworkCase(context, norms, 'batchTrain2d', testCase);
    const data = testCase.outputs.runningMean?.data as number[];
    data[0] = (data[0] as number) + 1;
    await expect(runNetworkCase(context, norms, 'batchTrain2d', testCase)).rejects.toThrow(/batchNorm \(batchTrain2d\): output runningMean/);
  });
});
