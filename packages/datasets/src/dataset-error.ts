/** An error in a dataset's files or config, naming the file (and line) concerned. */
export class DatasetError extends Error {
  override name = 'DatasetError';

  constructor(
    message: string,
    /** The file concerned, when there is one. */
    readonly file?: string,
    /** The 1-based line of the file, for annotation files. */
    readonly line?: number,
  ) {
    super(message);
  }
}
