import cliProgress from 'cli-progress';

/**
 * A progress bar with an ETA on a terminal (cli-progress), silent elsewhere: log lines print above
 * the bar while it runs.
 */
export class Progress {
  #multibar: cliProgress.MultiBar | undefined;
  #bar: cliProgress.SingleBar | undefined;

  constructor(private readonly enabled = Boolean(process.stdout.isTTY)) {}

  /** Starts a bar of `total` steps named `label`. */
  start(label: string, total: number): void {
    if (!this.enabled) return;
    this.stop();
    this.#multibar = new cliProgress.MultiBar(
      { format: `${label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted} | {status}`, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    this.#bar = this.#multibar.create(total, 0, { status: '' });
  }

  /** Moves the bar to `value`, with a short status (the loss). */
  update(value: number, status = ''): void {
    this.#bar?.update(value, { status });
  }

  /** Prints a line to the terminal, above the bar while one runs. */
  print(line: string): void {
    if (this.#multibar) this.#multibar.log(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  }

  /** Whether a bar is showing. */
  get active(): boolean {
    return this.#multibar !== undefined;
  }

  stop(): void {
    this.#multibar?.stop();
    this.#multibar = undefined;
    this.#bar = undefined;
  }
}
