import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a runner's messages go: the terminal (unless quiet) and a text log file. */
export class RunLogger {
  #file: string | undefined;

  constructor(
    file?: string,
    private readonly quiet = false,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    if (file) this.setFile(file);
  }

  /** Starts (or moves) the text log. */
  setFile(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    this.#file = file;
  }

  /** The text log's path. */
  get file(): string | undefined {
    return this.#file;
  }

  /** Logs a line with a timestamp, to the file and (unless quiet) to the terminal. */
  info(message: string): void {
    const line = `${timestamp()} - mmpt - INFO - ${message}`;
    if (this.#file) appendFileSync(this.#file, `${line}\n`);
    if (!this.quiet) this.write(line);
  }

  /** Logs a warning. */
  warn(message: string): void {
    const line = `${timestamp()} - mmpt - WARNING - ${message}`;
    if (this.#file) appendFileSync(this.#file, `${line}\n`);
    if (!this.quiet) this.write(line);
  }
}

function timestamp(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}/${pad(now.getMonth() + 1)}/${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}
