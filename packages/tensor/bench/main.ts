import { runBenchmarks } from '../../../scripts/bench/harness.ts';
import { tensorBenchmarks } from './benchmarks.ts';

await runBenchmarks(tensorBenchmarks, process.argv.slice(2));
process.exit(0);
