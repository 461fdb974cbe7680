// Run as a child process by webgpu-backend.test.ts: the process must exit on its own after dispose().
import { add, setDefaultBackend, tensor } from '@mmpt/tensor';
import { createWebGpuBackend } from '../create-webgpu-backend';

const backend = await createWebGpuBackend();
setDefaultBackend(backend);
const x = tensor([1, 2, 3]);
const y = add(x, x);
console.log(`values ${Array.from(await y.data()).join(',')}`);
backend.dispose();
