// The project's one JSON Lines reader (records files, training logs, k6's NDJSON output): splits text into lines,
// parses each, and reports a bad line by number and byte offset so a caller can name it or cut the file there.
// Pure: callers read the file and decide what a problem means (refuse, stop, skip).

/** Why a line could not be used. */
export type JsonLineProblem = 'incomplete' | 'empty' | 'invalid-json';

/** One line of the text: parsed, or the reason it could not be. */
export type JsonLine =
  | { ok: true; lineNumber: number; offset: number; text: string; value: unknown }
  | { ok: false; lineNumber: number; offset: number; text: string; problem: JsonLineProblem; error?: Error };

/** How strict to be about the text's shape. */
export interface JsonLinesOptions {
  /** Blank (whitespace-only) lines: skipped (default) or reported as `empty`. */
  blankLines?: 'skip' | 'problem';
  /** A last line without its newline is `incomplete` (a writer killed mid-line); default false (accepted). */
  requireFinalNewline?: boolean;
}

/** Use to walk JSON Lines text line by line; `offset` is the line's start in characters (see `byteOffset`). */
export function* jsonLines(text: string, options: JsonLinesOptions = {}): Generator<JsonLine> {
  const blankIsProblem = options.blankLines === 'problem';
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber++;
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end < 0 ? text.length : end);
    const at = { lineNumber, offset, text: line };
    if (end < 0 && options.requireFinalNewline) {
      yield { ok: false, ...at, problem: 'incomplete' };
    } else if (line.trim() === '') {
      if (blankIsProblem) yield { ok: false, ...at, problem: 'empty' };
    } else {
      let value: unknown;
      let error: Error | undefined;
      try {
        value = JSON.parse(line);
      } catch (err) {
        error = err as Error;
      }
      yield error ? { ok: false, ...at, problem: 'invalid-json', error } : { ok: true, ...at, value };
    }
    if (end < 0) return;
    offset = end + 1;
  }
}

/** The UTF-8 byte offset of character offset `offset` in `text` (to truncate a file at a bad line). */
export function byteOffset(text: string, offset: number): number {
  return Buffer.byteLength(text.slice(0, offset));
}
