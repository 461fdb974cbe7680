import { runBenchmarks } from '../../../scripts/bench/harness.ts';
import { webgpuBenchmarks } from './benchmarks.ts';

// `pnpm --filter @mmpt/gpu bench [filter...] [--json]`: the WebGPU benchmarks alone.
process.env.XDG_RUNTIME_DIR ??= (await import('node:os')).tmpdir();
await runBenchmarks(webgpuBenchmarks, process.argv.slice(2));
process.exit(0);
