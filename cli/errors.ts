// Errors a user caused (bad input, missing file): printed as one message with an exit code, never a stack trace.

export { UserError } from '../lib/errors.ts';

/** Turns any thrown value into the text a user sees: the message, then the causes' messages (a cause whose
 * message the previous line already quotes is not repeated). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (parts.length === 0 || !parts[parts.length - 1].includes(message)) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n  caused by: ');
}
