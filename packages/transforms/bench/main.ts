import { runBenchmarks } from '../../../scripts/bench/harness.ts';
import { transformsBenchmarks } from './benchmarks.ts';

/** `tsx --conditions=@mmpt/source packages/transforms/bench/main.ts [--json]`: this package's benchmarks alone. */
await runBenchmarks(transformsBenchmarks, process.argv.slice(2));
process.exit(0);
