import { createProgram } from './program';

/** Runs the `mmpt` command line: errors are one clear line and a non-zero exit (stack with --verbose). */
async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const verbose = argv.includes('--verbose');
    const failure = error as Error;
    process.stderr.write(`mmpt: ${verbose ? (failure.stack ?? failure.message) : failure.message}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);
