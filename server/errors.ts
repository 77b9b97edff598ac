// Errors every stage may throw and the API turns into statuses (server/api/requests.ts, sendError).

/** Asked for something the data do not have (unknown area or period): a 404, not a 400. */
export class NotFoundError extends Error {}

/** A request that does not meet its contract: a 400 with the reasons in `details`. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}
