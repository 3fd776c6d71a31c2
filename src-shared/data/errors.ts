/** What kind of dataset problem stopped an import; the UI can branch on it, the CLI prints the message. */
export type DatasetErrorCode =
  | 'not-found'
  | 'not-a-folder'
  | 'unreadable'
  | 'no-images'
  | 'no-classes'
  | 'single-class'
  | 'bad-options'
  | 'idx-invalid'
  | 'cancelled';

/** An import that cannot produce a usable dataset. The message is one line saying what and where. */
export class DatasetError extends Error {
  readonly code: DatasetErrorCode;
  constructor(code: DatasetErrorCode, message: string) {
    super(message);
    this.name = 'DatasetError';
    this.code = code;
  }
}
