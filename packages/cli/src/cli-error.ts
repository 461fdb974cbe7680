/** An error the CLI reports as one line, without a stack trace (unless `--verbose`). */
export class CliError extends Error {
  override name = 'CliError';
}
