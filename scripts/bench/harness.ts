import { performance } from 'node:perf_hooks';

/** One figure a benchmark reports. */
export interface BenchResult {
  bench: string;
  backend: string;
  metric: string;
  value: number;
  threads?: number;
  /** Extra notes printed in the table (not in the JSON line). */
  note?: string;
}

/** A benchmark: a name to filter on and a function that measures and returns its figures. */
export interface Benchmark {
  name: string;
  run: () => Promise<BenchResult[]> | BenchResult[];
}

/** The options of {@link measure}. */
export interface MeasureOptions {
  /** Untimed runs first. */
  warmup?: number;
  /** Timed runs; the median is reported. */
  repeats?: number;
}

/** Runs `fn` `warmup` times, then `repeats` timed times, and returns the median in seconds. */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<number> {
  for (let index = 0; index < (options.warmup ?? 2); index++) await fn();
  const times: number[] = [];
  for (let index = 0; index < (options.repeats ?? 7); index++) {
    const start = performance.now();
    await fn();
    times.push((performance.now() - start) / 1000);
  }
  return median(times);
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Runs the benchmarks whose name contains one of the filter words (all when none is given) and
 * prints a table, or one JSON line per figure with `--json`:
 * `{"bench": "matmul 1024x1024x1024", "backend": "cpu", "metric": "GFLOP/s", "value": 61.2, "threads": 2}`.
 */
export async function runBenchmarks(benchmarks: readonly Benchmark[], argv: readonly string[]): Promise<BenchResult[]> {
  const json = argv.includes('--json');
  const filters = argv.filter((argument) => !argument.startsWith('--'));
  const selected = benchmarks.filter((benchmark) => filters.length === 0 || filters.some((filter) => benchmark.name.includes(filter)));
  const results: BenchResult[] = [];
  if (!json) printRow(['bench', 'backend', 'metric', 'value', 'threads', 'note']);
  for (const benchmark of selected) {
    for (const result of await benchmark.run()) {
      results.push(result);
      if (json) {
        const { note: _note, ...line } = result;
        console.log(JSON.stringify(line));
      } else {
        printRow([result.bench, result.backend, result.metric, formatValue(result.value), result.threads === undefined ? '' : String(result.threads), result.note ?? '']);
      }
    }
  }
  if (selected.length === 0) console.error(`No benchmark matches ${filters.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
  return results;
}

const WIDTHS = [44, 8, 10, 10, 8, 0];

function printRow(cells: string[]): void {
  console.log(cells.map((cell, index) => (index === 3 ? cell.padStart(WIDTHS[index] as number) : cell.padEnd(WIDTHS[index] as number))).join('  ').trimEnd());
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
