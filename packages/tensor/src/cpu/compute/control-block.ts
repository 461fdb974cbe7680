/**
 * Layout of the shared control block through which the {@link ThreadPool} hands work to its
 * workers: one slot of {@link SLOT_BYTES} bytes per worker. The worker source (an embedded
 * JavaScript string) receives these numbers in its `workerData`, so both sides agree.
 *
 * Int32 fields written by the main thread sit on the first cache line, fields written by the
 * worker on the second, arguments (float64, so i32 and f32 parameters both pass exactly) and the
 * error message after them.
 */
export const controlLayout = {
  /** Bytes per worker slot. */
  SLOT_BYTES: 2048,
  /** Int32 index: job sequence number, bumped by the main thread to post a job. */
  SEQUENCE: 0,
  /** Int32 index: index of the exported function to call, or -1 to stop the worker. */
  FUNCTION: 1,
  /** Int32 index: number of arguments. */
  ARGUMENT_COUNT: 2,
  /**
   * Int32 index: claim token. The main thread stores the job's sequence number; the worker
   * claims the job by swapping it for CLAIMED, and the main thread may withdraw an unclaimed
   * cooperative job by swapping it for WITHDRAWN.
   */
  CLAIM: 3,
  /** CLAIM value: the worker has taken the job. */
  CLAIMED: -1,
  /** CLAIM value: the main thread took the job back before the worker started it. */
  WITHDRAWN: -2,
  /** Int32 index: sequence number of the last finished job, written by the worker. */
  DONE: 16,
  /** Int32 index: 0 when the last job succeeded, 1 when it threw. */
  STATUS: 17,
  /** Int32 index: bytes of UTF-8 error message. */
  MESSAGE_LENGTH: 18,
  /** Int32 index: 1 once the worker has instantiated the module (or failed to). */
  READY: 19,
  /** Byte offset of the float64 arguments. */
  ARGUMENTS_BYTE: 128,
  /** Most arguments one call can take. */
  MAX_ARGUMENTS: 32,
  /** Byte offset of the UTF-8 error message. */
  MESSAGE_BYTE: 384,
  /** Bytes available for the error message. */
  MESSAGE_BYTES: 2048 - 384,
  /** Function index that tells a worker to exit. */
  STOP: -1,
} as const;

/** The type of {@link controlLayout}. */
export type ControlLayout = typeof controlLayout;
