/** The history of one logged scalar: values with their counts, for windowed averages. */
export class HistoryBuffer {
  readonly values: number[] = [];
  readonly counts: number[] = [];

  update(value: number, count = 1): void {
    this.values.push(value);
    this.counts.push(count);
  }

  /** The latest value. */
  current(): number | undefined {
    return this.values[this.values.length - 1];
  }

  /** The count-weighted mean of the last `window` values (all by default). */
  mean(window = this.values.length): number {
    const start = Math.max(0, this.values.length - window);
    let total = 0;
    let count = 0;
    for (let index = start; index < this.values.length; index++) {
      total += (this.values[index] as number) * (this.counts[index] as number);
      count += this.counts[index] as number;
    }
    return count === 0 ? Number.NaN : total / count;
  }
}

/**
 * MMEngine's `MessageHub`: the runner's scalars (`train/loss`, `train/lr`, `val/accuracy/top1`)
 * with their histories, and runtime information (epoch, iteration, max iterations).
 */
export class MessageHub {
  readonly scalars = new Map<string, HistoryBuffer>();
  readonly runtimeInfo = new Map<string, unknown>();

  updateScalar(key: string, value: number, count = 1): void {
    let buffer = this.scalars.get(key);
    if (!buffer) {
      buffer = new HistoryBuffer();
      this.scalars.set(key, buffer);
    }
    buffer.update(value, count);
  }

  getScalar(key: string): HistoryBuffer | undefined {
    return this.scalars.get(key);
  }

  updateInfo(key: string, value: unknown): void {
    this.runtimeInfo.set(key, value);
  }

  getInfo<T = unknown>(key: string): T | undefined {
    return this.runtimeInfo.get(key) as T | undefined;
  }
}
