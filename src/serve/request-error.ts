/** A request the server refuses: a 4xx status and one line naming the field at fault. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

export function badRequest(message: string): RequestError {
  return new RequestError(400, message);
}
