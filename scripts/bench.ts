import { runBenchmarks } from './bench/harness.ts';
import { datasetBenchmarks } from '../packages/datasets/bench/benchmarks.ts';
import { webgpuBenchmarks } from '../packages/gpu/bench/benchmarks.ts';
import { modelBenchmarks } from '../packages/models/bench/benchmarks.ts';
import { tensorBenchmarks } from '../packages/tensor/bench/benchmarks.ts';
import { transformsBenchmarks } from '../packages/transforms/bench/benchmarks.ts';

/**
 * `pnpm bench [filter...] [--json]`: every benchmark of the repository, in one process, one at a
 * time (this machine has 2 cores: nothing else should run meanwhile).
 */
// Dawn's Vulkan loader (the WebGPU rows) needs XDG_RUNTIME_DIR.
process.env.XDG_RUNTIME_DIR ??= (await import('node:os')).tmpdir();
const benchmarks = [...tensorBenchmarks, ...modelBenchmarks, ...transformsBenchmarks, ...datasetBenchmarks, ...webgpuBenchmarks];
await runBenchmarks(benchmarks, process.argv.slice(2));
process.exit(0);
