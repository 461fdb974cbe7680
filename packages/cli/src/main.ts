import { runCli } from './run-cli';

// The `mmpt` command: errors are one clear line and a non-zero exit (the stack with --verbose).
process.exitCode = await runCli(process.argv.slice(2));
