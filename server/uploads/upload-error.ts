/** A refused upload: `status` is the HTTP status, `message` a sentence the admin can act on. */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 409 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}
