/**
 * JavaScript of a {@link ThreadPool} worker, started with `new Worker(workerSource, { eval:
 * true, workerData })`. It is a string so that it runs the same from the TypeScript sources
 * (vitest, tsx) and from the bundled `dist`, with no worker file to locate.
 *
 * `workerData`: `{ module, memory, control, slot, functionNames, spin, layout }` — the compiled
 * kernels, the shared heap memory, the control block (a SharedArrayBuffer), this worker's slot
 * in it, the exports it may call (by index), how many polls to spin before sleeping, and the
 * control block layout (`controlLayout`).
 *
 * Loop: wait until the slot's SEQUENCE changes, claim the job (CLAIM: sequence -> CLAIMED; a
 * job the main thread withdrew is skipped), call the requested export with the float64
 * arguments, record success or the error message, store DONE = SEQUENCE and notify. Any
 * exception or WebAssembly trap is caught and reported, so the main thread never hangs on it.
 */
export const workerSource = String.raw`'use strict';
const { workerData } = require('node:worker_threads');
const { module, memory, control, slot, functionNames, spin, layout } = workerData;
const base = slot * layout.SLOT_BYTES;
const ints = new Int32Array(control, base, layout.SLOT_BYTES / 4);
const argumentsView = new Float64Array(control, base + layout.ARGUMENTS_BYTE, layout.MAX_ARGUMENTS);
const messageView = new Uint8Array(control, base + layout.MESSAGE_BYTE, layout.MESSAGE_BYTES);
const encoder = new TextEncoder();

let functions = [];
let startError = null;
try {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  functions = functionNames.map((name) => instance.exports[name]);
} catch (error) {
  startError = error;
}
Atomics.store(ints, layout.READY, 1);

function describe(error) {
  if (error instanceof Error) return error.name + ': ' + error.message;
  return 'non-Error exception: ' + String(error);
}

function finish(sequence, failed, error) {
  if (!failed) {
    ints[layout.STATUS] = 0;
    ints[layout.MESSAGE_LENGTH] = 0;
  } else {
    const bytes = encoder.encode(describe(error)).subarray(0, layout.MESSAGE_BYTES);
    messageView.set(bytes);
    ints[layout.MESSAGE_LENGTH] = bytes.length;
    ints[layout.STATUS] = 1;
  }
  Atomics.store(ints, layout.DONE, sequence);
  Atomics.notify(ints, layout.DONE);
}

let seen = Atomics.load(ints, layout.DONE);
for (;;) {
  let sequence = Atomics.load(ints, layout.SEQUENCE);
  for (let poll = 0; sequence === seen && poll < spin; poll++) {
    sequence = Atomics.load(ints, layout.SEQUENCE);
  }
  if (sequence === seen) {
    Atomics.wait(ints, layout.SEQUENCE, seen);
    continue;
  }
  seen = sequence;
  const index = ints[layout.FUNCTION];
  if (index === layout.STOP) break;
  // A cooperative job the main thread has already withdrawn (it did the work itself) is skipped.
  if (Atomics.compareExchange(ints, layout.CLAIM, sequence, layout.CLAIMED) !== sequence) {
    finish(sequence, false, null);
    continue;
  }
  let failed = false;
  let failure = null;
  try {
    if (startError !== null) throw startError;
    const fn = functions[index];
    if (typeof fn !== 'function') throw new Error('unknown function index ' + index);
    const count = ints[layout.ARGUMENT_COUNT];
    const list = new Array(count);
    for (let i = 0; i < count; i++) list[i] = argumentsView[i];
    fn.apply(null, list);
  } catch (error) {
    failed = true;
    failure = error;
  }
  finish(sequence, failed, failure);
}
`;
