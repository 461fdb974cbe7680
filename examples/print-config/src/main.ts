import { parsePrintConfigArguments, printConfig } from './print-config';

try {
  console.log(await printConfig(parsePrintConfigArguments(process.argv.slice(2))));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
