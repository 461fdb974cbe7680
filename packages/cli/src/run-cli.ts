import { CommanderError } from 'commander';
import { createProgram } from './program';

/** Where {@link runCli} writes: stdout and stderr by default. */
export interface CliOutput {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/**
 * Runs the `mmpt` command line on `args` (without `node` and the script) and returns the exit
 * status. A failing command prints `mmpt: <message>` on one line and returns 1; with `--verbose`
 * the stack trace (and causes) follow. Usage errors are reported by commander with the help.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(args: readonly string[], output: CliOutput = {}): Promise<number> {
  const stdout = output.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = output.stderr ?? ((text: string) => void process.stderr.write(text));
  const program = createProgram((text) => stdout(`${text}\n`), { writeOut: stdout, writeErr: stderr });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has printed its own message (usage errors, --help, --version).
    if (error instanceof CommanderError) return error.exitCode;
    stderr(`mmpt: ${describeError(error, args.includes('--verbose'))}\n`);
    return 1;
  }
}

/**
 * An error as the CLI prints it: the message on one line (its lines joined), or with `verbose`
 * the stack trace followed by those of its causes.
 */
export function describeError(error: unknown, verbose = false): string {
  if (!(error instanceof Error)) return String(error);
  if (!verbose) return error.message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  const parts = [error.stack ?? error.message];
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) parts.push(`Caused by: ${cause.stack ?? cause.message}`);
  return parts.join('\n');
}
