// Errors a user caused (bad input, missing file): the CLI prints them as one message with an exit code, never a
// stack trace. Library folders throw these; only cli/ decides how they are shown.

/** Throw for anything the user can fix; `exitCode` 2 = bad input/usage, 1 = the work itself failed. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 2;
  }
}
