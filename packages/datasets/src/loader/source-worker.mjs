// Starts a data loader worker from TypeScript sources (tests, `tsx` runs): registers tsx's loader
// in this thread, then imports the real worker module. Built packages start dist/data-worker.js
// directly and never load this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
