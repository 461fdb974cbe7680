import { type Backend, Generator, type Parameter, type Tensor, createCpuBackend, crossEntropy, memory, randint, randn, tidy } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { gpuSuiteTitle, gpuTestBackend } from './test-support/gpu-test-backend';
import { lenet5, sgdStep } from './test-support/reference-models';

const gpu = await gpuTestBackend();

/** Trains from a fixed seed and returns the loss of each step. */
async function train(backend: Backend, steps: number): Promise<number[]> {
  const model = lenet5(backend, new Generator(17));
  const data = new Generator(5);
  const velocities = new Map<Parameter, Tensor>();
  const losses: number[] = [];
  const images = randn([steps, 8, 1, 28, 28], { generator: data, backend });
  const labels = randint(0, 10, [steps, 8], { generator: data, backend });
  for (let step = 0; step < steps; step++) {
    const loss = tidy(() => {
      const x = images.slice([{ start: step, end: step + 1 }]).reshape([8, 1, 28, 28]);
      const y = labels.slice([{ start: step, end: step + 1 }]).reshape([8]);
      return crossEntropy(model.forward(x), y);
    });
    loss.backward();
    sgdStep(model.parameters(), velocities, 0.05, 0.9);
    model.zeroGrad();
    losses.push((await loss.data())[0] as number);
    loss.dispose();
  }
  for (const velocity of velocities.values()) velocity.dispose();
  images.dispose();
  labels.dispose();
  model.dispose();
  return losses;
}

describe.skipIf(!gpu)(gpuSuiteTitle('LeNet-5 training on WebGPU', gpu), () => {
  const cpu = createCpuBackend();
  afterAll(() => {
    gpu?.dispose();
    cpu.dispose();
  });

  it('matches the CPU backend step for step over 20 SGD steps, without growing memory', async () => {
    const before = memory();
    const onCpu = await train(cpu, 20);
    const onGpu = await train(gpu!, 20);
    for (const [step, loss] of onCpu.entries()) {
      expect(Math.abs((onGpu[step] as number) - loss) / Math.abs(loss), `step ${step}: gpu ${onGpu[step]}, cpu ${loss}`).toBeLessThan(1e-4);
    }
    expect(onCpu[19]).toBeLessThan(onCpu[0] as number);
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
  });
});
